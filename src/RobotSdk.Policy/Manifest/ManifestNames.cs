using RobotSdk.Policy.Onnx;
using RobotSdk.Policy.Remote;

namespace RobotSdk.Policy.Manifest;

/// <summary>The strings a manifest uses for enum values, in both directions.</summary>
internal static class ManifestNames
{
    public static readonly IReadOnlyDictionary<string, ImageResize> Resize = new Dictionary<string, ImageResize>
    {
        ["resize-with-pad"] = ImageResize.WithPadding,
        ["stretch"] = ImageResize.Stretch,
    };

    public static readonly IReadOnlyDictionary<string, ImageLayout> Layout = new Dictionary<string, ImageLayout>
    {
        ["hwc"] = ImageLayout.HeightWidthChannels,
        ["chw"] = ImageLayout.ChannelsHeightWidth,
    };

    public static readonly IReadOnlyDictionary<string, TensorElementType> ImageElement = new Dictionary<string, TensorElementType>
    {
        ["uint8"] = TensorElementType.UInt8,
        ["float32"] = TensorElementType.Float,
    };

    public static readonly IReadOnlyDictionary<string, NormalizationMethod> Method = new Dictionary<string, NormalizationMethod>
    {
        ["z-score"] = NormalizationMethod.ZScore,
        ["quantile"] = NormalizationMethod.Quantile,
    };

    public static readonly IReadOnlyDictionary<string, ActionSpaceKind> ActionKind = new Dictionary<string, ActionSpaceKind>
    {
        ["joint-absolute"] = ActionSpaceKind.JointAbsolute,
        ["joint-delta"] = ActionSpaceKind.JointDelta,
        ["joint-velocity"] = ActionSpaceKind.JointVelocity,
        ["end-effector"] = ActionSpaceKind.EndEffector,
    };

    public static readonly IReadOnlyDictionary<string, RotationRepresentation> Rotation = new Dictionary<string, RotationRepresentation>
    {
        ["axis-angle"] = RotationRepresentation.AxisAngle,
        ["euler-xyz"] = RotationRepresentation.EulerXyz,
        ["quaternion-wxyz"] = RotationRepresentation.QuaternionWxyz,
        ["rotation-6d"] = RotationRepresentation.Rotation6D,
        ["none"] = RotationRepresentation.None,
    };

    public static readonly IReadOnlyDictionary<string, EndEffectorFrame> Frame = new Dictionary<string, EndEffectorFrame>
    {
        ["base"] = EndEffectorFrame.Base,
        ["tool"] = EndEffectorFrame.Tool,
    };

    /// <summary>Model kinds; the records are told apart by type, so only the names are listed.</summary>
    public static readonly IReadOnlyDictionary<string, int> ModelKind = new Dictionary<string, int>
    {
        ["onnx"] = 0,
        ["flow-matching"] = 1,
        ["remote"] = 2,
    };

    /// <summary>The manifest string of <paramref name="value"/>.</summary>
    public static string NameOf<T>(IReadOnlyDictionary<string, T> names, T value)
        where T : struct
        => names.First(pair => EqualityComparer<T>.Default.Equals(pair.Value, value)).Key;
}
