using Moq;
using RobotSdk.Geometry;
using RobotSdk.Hardware;
using RobotSdk.Kinematics;

namespace RobotSdk.Drivers.Feetech.Tests;

/// <summary>The arm catalog: models, motors, limits, gripper mapping and the SO-101 chain from its URDF.</summary>
public sealed class FeetechArmsTests
{
    private static readonly string[] LeRobotMotorNames = ["shoulder_pan", "shoulder_lift", "elbow_flex", "wrist_flex", "wrist_roll", "gripper"];

    public static TheoryData<string> Models => ["so101", "so101-leader", "so100"];

    [Theory]
    [MemberData(nameof(Models))]
    public void EveryKnownArm_HasSixSts3215AtIds1To6_InLeRobotOrder_AndAConsistentDescription(string model)
    {
        FeetechArm arm = FeetechArms.Find(model);

        Assert.Equal(model, arm.Model);
        Assert.Equal(LeRobotMotorNames, arm.Motors.Select(motor => motor.Name));
        Assert.Equal([1, 2, 3, 4, 5, 6], arm.Motors.Select(motor => (int)motor.Id));
        Assert.All(arm.Motors, motor => Assert.Same(Sts3215.Model, motor.Servo));
        Assert.All(arm.Motors, motor => Assert.Equal(1, motor.Direction));
        Assert.Empty(arm.Validate());
        Assert.Empty(arm.Description.Validate());
        Assert.Equal([CommandMode.Position], arm.Description.CommandModes);
        Assert.All(arm.Description.Joints, joint => Assert.Equal(3.0, joint.Limits.MaxVelocity));
        Assert.Equal("gripper", Assert.Single(arm.Description.Grippers).JointName);
    }

    [Fact]
    public void Identity_IsTheModelAndTheServoIds_SoAnotherIdSetIsAnotherArm()
    {
        FeetechArm arm = FeetechArms.So101Follower;
        FeetechArm renumbered = arm with { Motors = [.. arm.Motors.Select(motor => motor with { Id = (byte)(motor.Id + 10) })] };

        Assert.Equal("so101 ids 1,2,3,4,5,6", arm.Description.Identity);
        Assert.Equal("so101 ids 11,12,13,14,15,16", renumbered.Description.Identity);
        Assert.Equal("so100 ids 1,2,3,4,5,6", FeetechArms.So100Follower.Description.Identity);
    }

    [Fact]
    public void Find_IgnoresCase_AndNamesTheKnownArms_WhenTheModelIsUnknown()
    {
        Assert.Same(FeetechArms.So101Follower, FeetechArms.Find("SO101"));
        Assert.Same(FeetechArms.So100Follower, FeetechArms.Find("so100"));
        Assert.False(FeetechArms.TryFind("koch", out _));

        var error = Assert.Throws<KeyNotFoundException>(() => FeetechArms.Find("koch"));

        Assert.Contains("'koch'", error.Message);
        Assert.Contains("so101, so101-leader, so100", error.Message);
        Assert.Equal(3, FeetechArms.All.Count);
    }

    [Theory]
    [InlineData(0, 0, 0, 0, 0, 0.391361, -0.000009, 0.226470)]
    [InlineData(0.3, -0.5, 0.7, 0.2, 0.4, 0.303546, -0.085129, 0.138341)]
    [InlineData(0, -Math.PI / 2, Math.PI / 2, 0, 0, 0.250792, -0.00001, 0.141899)]
    public void So101Kinematics_ReproduceTheUrdfToolPositions_FromTheResearchNotes(double pan, double lift, double elbow, double wristFlex, double wristRoll, double x, double y, double z)
    {
        var chain = new SerialChain(FeetechArms.So101Follower.Description);

        Vector3D tool = chain.ToolPosition([pan, lift, elbow, wristFlex, wristRoll]);

        Assert.Equal(x, tool.X, 5e-6);
        Assert.Equal(y, tool.Y, 5e-6);
        Assert.Equal(z, tool.Z, 5e-6);
        Assert.Equal(["shoulder_pan", "shoulder_lift", "elbow_flex", "wrist_flex", "wrist_roll"], chain.JointNames);
    }

    [Fact]
    public void TheFollowersGripper_ClosesAtMinus10Degrees_AndOpensAt100Degrees_WithAnApproximateWidth_AndTheLeadersTriggerHasNoWidth()
    {
        GripperDescription follower = Assert.Single(FeetechArms.So101Follower.Description.Grippers);
        GripperDescription leader = Assert.Single(FeetechArms.So101Leader.Description.Grippers);

        Assert.Equal(-0.174533, follower.ClosedPosition);
        Assert.Equal(1.74533, follower.OpenPosition);
        Assert.Equal(0.11, follower.MaxWidthMeters);
        Assert.Null(leader.MaxWidthMeters);
    }

