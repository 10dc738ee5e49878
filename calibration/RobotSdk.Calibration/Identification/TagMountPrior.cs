using System.Globalization;
using RobotSdk.Geometry;

namespace RobotSdk.Calibration.Identification;

/// <summary>
/// What is known, before any image, about where the gripper tag sits: a printed holder's drawing gives
/// its pose to about a millimetre and a degree or two. <see cref="KinematicIdentification"/> weighs it
/// against the images (a Gaussian prior: a maximum a posteriori estimate, not a constraint), which
/// determines the last link's length along the wrist-roll axis, a shift the camera alone cannot tell
/// from the tag sitting further along the gripper.
/// </summary>
/// <remarks>
/// The pose is in the frame of the chain's last joint, after its motion: the body the gripper and its
/// holder are fixed to (for a chain built from an MJCF or URDF, the last joint's child link). Not in the
/// tool frame: the tool offset (a jaw longer than drawn) is between that body and the tool point, and a
/// prior that moved with it would claim to observe it.
/// </remarks>
/// <param name="TagInLastJoint">The tag's nominal pose (the tag frame of <see cref="Fiducials.AprilTagGeometry"/>) in the last joint's frame.</param>
/// <param name="PositionStandardDeviationMeters">One-sigma uncertainty of the tag centre's position, metres, the same along every axis; must be positive.</param>
/// <param name="RotationStandardDeviationDegrees">One-sigma uncertainty of the tag's orientation, degrees, about every axis; must be positive.</param>
public sealed record TagMountPrior(Pose TagInLastJoint, double PositionStandardDeviationMeters, double RotationStandardDeviationDegrees)
{
    /// <summary>Checks every figure.</summary>
    /// <param name="parameterName">The argument named in the exception.</param>
    /// <exception cref="ArgumentException">A position component is not finite, or the orientation is not a unit quaternion (to 1e-3).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A standard deviation is not a positive finite number.</exception>
    public void Validate(string parameterName)
    {
        Vector3D position = TagInLastJoint.Position;
        Rotation orientation = TagInLastJoint.Orientation;
        if (!double.IsFinite(position.X) || !double.IsFinite(position.Y) || !double.IsFinite(position.Z))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The tag-mount prior's position ({position.X}, {position.Y}, {position.Z}) is not finite."), parameterName);
        }

        double norm = Math.Sqrt((orientation.W * orientation.W) + (orientation.X * orientation.X) + (orientation.Y * orientation.Y) + (orientation.Z * orientation.Z));
        if (!double.IsFinite(norm) || Math.Abs(norm - 1) > 1e-3)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The tag-mount prior's orientation ({orientation.W}, {orientation.X}, {orientation.Y}, {orientation.Z}) is not a unit quaternion (norm {norm})."), parameterName);
        }

        if (!(PositionStandardDeviationMeters > 0) || !double.IsFinite(PositionStandardDeviationMeters))
        {
            throw new ArgumentOutOfRangeException(parameterName, PositionStandardDeviationMeters, string.Create(CultureInfo.InvariantCulture, $"The tag-mount prior's PositionStandardDeviationMeters must be a positive number of metres; it is {PositionStandardDeviationMeters}."));
        }

        if (!(RotationStandardDeviationDegrees > 0) || !double.IsFinite(RotationStandardDeviationDegrees))
        {
            throw new ArgumentOutOfRangeException(parameterName, RotationStandardDeviationDegrees, string.Create(CultureInfo.InvariantCulture, $"The tag-mount prior's RotationStandardDeviationDegrees must be a positive number of degrees; it is {RotationStandardDeviationDegrees}."));
        }
    }
}
