using RobotSdk.Calibration.Procedure;
using RobotSdk.Drivers.Dynamixel;
using RobotSdk.Drivers.Elephant;
using RobotSdk.Drivers.Feetech;
using RobotSdk.Geometry;
using RobotSdk.Kinematics;

namespace RobotSdk.Calibration.Tests.Procedure;

public sealed class CalibrationPoseGeneratorTests
{
    // A camera in front of the arm, looking back at (0.25, 0, 0.15): optical z forward, x right (+y of the arm), y down.
    private static readonly Pose Camera = LookingBack(new Vector3D(0.75, 0, 0.45), new Vector3D(0.25, 0, 0.15));

    private static readonly CameraIntrinsics Intrinsics = new(640, 480, 580, 580, 320, 240);

    public static TheoryData<string> Arms => ["so101", "wx250s"];

    [Theory]
    [MemberData(nameof(Arms))]
    public void Generate_KeepsEveryPoseInsideTheShrunkLimits_AndClearOfTheTable(string arm)
    {
        (KinematicChainDescription chain, JointLimits[] limits) = Arm(arm);
        var options = new CalibrationPoseGeneratorOptions { Seed = 3, CalibrationCount = 40, HeldOutCount = 10 };

        CalibrationPosePlan plan = CalibrationPoseGenerator.Generate(chain, limits, options);

        Assert.Equal(40, plan.Calibration.Count);
        Assert.Equal(10, plan.HeldOut.Count);
        foreach (IReadOnlyList<double> pose in plan.Calibration.Concat(plan.HeldOut))
        {
            for (int j = 0; j < limits.Length; j++)
            {
                double margin = 0.1 * (limits[j].MaxPosition - limits[j].MinPosition);
                Assert.InRange(pose[j], limits[j].MinPosition + margin, limits[j].MaxPosition - margin);
            }

            // Every joint frame at least 2 cm and the tool 5 cm above the table.
            Pose frame = chain.Base;
            for (int j = 0; j < chain.Joints.Count; j++)
            {
                frame *= chain.Joints[j].Origin;
                Assert.True(frame.Position.Z >= 0.02, $"joint {j} frame at z = {frame.Position.Z}");
                frame *= new Pose(Vector3D.Zero, Rotation.FromAxisAngle(chain.Joints[j].Axis.Normalized(), pose[j]));
            }

            Assert.True((frame * chain.Tool).Position.Z >= 0.05);
            Assert.True(new SerialChain(chain, Description(arm)).ToolPosition([.. pose]).Z >= 0.05, "the generator's kinematics agree with SerialChain");
        }
    }

    [Fact]
    public void Generate_AcceptsAnArmWhoseFirstJointSitsOnTheTable_AndKeepsItsMovingFramesClear()
    {
        // The myCobot 280's DH base frame, and so its first joint's origin, is on the table: that frame cannot move.
        KinematicChainDescription chain = MyCobot280.Kinematics;
        Assert.Equal(0, (chain.Base * chain.Joints[0].Origin).Position.Z, 12);
        RobotDescription description = MyCobot280.Description;
        JointLimits[] limits = [.. chain.Joints.Select(joint => description.Joints[description.IndexOf(joint.JointName)].Limits)];

        CalibrationPosePlan plan = CalibrationPoseGenerator.Generate(chain, limits, new CalibrationPoseGeneratorOptions { Seed = 3, CalibrationCount = 20, HeldOutCount = 5 });

        foreach (IReadOnlyList<double> pose in plan.Calibration.Concat(plan.HeldOut))
        {
            Pose frame = chain.Base * chain.Joints[0].Origin;
            for (int j = 1; j < chain.Joints.Count; j++)
            {
                frame *= new Pose(Vector3D.Zero, Rotation.FromAxisAngle(chain.Joints[j - 1].Axis.Normalized(), pose[j - 1])) * chain.Joints[j].Origin;
                Assert.True(frame.Position.Z >= 0.02, $"joint {j} frame at z = {frame.Position.Z}");
            }
        }
    }

