namespace RobotSdk.Policy.Manifest;

/// <summary>The language instruction of the observation.</summary>
/// <param name="Name">The openpi observation key (<c>prompt</c>) or the ONNX input tensor of the token ids.</param>
/// <param name="Tokenizer">
/// Full path of the tokenizer model (a SentencePiece <c>.model</c> file) for local models, which
/// take token ids; null for remote policies, whose server tokenizes.
/// </param>
/// <param name="MaxTokens">Token count the ids are padded or truncated to (pi0 uses 48); null for remote policies.</param>
/// <param name="MaskName">For local models, the ONNX input tensor of the token mask (true for real tokens); null when the model has none.</param>
/// <param name="DefaultText">The instruction sent when the caller gives none; null to require one.</param>
public sealed record PromptInput(string Name, string? Tokenizer, int? MaxTokens, string? MaskName, string? DefaultText);
