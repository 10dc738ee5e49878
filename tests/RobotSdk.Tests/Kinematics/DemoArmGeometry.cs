using RobotSdk.Geometry;
using RobotSdk.Hardware;

namespace RobotSdk.Tests.Kinematics;

/// <summary>
/// The demo arm worked out by hand: a pan about Z, then three pitch joints about Y in one
/// vertical plane, then a roll about the hand's X. Link lengths are read off DemoArm's chain.
/// </summary>
internal static class DemoArmGeometry
{
    public const double ShoulderHeight = 0.10 + 0.05; // base to pan, pan to lift
    public const double UpperArm = 0.116; // lift to elbow, along Z at zero
    public const double Forearm = 0.135; // elbow to wrist flex, along X at zero
    public const double Hand = 0.06 + 0.09; // wrist flex to roll, roll to tool point

    /// <summary>Tool position and orientation from plane trigonometry.</summary>
    public static Pose ToolPose(ReadOnlySpan<double> q)
    {
        double pan = q[0], lift = q[1], elbow = q[2], wrist = q[3], roll = q[4];

        // In the arm's vertical plane: r outward, z up. A positive pitch turns +X toward -Z.
        double r = UpperArm * Math.Sin(lift);
        double z = ShoulderHeight + (UpperArm * Math.Cos(lift));
        r += Forearm * Math.Cos(lift + elbow);
        z -= Forearm * Math.Sin(lift + elbow);
        double pitch = lift + elbow + wrist;
        r += Hand * Math.Cos(pitch);
        z -= Hand * Math.Sin(pitch);

        var position = new Vector3D(r * Math.Cos(pan), r * Math.Sin(pan), z);
        Rotation orientation = Rotation.FromAxisAngle(new Vector3D(0, 0, 1), pan)
            * Rotation.FromAxisAngle(new Vector3D(0, 1, 0), pitch)
            * Rotation.FromAxisAngle(new Vector3D(1, 0, 0), roll);
        return new Pose(position, orientation);
    }

    /// <summary>Joint positions drawn uniformly within <paramref name="fraction"/> of each arm joint's range.</summary>
    public static double[] RandomPose(Random random, double fraction = 0.9)
    {
        var q = new double[5];
        for (int i = 0; i < q.Length; i++)
        {
            JointLimits limits = DemoArm.Description.Joints[i].Limits;
            double middle = (limits.MinPosition + limits.MaxPosition) / 2;
            double half = (limits.MaxPosition - limits.MinPosition) / 2 * fraction;
            q[i] = middle + ((random.NextDouble() * 2) - 1) * half;
        }

        return q;
    }

    public static double Distance(Vector3D a, Vector3D b) => (a - b).Length;
}
