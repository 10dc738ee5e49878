using RobotSdk.Geometry;
using RobotSdk.Kinematics;

namespace RobotSdk.Drivers.Elephant.Tests;

/// <summary>
/// The description's kinematic chain against Elephant's DH table computed by hand (4x4 matrices,
/// no shared code), and the 280's published coordinate limits.
/// </summary>
public sealed class MyCobot280KinematicsTests
{
    // Elephant's table in millimetres and degrees, typed again here rather than read from the driver.
    private static readonly double[,] Dh =
    {
        // d, a, alpha, offset
        { 131.22, 0, 90, 0 },
        { 0, -110.4, 0, -90 },
        { 0, -96, 0, 0 },
        { 63.4, 0, 90, -90 },
        { 75.05, 0, -90, 90 },
        { 45.6, 0, 0, 0 },
    };

    public static TheoryData<double[]> Poses => new()
    {
        new double[] { 0, 0, 0, 0, 0, 0 },
        new double[] { 0.3, -0.5, 0.7, 0.2, -0.4, 0.6 },
        new double[] { -1.2, 0.8, -1.1, 1.4, 0.9, -2.5 },
        new double[] { Math.PI / 2, 0, 0, 0, 0, 0 },
    };

    [Theory]
    [MemberData(nameof(Poses))]
    public void ForwardKinematics_MatchesTheDhTableComputedByHand(double[] joints)
    {
        var chain = new SerialChain(MyCobot280.Description);
        double[,] expected = HandComputedDh(joints);

        Pose pose = chain.ForwardKinematics(joints);

        Assert.Equal(expected[0, 3] / 1000, pose.Position.X, 1e-9);
        Assert.Equal(expected[1, 3] / 1000, pose.Position.Y, 1e-9);
        Assert.Equal(expected[2, 3] / 1000, pose.Position.Z, 1e-9);
        for (int column = 0; column < 3; column++)
        {
            var axis = new Vector3D(column == 0 ? 1 : 0, column == 1 ? 1 : 0, column == 2 ? 1 : 0);
            Vector3D rotated = pose.Orientation.Rotate(axis);
            Assert.Equal(expected[0, column], rotated.X, 1e-9);
            Assert.Equal(expected[1, column], rotated.Y, 1e-9);
            Assert.Equal(expected[2, column], rotated.Z, 1e-9);
        }
    }

    [Fact]
    public void AtZero_TheFlangeIsWhereThePublishedLimitsPutIt()
    {
        var chain = new SerialChain(MyCobot280.Description);

        Pose zero = chain.ForwardKinematics(new double[6]);
        Pose stretched = chain.ForwardKinematics([0, Math.PI / 2, 0, 0, 0, 0]);

        // z = d1 + |a2| + |a3| + d5 = 412.67 mm, pymycobot's coords_max z for the 280; x = d6, y = -d4.
        Assert.Equal(0.0456, zero.Position.X, 1e-9);
        Assert.Equal(-0.0634, zero.Position.Y, 1e-9);
        Assert.Equal(0.41267, zero.Position.Z, 1e-9);

        // Shoulder at 90 degrees lays the arm out horizontally: reach |a2| + |a3| + d5 = 281.45 mm, pymycobot's coords_max x.
        Assert.Equal(0.28145, Math.Abs(stretched.Position.X), 1e-9);
    }

    [Fact]
    public void TheDescription_IsConsistent_AndNamesItsGripper()
    {
        RobotDescription description = MyCobot280.Description;

        Assert.Empty(description.Validate());
        Assert.Equal("mycobot280", description.Model);
        Assert.Equal(["joint1", "joint2", "joint3", "joint4", "joint5", "joint6", "gripper"], description.Joints.Select(joint => joint.Name));
        GripperDescription gripper = Assert.Single(description.Grippers);
        Assert.Equal("gripper", gripper.JointName);
        Assert.Equal(0, gripper.ClosedPosition);
        Assert.Equal(1, gripper.OpenPosition);
        Assert.Null(gripper.MaxWidthMeters);
        Assert.Equal(-168 * Math.PI / 180, description.Joints[0].Limits.MinPosition, 12);
        Assert.Equal(135 * Math.PI / 180, description.Joints[1].Limits.MaxPosition, 12);
        Assert.Equal(160 * Math.PI / 180, description.Joints[4].Limits.MaxPosition, 12);
        Assert.Equal(6, description.Kinematics!.Joints.Count);
    }

    /// <summary>Standard DH: T_i = Rz(q + offset) Tz(d) Tx(a) Rx(alpha), millimetres.</summary>
    private static double[,] HandComputedDh(double[] joints)
    {
        double[,] t = Identity();
        for (int i = 0; i < 6; i++)
        {
            double theta = joints[i] + (Dh[i, 3] * Math.PI / 180);
            double alpha = Dh[i, 2] * Math.PI / 180;
            double d = Dh[i, 0];
            double a = Dh[i, 1];
            double ct = Math.Cos(theta), st = Math.Sin(theta), ca = Math.Cos(alpha), sa = Math.Sin(alpha);
            double[,] link =
            {
                { ct, -st * ca, st * sa, a * ct },
                { st, ct * ca, -ct * sa, a * st },
                { 0, sa, ca, d },
                { 0, 0, 0, 1 },
            };
            t = Multiply(t, link);
        }

        return t;
    }

    private static double[,] Identity() => new double[,] { { 1, 0, 0, 0 }, { 0, 1, 0, 0 }, { 0, 0, 1, 0 }, { 0, 0, 0, 1 } };

    private static double[,] Multiply(double[,] left, double[,] right)
    {
        var product = new double[4, 4];
        for (int row = 0; row < 4; row++)
        {
            for (int column = 0; column < 4; column++)
            {
                for (int k = 0; k < 4; k++)
                {
                    product[row, column] += left[row, k] * right[k, column];
                }
            }
        }

        return product;
    }
}
