using RobotSdk.Geometry;
using RobotSdk.Hardware;
using RobotSdk.Kinematics;

namespace RobotSdk.Drivers.Dynamixel.Tests.Arms;

/// <summary>The arm catalog as data: names, servos, shadows, limits and the documented kinematics.</summary>
public sealed class DynamixelArmsTests
{
    public static TheoryData<string> Models => ["koch", "koch-leader", "wx250s", "vx300s"];

    [Theory]
    [MemberData(nameof(Models))]
    public void Find_ReturnsEachArm_ByItsModelName_InAnyCase(string model)
    {
        DynamixelArm? arm = DynamixelArms.Find(model.ToUpperInvariant());

        Assert.NotNull(arm);
        Assert.Equal(model, arm.Model);
        Assert.Contains(arm, DynamixelArms.All);
    }

    [Fact]
    public void Find_ReturnsNull_ForAnUnknownModel() => Assert.Null(DynamixelArms.Find("so101"));

    [Theory]
    [MemberData(nameof(Models))]
    public void EveryArm_IsConsistent_AndDescribesItselfForARobot(string model)
    {
        DynamixelArm arm = DynamixelArms.Find(model)!;

        Assert.Empty(arm.Validate());
        Assert.Empty(arm.Description.Validate());
        Assert.Equal([CommandMode.Position], arm.Description.CommandModes);
        Assert.Equal("gripper", Assert.Single(arm.Description.Grippers).JointName);
    }

    [Theory]
    [InlineData("koch", "koch ids 1,2,3,4,5,6")]
    [InlineData("wx250s", "wx250s ids 1,2,4,6,7,8,9,3,5")] // primaries in joint order, then the shoulder's and elbow's shadows
    public void Identity_IsTheModelAndEveryServoId_InMotorOrder(string model, string identity)
    {
        DynamixelArm arm = DynamixelArms.Find(model)!;

        Assert.Equal(identity, arm.Identity);
        Assert.Equal(identity, arm.Description.Identity);
    }

    [Fact]
    public void TheKochFollower_HasLeRobotsServosAndModes()
    {
        DynamixelArm arm = DynamixelArms.KochFollower;

        Assert.Equal(["shoulder_pan", "shoulder_lift", "elbow_flex", "wrist_flex", "wrist_roll", "gripper"], arm.Joints.Select(joint => joint.Name));
        Assert.Equal([1, 2, 3, 4, 5, 6], arm.Joints.Select(joint => (int)joint.Id));
        Assert.Equal([1060, 1060, 1200, 1200, 1200, 1200], arm.Joints.Select(joint => (int)joint.Model.ModelNumber));
        Assert.All(arm.Joints.Take(5), joint => Assert.Equal(OperatingMode.ExtendedPosition, joint.OperatingMode));
        Assert.Equal(OperatingMode.CurrentBasedPosition, arm.Joints[5].OperatingMode);
        Assert.All(arm.Motors, motor => Assert.Equal(0, motor.DriveMode));
        Assert.Equal(["shoulder_pan", "wrist_roll"], arm.Joints.Where(joint => joint.IsFullTurn).Select(joint => joint.Name));
        Assert.Null(arm.Gripper!.TriggerOpenFraction);
    }

    [Fact]
    public void TheKochLeader_HasXl330M077s_AReversedElbow_AndATriggerGripper()
    {
        DynamixelArm arm = DynamixelArms.KochLeader;

        Assert.All(arm.Joints, joint => Assert.Equal(1190, joint.Model.ModelNumber));
        Assert.Equal(DynamixelJoint.ReverseBit, arm.Joints[arm.IndexOf("elbow_flex")].DriveMode);
        Assert.Equal(0.5, arm.Gripper!.TriggerOpenFraction);
        Assert.Equal(OperatingMode.CurrentBasedPosition, arm.Joints[5].OperatingMode);
        Assert.Null(arm.Kinematics);
    }

    [Fact]
    public void TheWidowX_PairsItsShadowsAsInterbotixConfiguresThem()
    {
        DynamixelArm arm = DynamixelArms.WidowX250s;
        Dictionary<string, DynamixelMotor> motors = arm.Motors.ToDictionary(motor => motor.Name);

        Assert.Equal(9, motors.Count);
        Assert.Equal([1, 2, 4, 6, 7, 8, 9, 3, 5], arm.Motors.Select(motor => (int)motor.Id));
        Assert.Equal([1020, 1020, 1020, 1020, 1020, 1060, 1060, 1020, 1020], arm.Motors.Select(motor => (int)motor.Model.ModelNumber));
        Assert.Equal(2, motors["shoulder_shadow"].SecondaryId);
        Assert.Equal(4, motors["elbow_shadow"].SecondaryId);
        Assert.True(motors["shoulder_shadow"].IsShadow);
        Assert.All(arm.Motors.Where(motor => !motor.IsShadow), motor => Assert.Equal(DynamixelMotor.NoSecondaryId, motor.SecondaryId));

        // Reverse bit: shadows and wrist_angle (wx250s.yaml); time-based profile on every servo.
        Assert.Equal(["wrist_angle", "shoulder_shadow", "elbow_shadow"], arm.Motors.Where(motor => (motor.DriveMode & 1) != 0).Select(motor => motor.Name));
        Assert.All(arm.Motors, motor => Assert.Equal(DynamixelJoint.TimeBasedProfileBit, motor.DriveMode & DynamixelJoint.TimeBasedProfileBit));
        Assert.All(arm.Motors, motor => Assert.Equal(OperatingMode.Position, motor.OperatingMode));
    }

