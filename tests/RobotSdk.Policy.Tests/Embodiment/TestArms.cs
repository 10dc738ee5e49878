using RobotSdk.Drivers.Dynamixel;
using RobotSdk.Drivers.Feetech;
using RobotSdk.Hardware;

namespace RobotSdk.Policy.Tests.Embodiment;

/// <summary>Real robots (the SDK's Robot, its control loop and safety layer) over mirror drivers built from the SO-101 and WidowX 250s descriptions.</summary>
internal static class TestArms
{
    public static RobotDescription Describe(string arm) => arm switch
    {
        "so101" => FeetechArms.So101Follower.Description,
        "wx250s" => DynamixelArms.WidowX250s.Description,
        _ => throw new ArgumentOutOfRangeException(nameof(arm), arm, "so101 or wx250s"),
    };

    /// <summary>A connected, active robot measuring <paramref name="armPositions"/> and a gripper at <paramref name="gripperOpenFraction"/>.</summary>
    public static Robot Create(string arm, double[]? armPositions = null, double gripperOpenFraction = 0.5, RobotDescription? description = null)
    {
        description ??= Describe(arm);
        GripperDescription gripper = description.Grippers[0];
        var initial = new double[description.Joints.Count];
        int armJoint = 0;
        for (int i = 0; i < initial.Length; i++)
        {
            initial[i] = description.Joints[i].Name == gripper.JointName
                ? gripper.ClosedPosition + (gripperOpenFraction * (gripper.OpenPosition - gripper.ClosedPosition))
                : armPositions?[armJoint++] ?? 0;
        }

        var robot = new Robot(new MirrorDriver(description, new MirrorDriverOptions { LagMs = 0, InitialPositions = initial }));
        robot.Connect();
        robot.Activate(); // reads and publishes the measured state at once
        return robot;
    }

    /// <summary>A reachable joint configuration: a fraction of each arm joint's range around the middle.</summary>
    public static double[] Configuration(Robot robot, int seed, double fraction = 0.5)
    {
        var random = new Random(seed);
        return [.. robot.Arm.Joints.Select(joint =>
        {
            double middle = (joint.Limits.MinPosition + joint.Limits.MaxPosition) / 2;
            double half = (joint.Limits.MaxPosition - joint.Limits.MinPosition) / 2;
            return middle + ((random.NextDouble() * 2) - 1) * half * fraction;
        })];
    }
}
