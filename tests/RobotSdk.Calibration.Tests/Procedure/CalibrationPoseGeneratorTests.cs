using RobotSdk.Calibration.Procedure;
using RobotSdk.Drivers.Dynamixel;
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
