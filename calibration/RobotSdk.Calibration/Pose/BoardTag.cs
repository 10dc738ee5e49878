using RobotSdk.Calibration.Fiducials;
using RobotSdk.Geometry;

namespace RobotSdk.Calibration;

/// <summary>One tag of a <see cref="TagBoard"/>.</summary>
/// <param name="Family">The tag's family.</param>
/// <param name="Id">The tag's id.</param>
/// <param name="SizeMetres">Edge of its black border square, in metres.</param>
/// <param name="BoardFromTag">Where the tag frame (see <see cref="AprilTagGeometry"/>) sits in the board frame.</param>
public sealed record BoardTag(AprilTagFamily Family, int Id, double SizeMetres, Pose BoardFromTag);