    [Fact]
    public void TheViperX_ReversesItsPrimariesInsteadOfItsShadows_AndGripsWithCurrentBasedPosition()
    {
        DynamixelArm arm = DynamixelArms.ViperX300s;

        Assert.Equal([1120, 1120, 1120, 1120, 1120, 1020, 1020, 1120, 1120], arm.Motors.Select(motor => (int)motor.Model.ModelNumber));
        Assert.Equal(["shoulder", "elbow", "wrist_angle"], arm.Motors.Where(motor => (motor.DriveMode & 1) != 0).Select(motor => motor.Name));
        Assert.Equal(OperatingMode.CurrentBasedPosition, arm.Joints[arm.IndexOf("gripper")].OperatingMode);
        Assert.Equal(0.114, arm.Gripper!.MaxWidthMeters);
    }

    [Theory]
    [InlineData("koch", new[] { 0.0, 0, 0, 0, 0 }, -0.000564, -0.155606, 0.055233)]
    [InlineData("koch", new[] { 0.3, 0.5, -0.4, 0.2, 0.6 }, 0.041506, -0.172752, 0.028423)]
    [InlineData("wx250s", new[] { 0.0, 0, 0, 0, 0, 0 }, 0.458325, 0, 0.36065)]
    [InlineData("wx250s", new[] { 0.3, -0.5, 0.7, 0.2, 0.4, -0.6 }, 0.28292, 0.100359, 0.215898)]
    [InlineData("vx300s", new[] { 0.0, 0, 0, 0, 0, 0 }, 0.536494, 0, 0.42705)]
    [InlineData("vx300s", new[] { 0.3, -0.5, 0.7, 0.2, 0.4, -0.6 }, 0.329141, 0.116145, 0.26071)]
    public void NominalKinematics_GiveTheToolPositionsOfArmKinematicsMd(string model, double[] joints, double x, double y, double z)
    {
        var chain = new SerialChain(DynamixelArms.Find(model)!.Description);

        Vector3D tool = chain.ForwardKinematics(joints).Position;

        Assert.Equal(x, tool.X, 5e-6);
        Assert.Equal(y, tool.Y, 5e-6);
        Assert.Equal(z, tool.Z, 5e-6);
    }

    [Theory]
    [InlineData(2048, 1, 0.0)]
    [InlineData(3072, 1, Math.PI / 2)]
    [InlineData(1024, 1, -Math.PI / 2)]
    [InlineData(3072, -1, -Math.PI / 2)]
    [InlineData(6144, 1, 2 * Math.PI)]
    public void ToRadians_CountsFrom2048_InTheJointsDirection(int counts, int direction, double radians)
    {
        DynamixelJoint joint = DynamixelArms.KochFollower.Joints[0] with { Direction = direction };

        Assert.Equal(radians, joint.ToRadians(counts), 12);
        Assert.Equal(counts, joint.ToCounts(radians));
    }

    [Fact]
    public void ToCounts_RefusesNonFiniteAngles_AndClampsToTheExtendedRange()
    {
        DynamixelJoint joint = DynamixelArms.KochFollower.Joints[0];

        Assert.Throws<ArgumentOutOfRangeException>(() => joint.ToCounts(double.NaN));
        Assert.Equal(1_048_575, joint.ToCounts(1e9));
        Assert.Throws<ArgumentOutOfRangeException>(() => joint with { Direction = 0 });
    }

    [Fact]
    public void ACalibration_NarrowsTheLimits_AndSetsTheGripperEnds_InTheNominalOrientation()
    {
        DynamixelArm arm = DynamixelArms.WidowX250s;
        var motors = arm.Motors.ToDictionary(motor => motor.Name, motor => new MotorCalibration(motor.Id, motor.DriveMode & 1, 0, 0, 4095));
        motors["elbow"] = motors["elbow"] with { RangeMin = 1048, RangeMax = 2560 };
        motors["gripper"] = motors["gripper"] with { RangeMin = 1900, RangeMax = 2700 };
        var calibration = new ServoCalibration("wx250s", "test", "dynamixel", motors);

        RobotDescription description = arm.CreateDescription(calibration);

        JointLimits elbow = description.Joints[arm.IndexOf("elbow")].Limits;
        Assert.Equal(-1000 * ServoUnits.RadiansPerCount, elbow.MinPosition, 9);
        Assert.Equal(512 * ServoUnits.RadiansPerCount, elbow.MaxPosition, 9);
        Assert.Equal(arm.Joints[0].Limits.MinPosition, description.Joints[0].Limits.MinPosition);
        Assert.Equal(2047 * ServoUnits.RadiansPerCount, description.Joints[0].Limits.MaxPosition, 9);
        GripperDescription gripper = Assert.Single(description.Grippers);
        Assert.Equal(-148 * ServoUnits.RadiansPerCount, gripper.ClosedPosition, 9);
        Assert.Equal(652 * ServoUnits.RadiansPerCount, gripper.OpenPosition, 9);
        Assert.Equal(0.074, gripper.MaxWidthMeters);
    }
}