    [Fact]
    public void ACalibratedDescription_TakesItsLimitsFromTheRecordedRanges_AndItsGripperEndsFromTheGripperRange()
    {
        ServoCalibration calibration = Calibrations.Nominal(FeetechArms.So101Follower, "lab") with
        {
            Motors = Calibrations.Nominal(FeetechArms.So101Follower, "lab").Motors.ToDictionary(
                pair => pair.Key,
                pair => pair.Key == "elbow_flex" ? pair.Value with { RangeMin = 1024, RangeMax = 3072 } : pair.Key == "gripper" ? pair.Value with { RangeMin = 1900, RangeMax = 3300 } : pair.Value),
        };

        RobotDescription description = FeetechArms.So101Follower.CreateDescription(calibration);

        JointLimits elbow = description.Joints[2].Limits;
        Assert.Equal(-Math.PI / 2, elbow.MinPosition, 1e-12);
        Assert.Equal(Math.PI / 2, elbow.MaxPosition, 1e-12);
        GripperDescription gripper = Assert.Single(description.Grippers);
        Assert.Equal(StsUnits.CountsToRadians(1900), gripper.ClosedPosition, 1e-12);
        Assert.Equal(StsUnits.CountsToRadians(3300), gripper.OpenPosition, 1e-12);
    }

    [Fact]
    public void DriveMode1_ReversesAJoint_SoItsCalibratedRangeIsMirrored()
    {
        ServoCalibration nominal = Calibrations.Nominal(FeetechArms.So101Follower, "lab");
        ServoCalibration calibration = nominal with
        {
            Motors = nominal.Motors.ToDictionary(pair => pair.Key, pair => pair.Key == "shoulder_pan" ? pair.Value with { DriveMode = 1, RangeMin = 1000, RangeMax = 2548 } : pair.Value),
        };

        JointLimits pan = FeetechArms.So101Follower.CreateDescription(calibration).Joints[0].Limits;

        Assert.Equal(-StsUnits.CountsToRadians(2548), pan.MinPosition, 1e-12);
        Assert.Equal(-StsUnits.CountsToRadians(1000), pan.MaxPosition, 1e-12);
    }

    [Fact]
    public void ACalibration_FromADynamixelBus_OrWithImpossibleValues_IsRefused_NamingItsSource()
    {
        FeetechArm arm = FeetechArms.So101Follower;
        ServoCalibration nominal = Calibrations.Nominal(arm, "lab");
        ServoCalibration dynamixel = nominal with { Bus = "dynamixel" };
        ServoCalibration impossible = nominal with
        {
            Motors = nominal.Motors.ToDictionary(pair => pair.Key, pair => pair.Key == "wrist_flex" ? pair.Value with { DriveMode = 2, HomingOffset = 3000 } : pair.Value),
        };

        var bus = Assert.Throws<CalibrationMismatchException>(() => arm.EnsureCalibrationFits(dynamixel, "/tmp/lab.json"));
        var values = Assert.Throws<CalibrationMismatchException>(() => arm.EnsureCalibrationFits(impossible, "/tmp/lab.json"));

        Assert.StartsWith("/tmp/lab.json: ", bus.Message);
        Assert.Contains("'dynamixel'", bus.Message);
        Assert.Contains("'wrist_flex' has drive_mode 2", values.Message);
        Assert.Contains("homing_offset 3000", values.Message);
    }

    [Fact]
    public void AnArmDefinition_WithADuplicateId_OrAGripperOnAnUnknownMotor_IsInconsistent()
    {
        FeetechArm arm = FeetechArms.So101Follower;
        FeetechArm broken = arm with
        {
            Motors = [.. arm.Motors.Select(motor => motor.Name == "gripper" ? motor with { Id = 5 } : motor)],
            Gripper = arm.Gripper! with { MotorName = "claw" },
        };

        IReadOnlyList<string> problems = broken.Validate();

        Assert.Contains("ID 5 is used twice", problems);
        Assert.Contains("the gripper names unknown motor 'claw'", problems);
        Assert.Throws<ArgumentException>(() => new FeetechArmDriver(new Mock<Transports.ISerialPort>().Object, broken));
    }
}
