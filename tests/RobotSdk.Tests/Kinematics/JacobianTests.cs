using RobotSdk.Geometry;
using RobotSdk.Hardware;
using RobotSdk.Kinematics;

namespace RobotSdk.Tests.Kinematics;

public sealed class JacobianTests
{
    private const int Joints = 5;
    private const double Step = 1e-6;
    private readonly SerialChain _chain = new(DemoArm.Description);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Jacobian_PositionRows_MatchFiniteDifferencesOfForwardKinematics(int seed)
    {
        double[] q = DemoArmGeometry.RandomPose(new Random(seed));
        double[] jacobian = Compute(q);

        for (int joint = 0; joint < Joints; joint++)
        {
            Vector3D plus = _chain.ToolPosition(Nudge(q, joint, +Step));
            Vector3D minus = _chain.ToolPosition(Nudge(q, joint, -Step));
            Vector3D numeric = (1 / (2 * Step)) * (plus - minus);

            Vector3D analytic = new(jacobian[(0 * Joints) + joint], jacobian[(1 * Joints) + joint], jacobian[(2 * Joints) + joint]);
            Assert.True((numeric - analytic).Length < 1e-7, $"joint {joint}: analytic {analytic}, numeric {numeric}");
        }
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    [InlineData(14)]
    [InlineData(15)]
    public void Jacobian_AngularRows_MatchFiniteDifferenceRotation(int seed)
    {
        double[] q = DemoArmGeometry.RandomPose(new Random(seed));
        double[] jacobian = Compute(q);

        for (int joint = 0; joint < Joints; joint++)
        {
            Rotation plus = _chain.ForwardKinematics(Nudge(q, joint, +Step)).Orientation;
            Rotation minus = _chain.ForwardKinematics(Nudge(q, joint, -Step)).Orientation;

            // The world-frame rotation taking "minus" to "plus", as a rotation vector, over 2h.
            Vector3D numeric = (1 / (2 * Step)) * RotationVector(plus * minus.Inverse());

            Vector3D analytic = new(jacobian[(3 * Joints) + joint], jacobian[(4 * Joints) + joint], jacobian[(5 * Joints) + joint]);
            Assert.True((numeric - analytic).Length < 1e-6, $"joint {joint}: analytic {analytic}, numeric {numeric}");
        }
    }

    [Fact]
    public void Jacobian_AngularColumnsAreUnitAxes_ForRevoluteJoints()
    {
        double[] jacobian = Compute([0.3, -0.2, 0.5, 0.1, -0.6]);

        for (int joint = 0; joint < Joints; joint++)
        {
            var axis = new Vector3D(jacobian[(3 * Joints) + joint], jacobian[(4 * Joints) + joint], jacobian[(5 * Joints) + joint]);
            Assert.Equal(1.0, axis.Length, 12);
        }
    }

    [Fact]
    public void Jacobian_Throws_WhenTheBufferIsTooSmall()
    {
        var exception = Assert.Throws<ArgumentException>(() => _chain.Jacobian([0, 0, 0, 0, 0], new double[29]));

        Assert.Contains("30", exception.Message, StringComparison.Ordinal);
    }

    private double[] Compute(double[] q)
    {
        var jacobian = new double[6 * Joints];
        _chain.Jacobian(q, jacobian);
        return jacobian;
    }

    private static double[] Nudge(double[] q, int joint, double delta)
    {
        double[] nudged = (double[])q.Clone();
        nudged[joint] += delta;
        return nudged;
    }

    private static Vector3D RotationVector(Rotation rotation)
    {
        if (rotation.W < 0)
        {
            rotation = new Rotation(-rotation.W, -rotation.X, -rotation.Y, -rotation.Z);
        }

        var vector = new Vector3D(rotation.X, rotation.Y, rotation.Z);
        double sinHalf = vector.Length;
        if (sinHalf < 1e-15)
        {
            return 2 * vector;
        }

        return (2 * Math.Atan2(sinHalf, rotation.W) / sinHalf) * vector;
    }
}
