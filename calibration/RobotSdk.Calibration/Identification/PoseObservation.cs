namespace RobotSdk.Calibration.Identification;

/// <summary>One calibration pose: the measured joint positions and where the tag's corners appeared.</summary>
/// <param name="JointPositions">Measured positions of the chain's joints, in chain order (base to wrist), radians or metres.</param>
/// <param name="Corners">
/// The four tag corners in the image, pixels. Order, in the tag frame (origin at the centre, z out of
/// the printed face, side s): (-s/2, -s/2), (s/2, -s/2), (s/2, s/2), (-s/2, s/2).
/// </param>
public sealed record PoseObservation(IReadOnlyList<double> JointPositions, IReadOnlyList<PixelPoint> Corners);
