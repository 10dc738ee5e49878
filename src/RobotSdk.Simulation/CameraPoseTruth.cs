using RobotSdk.Geometry;

namespace RobotSdk.Simulation;

/// <summary>
/// Where one MJCF camera was meant to be and where it really is (it renders from the true pose).
/// Both are the camera's optical frame (OpenCV: x right, y down, z forward, as
/// <see cref="SimulatedCamera.GetOpticalPose"/>) in its parent body's frame (the world for a camera
/// outside any body). Ground truth: for tests and reports, never for calibration code.
/// </summary>
/// <param name="Name">The MJCF camera.</param>
/// <param name="ParentBody">The body that carries it, or <c>world</c>.</param>
/// <param name="OnArm">Whether the arm carries it (a wrist camera), else it is fixed in the scene.</param>
/// <param name="Nominal">The pose the MJCF gives, what a calibration may be told.</param>
/// <param name="True">The pose it renders from.</param>
public sealed record CameraPoseTruth(string Name, string ParentBody, bool OnArm, Pose Nominal, Pose True)
{
    /// <summary>Distance between the nominal and the true optical centre, metres.</summary>
    public double PositionErrorMeters => (True.Position - Nominal.Position).Length;

    /// <summary>Angle between the nominal and the true orientation, radians.</summary>
    public double RotationErrorRadians => Nominal.Orientation.AngleTo(True.Orientation);
}
