using RobotSdk.Policy.Onnx;
using RobotSdk.Policy.Remote;

namespace RobotSdk.Policy.Manifest;

/// <summary>One camera feeding one image input of the policy.</summary>
/// <param name="Camera">The camera's name in the robot's camera rig, for example <c>wrist</c>.</param>
/// <param name="Name">The ONNX input tensor name, or the openpi observation key (for example <c>observation/image</c>).</param>
/// <param name="Group">For remote policies, the nested map the key sits in (ALOHA's <c>images</c>); null for a top-level key.</param>
/// <param name="Width">Width the policy expects, in pixels (224 for pi0).</param>
/// <param name="Height">Height the policy expects, in pixels (224 for pi0).</param>
/// <param name="Resize">How frames of another size are brought to <paramref name="Width"/> × <paramref name="Height"/>.</param>
/// <param name="Layout">Interleaved [H, W, 3] or planar [3, H, W].</param>
/// <param name="ElementType"><see cref="TensorElementType.UInt8"/> or <see cref="TensorElementType.Float"/>.</param>
/// <param name="ValueRange">For float images, the values of black and white; null for uint8 images.</param>
public sealed record ImageInput(
    string Camera,
    string Name,
    string? Group,
    int Width,
    int Height,
    ImageResize Resize,
    ImageLayout Layout,
    TensorElementType ElementType,
    ImageValueRange? ValueRange);
