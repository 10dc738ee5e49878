namespace RobotSdk.Policy.Tokenization;

/// <summary>One vocabulary entry of a model file: its text (and UTF-8 bytes), score and type.</summary>
internal sealed record SentencePieceEntry(string Text, byte[] Utf8, float Score, SentencePieceType Type);
