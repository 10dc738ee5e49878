namespace RobotSdk;

/// <summary>A camera that belongs to a robot.</summary>
/// <param name="Name">Stable name, for example <c>scene</c> or <c>wrist</c>.</param>
/// <param name="Mount">Fixed or wrist-mounted.</param>
/// <param name="Width">Image width in pixels.</param>
/// <param name="Height">Image height in pixels.</param>
public sealed record CameraDescription(string Name, CameraMount Mount, int Width, int Height);
