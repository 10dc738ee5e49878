using RobotSdk.Geometry;

namespace RobotSdk;

/// <summary>
/// One camera of a <see cref="CameraRig"/>: what it is, where it sits and, once calibrated, how
/// it sees. Real and simulated cameras are described alike.
/// </summary>
/// <param name="Name">Stable name, for example <c>scene</c> or <c>wrist</c>.</param>
/// <param name="Mount">Fixed in the scene or carried by the arm; decides what <see cref="Extrinsics"/> is relative to.</param>
/// <param name="Width">Image width in pixels.</param>
/// <param name="Height">Image height in pixels.</param>
public sealed record CameraRigEntry(string Name, CameraMount Mount, int Width, int Height)
{
    /// <summary>
    /// Where frames come from, when the rig says: a device path (<c>/dev/video0</c>), a file, a
    /// stream URL, or the name of a simulated camera; null to leave it to the application.
    /// </summary>
    public string? Source { get; init; }

    /// <summary>Intrinsics from a calibration, for <see cref="Width"/> x <see cref="Height"/>; null until calibrated.</summary>
    public CameraIntrinsics? Intrinsics { get; init; }

    /// <summary>
    /// The camera's pose (optical frame: x right, y down, z forward, as in OpenCV) relative to the
    /// robot base for a <see cref="CameraMount.Fixed"/> camera, or to the tool flange for a
    /// <see cref="CameraMount.Wrist"/> camera: it maps camera coordinates into that frame. Null
    /// until hand-eye calibration.
    /// </summary>
    public Pose? Extrinsics { get; init; }

    /// <summary>The description drivers and the app API use for this camera.</summary>
    public CameraDescription Description => new(Name, Mount, Width, Height);
}
