using RobotSdk.Geometry;

namespace RobotSdk.Hardware;

/// <summary>
/// A generic five-joint arm with a gripper, proportioned like an SO-101, for the mirror
/// driver and examples. It is not a real product: the real arm models come with their drivers.
/// Zero pose: upper arm vertical, forearm and hand pointing along +X.
/// </summary>
public static class DemoArm
{
    /// <summary>Model name in profiles.</summary>
    public const string Model = "demo-arm";

    /// <summary>The description.</summary>
    public static RobotDescription Description { get; } = Create();

    private static RobotDescription Create()
    {
        const double Velocity = 3.0; // rad/s, about an STS3215's no-load speed under load
        const double Acceleration = 20.0; // rad/s^2
        JointDescription Revolute(string name, double min, double max) =>
            new(name, JointKind.Revolute, new JointLimits(min, max, Velocity, Acceleration)) { EncoderCountsPerUnit = 4096 / (2 * Math.PI) };

        var y = new Vector3D(0, 1, 0);
        KinematicJoint Joint(string name, double x, double z, Vector3D axis) =>
            new(name, JointKind.Revolute, new Pose(new Vector3D(x, 0, z), Rotation.Identity), axis);

        return new RobotDescription(Model,
        [
            Revolute("shoulder_pan", -1.92, 1.92),
            Revolute("shoulder_lift", -1.75, 1.75),
            Revolute("elbow_flex", -1.69, 1.69),
            Revolute("wrist_flex", -1.66, 1.66),
            Revolute("wrist_roll", -2.8, 2.8),
            Revolute("gripper", 0, 1.75),
        ])
        {
            Grippers = [new GripperDescription("gripper", "gripper", ClosedPosition: 0, OpenPosition: 1.6) { MaxWidthMeters = 0.07 }],
            Kinematics = new KinematicChainDescription(
            [
                Joint("shoulder_pan", 0, 0.10, new Vector3D(0, 0, 1)),
                Joint("shoulder_lift", 0, 0.05, y),
                Joint("elbow_flex", 0, 0.116, y),
                Joint("wrist_flex", 0.135, 0, y),
                Joint("wrist_roll", 0.06, 0, new Vector3D(1, 0, 0)),
            ],
            new Pose(new Vector3D(0.09, 0, 0), Rotation.Identity)),
        };
    }
}
