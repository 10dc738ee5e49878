using RobotSdk.Geometry;
using RobotSdk.Hardware;
using RobotSdk.Kinematics;

namespace RobotSdk.Tests.Kinematics;

public sealed class InverseKinematicsTests
{
    private const double HalfMillimetre = 0.0005;
    private readonly SerialChain _chain = new(DemoArm.Description);

    [Fact]
    public void SolveInverseKinematics_ReachesTheToolPointOfRandomPoses_FromADifferentSeed()
    {
        // A local solver, seeded as MoveToPoseAsync seeds it: from a pose up to half a radian
        // away on every joint (DLS from anywhere can get pinned at a joint limit).
        var random = new Random(42);
        var failures = new List<string>();
        const int Samples = 200;
        for (int sample = 0; sample < Samples; sample++)
        {
            double[] truth = DemoArmGeometry.RandomPose(random, fraction: 0.9);
            double[] seed = [.. truth.Select(q => q + (((random.NextDouble() * 2) - 1) * 0.5))];
            Pose target = _chain.ForwardKinematics(truth);
            var solution = new double[5];

            InverseKinematicsResult result = _chain.SolveInverseKinematics(target, seed, solution);

            double error = DemoArmGeometry.Distance(target.Position, _chain.ToolPosition(solution));
            if (error >= HalfMillimetre)
            {
                failures.Add($"sample {sample}: converged {result.Converged}, error {error * 1000:0.###} mm after {result.Iterations} iterations");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {Samples} solves failed:{Environment.NewLine}{string.Join(Environment.NewLine, failures)}");
    }

    [Fact]
    public void SolveInverseKinematics_ReachesRandomPoses_FromAFarSeed_ThroughRestarts()
    {
        // Seeded at the far end of every joint range, a single damped-least-squares solve
        // stalls on joint limits for many targets; the restarts must recover them.
        var random = new Random(7);
        double[] farSeed = [.. DemoArm.Description.Joints.Take(5).Select(j => j.Limits.MaxPosition * 0.95)];
        int singleAttemptFailures = 0;
        const int Samples = 100;
        for (int sample = 0; sample < Samples; sample++)
        {
            double[] truth = DemoArmGeometry.RandomPose(random, fraction: 0.9);
            Pose target = _chain.ForwardKinematics(truth);
            var single = new double[5];
            var solution = new double[5];

            if (!_chain.SolveInverseKinematics(target, farSeed, single, new InverseKinematicsOptions { Restarts = 0 }).Converged)
            {
                singleAttemptFailures++;
            }

            InverseKinematicsResult result = _chain.SolveInverseKinematics(target, farSeed, solution);

            Assert.True(result.Converged, $"sample {sample}: {result}");
            Assert.True(DemoArmGeometry.Distance(target.Position, _chain.ToolPosition(solution)) < HalfMillimetre);
        }

        Assert.True(singleAttemptFailures > 0, "the far seed should defeat some single attempts, or this test proves nothing");
    }

    [Fact]
    public void SolveInverseKinematics_ReachesTargetsInFrontOfTheArm_FromTheZeroPose()
    {
        // Targets a table-top task uses: in front of the base (x > 0.1 m), above the table.
        var random = new Random(99);
        int tried = 0;
        while (tried < 100)
        {
            double[] truth = DemoArmGeometry.RandomPose(random, fraction: 0.9);
            Pose target = _chain.ForwardKinematics(truth);
            if (target.Position.X < 0.1 || target.Position.Z < 0.05)
            {
                continue;
            }

            tried++;
            var solution = new double[5];

            InverseKinematicsResult result = _chain.SolveInverseKinematics(target, [0, 0, 0, 0, 0], solution);

            double error = DemoArmGeometry.Distance(target.Position, _chain.ToolPosition(solution));
            Assert.True(error < HalfMillimetre, $"target {target.Position}: error {error * 1000:0.###} mm, converged {result.Converged}");
        }
    }

    [Fact]
    public void SolveInverseKinematics_ReportsTheErrorOfTheReturnedSolution_WhenItStopsAtTheIterationCap()
    {
        Pose target = _chain.ForwardKinematics([0.5, 0.5, 0.5, 0.5, 0.5]);
        var options = new InverseKinematicsOptions { MaxIterations = 2, OrientationWeight = 0.1 };
        var solution = new double[5];

        InverseKinematicsResult result = _chain.SolveInverseKinematics(target, [0, 0, 0, 0, 0], solution, options);

        Pose reached = _chain.ForwardKinematics(solution);
        Assert.False(result.Converged);
        Assert.Equal(2, result.Iterations);
        Assert.Equal(DemoArmGeometry.Distance(target.Position, reached.Position), result.PositionErrorMeters, 9);
        Assert.Equal(target.Orientation.AngleTo(reached.Orientation), result.OrientationErrorRadians, 6);
    }

    [Fact]
    public void SolveInverseKinematics_ConvergesInPlace_WhenTheSeedIsAlreadyTheAnswer()
    {
        double[] q = [0.2, 0.4, -0.3, 0.5, 0.1];
        var solution = new double[5];

        InverseKinematicsResult result = _chain.SolveInverseKinematics(_chain.ForwardKinematics(q), q, solution);

        Assert.True(result.Converged);
        Assert.Equal(0, result.Iterations);
        Assert.Equal(q, solution);
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(3, false)]
    [InlineData(4, true)]
    [InlineData(5, true)]
    [InlineData(6, true)]
    public void SolveInverseKinematics_WithOrientationWeight_ReportsConvergenceHonestly(int seed, bool reachableOrientation)
    {
        // A 5-joint arm cannot yaw its hand out of the arm's plane: a random orientation is
        // usually unreachable, the orientation of a reachable pose is reachable.
        var random = new Random(seed);
        double[] truth = DemoArmGeometry.RandomPose(random, fraction: 0.7);
        Pose reachable = _chain.ForwardKinematics(truth);
        Rotation orientation = reachableOrientation
            ? reachable.Orientation
            : Rotation.FromRollPitchYaw(random.NextDouble(), random.NextDouble(), 1.0 + random.NextDouble());
        var target = new Pose(reachable.Position, orientation);
        var options = new InverseKinematicsOptions { OrientationWeight = 0.1, MaxIterations = 500 };
        double[] seedPose = DemoArmGeometry.RandomPose(random, fraction: 0.5);
        var solution = new double[5];

        InverseKinematicsResult result = _chain.SolveInverseKinematics(target, seedPose, solution, options);

        Pose reached = _chain.ForwardKinematics(solution);
        double positionError = DemoArmGeometry.Distance(target.Position, reached.Position);
        double orientationError = target.Orientation.AngleTo(reached.Orientation);
        bool withinTolerance = positionError <= options.PositionToleranceMeters && orientationError <= options.OrientationToleranceRadians;
        Assert.Equal(withinTolerance, result.Converged);
        Assert.Equal(positionError, result.PositionErrorMeters, 9);
        Assert.Equal(orientationError, result.OrientationErrorRadians, 6);
        Assert.All(solution, value => Assert.True(double.IsFinite(value)));
    }

    [Fact]
    public void SolveInverseKinematics_ReportsNotConverged_ForAnUnreachableOrientation()
    {
        // Reachable position, but the hand yawed a quarter turn out of the arm's plane.
        Pose reachable = _chain.ForwardKinematics([0, 0.3, 0.3, 0.3, 0]);
        var target = new Pose(reachable.Position, Rotation.FromAxisAngle(new Vector3D(0, 0, 1), Math.PI / 2) * reachable.Orientation);
        var options = new InverseKinematicsOptions { OrientationWeight = 0.1 };
        var solution = new double[5];

        InverseKinematicsResult result = _chain.SolveInverseKinematics(target, [0, 0.3, 0.3, 0.3, 0], solution, options);

        Assert.False(result.Converged);
        Assert.True(result.OrientationErrorRadians > options.OrientationToleranceRadians, $"orientation error {result.OrientationErrorRadians}");
        Assert.Equal(options.MaxIterations, result.Iterations);
    }

    [Fact]
    public void SolveInverseKinematics_KeepsTheSolutionWithinJointLimits()
    {
        var random = new Random(7);
        for (int sample = 0; sample < 50; sample++)
        {
            // Targets near the edge of the reach, and seeds outside the limits.
            double[] truth = DemoArmGeometry.RandomPose(random, fraction: 1.0);
            double[] seed = DemoArmGeometry.RandomPose(random, fraction: 1.5);
            var solution = new double[5];

            _chain.SolveInverseKinematics(_chain.ForwardKinematics(truth), seed, solution);

            for (int joint = 0; joint < 5; joint++)
            {
                JointLimits limits = DemoArm.Description.Joints[joint].Limits;
                Assert.True(limits.Contains(solution[joint]), $"sample {sample}: joint {joint} at {solution[joint]} outside [{limits.MinPosition}, {limits.MaxPosition}]");
            }
        }
    }

    [Fact]
    public void SolveInverseKinematics_ReportsNotConverged_ForATargetTwoMetresAway()
    {
        var target = new Pose(new Vector3D(2, 0, 0.2), Rotation.Identity);
        var solution = new double[5];

        InverseKinematicsResult result = _chain.SolveInverseKinematics(target, [0, 0, 0, 0, 0], solution);

        Assert.False(result.Converged);
        Assert.True(result.PositionErrorMeters > 1.5, $"remaining error {result.PositionErrorMeters} m");
        Assert.All(solution, value => Assert.True(double.IsFinite(value)));
    }

    [Fact]
    public void SolveInverseKinematics_ThrowsNamingTheJoints_WhenTheSeedHasWrongLength()
    {
        var exception = Assert.Throws<ArgumentException>(() =>
            _chain.SolveInverseKinematics(Pose.Identity, [0, 0, 0], new double[5]));

        Assert.Contains("shoulder_pan, shoulder_lift, elbow_flex, wrist_flex, wrist_roll", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SolveInverseKinematics_Throws_WhenTheSolutionHasWrongLength()
    {
        Assert.Throws<ArgumentException>(() => _chain.SolveInverseKinematics(Pose.Identity, [0, 0, 0, 0, 0], new double[6]));
    }
}
