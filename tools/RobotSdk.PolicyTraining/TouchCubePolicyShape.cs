using RobotSdk.Policy.Manifest;
using RobotSdk.Policy.Onnx;
using RobotSdk.Policy.Remote;
using RobotSdk.Virtual.Tasks;

namespace RobotSdk.PolicyTraining;

/// <summary>
/// The observation and action contract of the touch-cube policy, shared by recording, training,
/// export, the manifest and evaluation so that they cannot drift apart.
/// </summary>
internal static class TouchCubePolicyShape
{
    /// <summary>Side of the square image the network sees, pixels.</summary>
    public const int ImageSize = 32;

    /// <summary>Numbers in one image: 3 × <see cref="ImageSize"/>².</summary>
    public const int ImageLength = 3 * ImageSize * ImageSize;

    /// <summary>State numbers: the tool point's x, y, z in the base frame.</summary>
    public const int StateLength = 3;

    /// <summary>Numbers per action: an absolute tool position x, y, z in the base frame.</summary>
    public const int ActionDimensions = 3;

    /// <summary>Actions per chunk, H.</summary>
    public const int ChunkLength = 10;

    /// <summary>
    /// Actions executed from each chunk. 8 of 10: measured with the bundled model (TRAINING.md),
    /// replanning sooner did worse, because once the arm is over the cube it hides the cube from the
    /// overhead camera, and a chunk planned while the cube was in view is the better guide.
    /// </summary>
    public const int ExecutionHorizon = 8;

    /// <summary>Actions per second.</summary>
    public const double ControlRateHertz = 10;

    /// <summary>Numbers per chunk.</summary>
    public const int ChunkNumbers = ChunkLength * ActionDimensions;

    /// <summary>The ONNX input holding the image.</summary>
    public const string ImageInputName = "image";

    /// <summary>The ONNX input holding the normalized state.</summary>
    public const string StateInputName = "state";

    /// <summary>The ONNX output holding the normalized chunk.</summary>
    public const string ActionOutputName = "actions";

    /// <summary>The state elements, as an embodiment adapter resolves them.</summary>
    public static IReadOnlyList<string> StateNames { get; } = Array.AsReadOnly(["tool.x", "tool.y", "tool.z"]);

    /// <summary>The image input: the overhead camera, resized with padding, planar float32 in [0, 1].</summary>
    public static ImageInput Image { get; } = new(
        TouchCubeTask.CameraName,
        ImageInputName,
        null,
        ImageSize,
        ImageSize,
        ImageResize.WithPadding,
        ImageLayout.ChannelsHeightWidth,
        TensorElementType.Float,
        new ImageValueRange(0, 1));
}