    [Fact]
    public void Generate_GivesTheSamePoses_ForTheSameSeed_AndOthersForAnother()
    {
        (KinematicChainDescription chain, JointLimits[] limits) = Arm("so101");
        var options = new CalibrationPoseGeneratorOptions { Seed = 7, CalibrationCount = 20, HeldOutCount = 5 };

        CalibrationPosePlan first = CalibrationPoseGenerator.Generate(chain, limits, options);
        CalibrationPosePlan again = CalibrationPoseGenerator.Generate(chain, limits, options);
        CalibrationPosePlan other = CalibrationPoseGenerator.Generate(chain, limits, options with { Seed = 8 });

        Assert.Equal(first.Calibration.SelectMany(p => p), again.Calibration.SelectMany(p => p));
        Assert.Equal(first.HeldOut.SelectMany(p => p), again.HeldOut.SelectMany(p => p));
        Assert.NotEqual(first.Calibration[0], other.Calibration[0]);
    }

    [Fact]
    public void Generate_KeepsPosesApart_AndTheToolInView_WithTheTagFacingTheCamera()
    {
        (KinematicChainDescription chain, JointLimits[] limits) = Arm("wx250s");
        var normal = new Vector3D(0, 0, 1);
        var options = new CalibrationPoseGeneratorOptions
        {
            Seed = 1,
            CalibrationCount = 30,
            HeldOutCount = 0,
            NominalCameraPose = Camera,
            Intrinsics = Intrinsics,
            TagNormalInTool = normal,
        };

        CalibrationPosePlan plan = CalibrationPoseGenerator.Generate(chain, limits, options);

        var serial = new SerialChain(chain, Description("wx250s"));
        var lens = new CameraModel(Intrinsics);
        for (int a = 0; a < plan.Calibration.Count; a++)
        {
            Pose tool = serial.ForwardKinematics([.. plan.Calibration[a]]);
            Assert.True(lens.TryProject(Camera.Inverse().Transform(tool.Position), out PixelPoint pixel));
            Assert.InRange(pixel.X, 60, 580);
            Assert.InRange(pixel.Y, 60, 420);
            double cosine = Vector3D.Dot(tool.Orientation.Rotate(normal), (Camera.Position - tool.Position).Normalized());
            Assert.True(cosine >= Math.Cos(55 * Math.PI / 180) - 1e-9, $"pose {a}: tag {Math.Acos(cosine) * 180 / Math.PI:0} degrees from facing the camera");
            for (int b = 0; b < a; b++)
            {
                double distance = Math.Sqrt(plan.Calibration[a].Zip(plan.Calibration[b], (x, y) => (x - y) * (x - y)).Sum());
                Assert.True(distance >= 0.2, $"poses {a} and {b} are {distance} rad apart");
            }
        }
    }

    [Fact]
    public void Generate_SaysHowManyItFound_WhenTheConstraintsAreTooTight()
    {
        (KinematicChainDescription chain, JointLimits[] limits) = Arm("so101");
        var options = new CalibrationPoseGeneratorOptions { CalibrationCount = 50, HeldOutCount = 0, MinimumToolHeightMeters = 5, MaximumAttempts = 1000 };

        InvalidOperationException exception = Assert.Throws<InvalidOperationException>(() => CalibrationPoseGenerator.Generate(chain, limits, options));
        Assert.Contains("Found 0 of 50", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.2, 1.2, 1)] // the link points out and down: gravity turns it further positive
    [InlineData(1.9, 2.9, -1)] // past vertical-down the other way: gravity turns it back, negative
    public void ChooseApproachOffsets_ApproachesFromTheSideGravityPullsTowards(double low, double high, int expectedSign)
    {
        // One hinge about +y, 1 m above the table, a 0.3 m link along +x: rotating +theta about y takes +x towards -z.
        KinematicChainDescription chain = Pendulum();
        JointLimits[] limits = [new JointLimits(low, high, 1, 1)];

        double[] offsets = CalibrationPoseGenerator.ChooseApproachOffsets(chain, limits, new CalibrationPoseGeneratorOptions { Seed = 2 }, 0.05);

        Assert.Equal([expectedSign * 0.05], offsets);
    }

    [Fact]
    public void ChooseApproachOffsets_KeepsThePositiveSide_ForAJointGravityDoesNotLoad()
    {
        // A vertical axis: gravity has no moment about it, whatever the pose.
        var chain = new KinematicChainDescription(
            [new KinematicJoint("turntable", JointKind.Revolute, new Pose(new Vector3D(0, 0, 1), Rotation.Identity), new Vector3D(0, 0, 1))],
            new Pose(new Vector3D(0.3, 0, 0), Rotation.Identity));

        double[] offsets = CalibrationPoseGenerator.ChooseApproachOffsets(chain, [new JointLimits(-2, 2, 1, 1)], new CalibrationPoseGeneratorOptions(), 0.05);

        Assert.Equal([0.05], offsets);
    }

