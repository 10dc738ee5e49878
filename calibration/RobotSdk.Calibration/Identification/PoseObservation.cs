namespace RobotSdk.Calibration.Identification;

/// <summary>One calibration pose: the measured joint positions and where the tag's corners appeared.</summary>
/// <param name="JointPositions">Measured positions of the chain's joints, in chain order (base to wrist), radians or metres.</param>
/// <param name="Corners">
/// The four tag corners in the image, pixels, exactly as <see cref="Fiducials.AprilTagDetection.Corners"/>
/// gives them (order and tag frame of <see cref="Fiducials.AprilTagGeometry"/>; conventions in the
/// library's README).
/// </param>
public sealed record PoseObservation(IReadOnlyList<double> JointPositions, IReadOnlyList<PixelPoint> Corners);
