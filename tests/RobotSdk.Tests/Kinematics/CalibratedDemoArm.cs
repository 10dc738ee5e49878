using RobotSdk.Geometry;
using RobotSdk.Hardware;

namespace RobotSdk.Tests.Kinematics;

/// <summary>
/// The demo arm's chain as a calibration would correct it: a zero offset on one joint, folded into
/// that joint's origin (a rotation about its own axis), so the same measured positions put the
/// tool elsewhere.
/// </summary>
internal static class CalibratedDemoArm
{
    public const int ShoulderLift = 1;

    public static KinematicChainDescription WithOffset(int joint, double offsetRadians)
    {
        KinematicChainDescription nominal = DemoArm.Description.Kinematics!;
        KinematicJoint[] joints = [.. nominal.Joints];
        KinematicJoint corrected = joints[joint];
        joints[joint] = corrected with
        {
            Origin = corrected.Origin with { Orientation = corrected.Origin.Orientation * Rotation.FromAxisAngle(corrected.Axis, offsetRadians) },
        };
        return nominal with { Joints = joints };
    }

    public static double Degrees(double degrees) => degrees * Math.PI / 180;
}
