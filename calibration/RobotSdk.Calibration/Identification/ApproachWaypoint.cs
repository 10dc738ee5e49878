namespace RobotSdk.Calibration.Identification;

/// <summary>One waypoint of a calibration pose sequence.</summary>
/// <param name="Positions">Joint positions, in the order of the poses given.</param>
/// <param name="PoseIndex">The calibration pose this waypoint leads to or is.</param>
/// <param name="IsMeasurement">True at the pose itself (settle, then read joints and take the image); false at its pre-pose.</param>
public sealed record ApproachWaypoint(IReadOnlyList<double> Positions, int PoseIndex, bool IsMeasurement);