    [Theory]
    [InlineData(0.05)]
    [InlineData(-0.05)]
    public void Generate_WithApproachOffsets_KeepsOnlyPosesGravityPullsTowardsTheApproachSide(double offset)
    {
        // Limits across horizontal (theta = pi/2 hangs straight down): gravity pulls positive below pi/2, negative above.
        KinematicChainDescription chain = Pendulum();
        JointLimits[] limits = [new JointLimits(0.2, 2.9, 1, 1)];
        var options = new CalibrationPoseGeneratorOptions { Seed = 4, CalibrationCount = 8, HeldOutCount = 0, MinimumSeparationRadians = 0.05, ApproachOffsets = [offset] };

        CalibrationPosePlan plan = CalibrationPoseGenerator.Generate(chain, limits, options);

        foreach (IReadOnlyList<double> pose in plan.Calibration)
        {
            // Moment arm of the link's midpoint about +y under gravity (-z): 0.15 cos(theta).
            double arm = 0.15 * Math.Cos(pose[0]);
            Assert.True(arm * Math.Sign(offset) >= -0.005, $"pose at {pose[0]} rad: gravity pulls against the approach side (arm {arm} m)");
        }

        Assert.Contains(plan.Calibration, pose => Math.Abs(pose[0] - (Math.PI / 2)) > 0.3);
    }

    [Fact]
    public void Generate_RejectsApproachOffsets_ThatDoNotMatchTheChain()
    {
        (KinematicChainDescription chain, JointLimits[] limits) = Arm("so101");

        ArgumentException exception = Assert.Throws<ArgumentException>(() => CalibrationPoseGenerator.Generate(chain, limits, new CalibrationPoseGeneratorOptions { ApproachOffsets = [0.05, 0.05] }));
        Assert.Contains("2 approach offsets", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GravityMomentArms_AveragesTheLinkMidpoints_OfTheWholeDistalChain()
    {
        // Two hinges about +y: the first at z = 1, the second 0.2 m out along x, the tool 0.1 m further.
        var chain = new KinematicChainDescription(
            [
                new KinematicJoint("shoulder", JointKind.Revolute, new Pose(new Vector3D(0, 0, 1), Rotation.Identity), new Vector3D(0, 1, 0)),
                new KinematicJoint("elbow", JointKind.Revolute, new Pose(new Vector3D(0.2, 0, 0), Rotation.Identity), new Vector3D(0, 1, 0)),
            ],
            new Pose(new Vector3D(0.1, 0, 0), Rotation.Identity));
        var arms = new double[2];

        // Elbow folded straight up: forearm midpoint 0.05 m above the elbow, no horizontal arm about it.
        CalibrationPoseGenerator.GravityMomentArms(chain, [0.0, -Math.PI / 2], arms);

        Assert.Equal((0.1 + 0.2) / 2, arms[0], 9); // upper arm midpoint 0.1 m out, forearm midpoint 0.2 m out
        Assert.Equal(0, arms[1], 9);
    }

    private static KinematicChainDescription Pendulum() => new(
        [new KinematicJoint("hinge", JointKind.Revolute, new Pose(new Vector3D(0, 0, 1), Rotation.Identity), new Vector3D(0, 1, 0))],
        new Pose(new Vector3D(0.3, 0, 0), Rotation.Identity));

    private static Pose LookingBack(Vector3D position, Vector3D target)
    {
        Vector3D z = (target - position).Normalized();
        Vector3D x = Vector3D.Cross(z, new Vector3D(0, 0, 1)).Normalized();
        Vector3D y = Vector3D.Cross(z, x);
        return new Pose(position, RotationMatrices.FromMatrix(x.X, y.X, z.X, x.Y, y.Y, z.Y, x.Z, y.Z, z.Z));
    }

    private static RobotDescription Description(string arm) =>
        arm == "so101" ? FeetechArms.So101Follower.Description : DynamixelArms.WidowX250s.Description;

    private static (KinematicChainDescription Chain, JointLimits[] Limits) Arm(string arm)
    {
        RobotDescription description = Description(arm);
        KinematicChainDescription chain = arm == "so101" ? FeetechArms.So101Follower.Kinematics! : DynamixelArms.WidowX250s.Kinematics!;
        return (chain, [.. chain.Joints.Select(joint => description.Joints[description.IndexOf(joint.JointName)].Limits)]);
    }
}
