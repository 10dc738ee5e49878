namespace RobotSdk.Policy.Manifest;

/// <summary>
/// A single ONNX graph whose inputs are the manifest's image, state and prompt inputs (by their
/// names) and whose output named by <see cref="ActionSpace.Name"/> is the action chunk [H, D] or [1, H, D]
/// (manifest <c>"kind": "onnx"</c>).
/// </summary>
/// <param name="Path">Full path of the <c>.onnx</c> file (written relative to the manifest).</param>
public sealed record OnnxPolicyModel(string Path) : PolicyModel;
