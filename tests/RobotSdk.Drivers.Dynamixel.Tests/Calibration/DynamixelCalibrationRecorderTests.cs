using System.Text.Json.Nodes;
using RobotSdk.Drivers.Dynamixel.Emulation;
using RobotSdk.Hardware;

namespace RobotSdk.Drivers.Dynamixel.Tests.Calibration;

/// <summary>Servo calibration through the API, and calibrations (RobotSdk's and LeRobot's) applied by the driver.</summary>
public sealed class DynamixelCalibrationRecorderTests : IDisposable
{
    /// <summary>Mounting errors of the Koch's servos (motor angle at joint 0), radians: what calibration must cancel.</summary>
    private static readonly Dictionary<byte, double> KochMounting = new() { [1] = 0.3, [2] = -0.2, [3] = 0.5, [4] = -0.4, [5] = 0.25, [6] = 0.1 };

    private readonly string _directory = Directory.CreateTempSubdirectory("dxl-calibration-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task ARecordedCalibration_SurvivesSaveAndLoad_AndMakesTheDriverReadTheTrueJointAngles()
    {
        using var rig = new ArmRig(DynamixelArms.KochFollower, Mounted(KochMounting), initialPositions: new double[6]);
        ServoCalibration calibration;
        (var port, DynamixelBus bus) = rig.OpenBus();
        var recorder = new DynamixelCalibrationRecorder(bus, rig.Arm);

        recorder.Begin();
        Assert.Equal(DynamixelCalibrationStage.Begun, recorder.Stage);
        recorder.RecordHome();
        Assert.All(recorder.Progress.Motors, motor => Assert.Equal(2048, motor.PresentPosition));
        SweepEveryJoint(rig, recorder, low: -0.5, high: 0.6);
        calibration = recorder.Finish("koch-on-the-bench");
        port.Dispose();

        Assert.Equal(DynamixelCalibrationStage.Finished, recorder.Stage);
        Assert.Equal(("koch", "koch-on-the-bench", "dynamixel"), (calibration.Arm, calibration.ArmId, calibration.Bus));
        Assert.Equal(rig.Arm.MotorIds.Keys.Order(), calibration.Motors.Keys.Order());
        foreach (DynamixelJoint joint in rig.Arm.Joints)
        {
            MotorCalibration motor = calibration.Motors[joint.Name];
            Assert.Equal(joint.Id, motor.Id);
            Assert.Equal(0, motor.DriveMode);
            Assert.Equal(-(int)Math.Round(KochMounting[joint.Id] / ServoUnits.RadiansPerCount), motor.HomingOffset);
            (int min, int max) = joint.IsFullTurn ? (0, 4095) : (2048 - 326, 2048 + 391);
            AssertNear(min, motor.RangeMin);
            AssertNear(max, motor.RangeMax);
            AssertNear(max, rig.Bus.ReadRegister(joint.Id, XSeriesControlTable.MaxPositionLimit));
        }

        string path = Path.Combine(_directory, "koch.json");
        ServoCalibrationFile.Save(calibration, path);
        ServoCalibration loaded = ServoCalibrationFile.Load(path);

        // Forget what the recorder wrote: the driver must put it back from the file.
        foreach (DynamixelMotor motor in rig.Arm.Motors)
        {
            rig.Bus.WriteRegister(motor.Id, XSeriesControlTable.HomingOffset, 0);
        }

        rig.Backend.SetPosition(1, 0.35);
        Robot robot = rig.CreateRobot(WithCalibration(loaded, path));
        robot.Connect();

        Assert.Equal(calibration.Motors["elbow_flex"].HomingOffset, rig.Bus.ReadRegister(3, XSeriesControlTable.HomingOffset));
        var state = new JointFrame(6);
        ArmRig.WaitCycles(robot, 3);
        robot.ReadState(state);
        for (int joint = 0; joint < 6; joint++)
        {
            Assert.Equal(rig.Backend.GetPresentPosition(joint), state.Positions[joint], 0.002);
        }

        JointLimits lift = robot.Description.Joints[1].Limits;
        Assert.Equal(-0.5, lift.MinPosition, 0.003);
        Assert.Equal(0.6, lift.MaxPosition, 0.003);

        robot.Activate();
        await robot.Arm.MoveToAsync([0.1, 0.2, -0.3, 0.4, -0.1], speedFraction: 1);
        Assert.Equal(-0.3, rig.Backend.GetPresentPosition(2), 0.012);
    }

    [Fact]
    public void AWidowXCalibration_GivesEachShadowServoItsOwnEntry_AndAlignsItWithItsPrimary()
    {
        using var rig = new ArmRig(DynamixelArms.WidowX250s, new DynamixelArmEmulatorOptions
        {
            ConfigureServo = servo => servo.Id switch
            {
                2 => servo with { ZeroOffsetRadians = 0.02 },
                3 => servo with { ZeroOffsetRadians = -0.07 },
                _ => servo,
            },
        }, initialPositions: new double[7]);
        (var port, DynamixelBus bus) = rig.OpenBus();
        var recorder = new DynamixelCalibrationRecorder(bus, rig.Arm);

        recorder.Begin();
        recorder.RecordHome();
        SweepEveryJoint(rig, recorder, low: -0.3, high: 0.3);
        ServoCalibration calibration = recorder.Finish("widowx");
        port.Dispose();

        Assert.Equal(9, calibration.Motors.Count);
        MotorCalibration shoulder = calibration.Motors["shoulder"];
        MotorCalibration shadow = calibration.Motors["shoulder_shadow"];
        Assert.Equal((2, 0), (shoulder.Id, shoulder.DriveMode));
        Assert.Equal((3, 1), (shadow.Id, shadow.DriveMode));
        Assert.Equal(1, calibration.Motors["wrist_angle"].DriveMode);
        Assert.NotEqual(shoulder.HomingOffset, shadow.HomingOffset);
        AssertNear(shoulder.RangeMin, shadow.RangeMin);
        AssertNear(shoulder.RangeMax, shadow.RangeMax);

        DynamixelArmDriverOptions options = WithCalibration(calibration, "recorded");
        DynamixelArmDriver driver = rig.CreateDriver(options);
        driver.Configure();
        Assert.Equal((int)OperatingMode.Position, rig.Bus.ReadRegister(2, XSeriesControlTable.OperatingMode));
        Assert.InRange(rig.Bus.ReadRegister(3, XSeriesControlTable.PresentPosition) - rig.Bus.ReadRegister(2, XSeriesControlTable.PresentPosition), -1, 1);
    }

    [Fact]
    public void AnotherArmsCalibrationFile_IsRefusedAtConnect_NamingTheFile()
    {
        using var rig = new ArmRig(DynamixelArms.KochFollower);
        string path = Path.Combine(_directory, "widowx.json");
        ServoCalibrationFile.Save(NeutralCalibration(DynamixelArms.WidowX250s), path);
        Robot robot = rig.CreateRobot(WithCalibration(ServoCalibrationFile.Load(path), path));

        CalibrationMismatchException failure = Assert.Throws<CalibrationMismatchException>(robot.Connect);

        Assert.Contains(path, failure.Message, StringComparison.Ordinal);
        Assert.Contains("'wx250s'", failure.Message, StringComparison.Ordinal);
        Assert.Equal(RobotState.Disconnected, robot.State);
    }

    [Fact]
    public void ACalibrationRecordedWithAnotherDriveMode_IsRefused()
    {
        using var rig = new ArmRig(DynamixelArms.KochLeader);
        ServoCalibration calibration = NeutralCalibration(DynamixelArms.KochLeader);
        var motors = calibration.Motors.ToDictionary();
        motors["elbow_flex"] = motors["elbow_flex"] with { DriveMode = 0 };
        DynamixelArmDriver driver = rig.CreateDriver(WithCalibration(calibration with { Motors = motors }, "leader.json"));

        CalibrationMismatchException failure = Assert.Throws<CalibrationMismatchException>(driver.Configure);

        Assert.Contains("leader.json", failure.Message, StringComparison.Ordinal);
        Assert.Contains("'elbow_flex'", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALeRobotKochCalibrationFile_IsImported_WrittenToTheServos_AndCentresTheJoints()
    {
        using var rig = new ArmRig(DynamixelArms.KochFollower, Mounted(KochMounting), initialPositions: new double[6]);

        // As LeRobot's koch_follower writes it: half-turn homing (2047 at the pose held), full-turn pan and roll.
        var file = new JsonObject();
        foreach (DynamixelJoint joint in rig.Arm.Joints)
        {
            int actual = 2048 + (int)Math.Round(KochMounting[joint.Id] / ServoUnits.RadiansPerCount);
            file[joint.Name] = new JsonObject
            {
                ["id"] = joint.Id,
                ["drive_mode"] = 0,
                ["homing_offset"] = 2047 - actual,
                ["range_min"] = joint.IsFullTurn ? 0 : 1400,
                ["range_max"] = joint.IsFullTurn ? 4095 : 2700,
            };
        }

        string path = Path.Combine(_directory, "koch_follower_main.json");
        File.WriteAllText(path, file.ToJsonString());
        ServoCalibration calibration = ServoCalibrationFile.ImportLeRobot(path, "koch", "main", "dynamixel");
        Robot robot = rig.CreateRobot(WithCalibration(calibration, path));

        robot.Connect();

        foreach (DynamixelJoint joint in rig.Arm.Joints)
        {
            Assert.Equal(file[joint.Name]!["homing_offset"]!.GetValue<int>(), rig.Bus.ReadRegister(joint.Id, XSeriesControlTable.HomingOffset));
            Assert.Equal(file[joint.Name]!["range_min"]!.GetValue<int>(), rig.Bus.ReadRegister(joint.Id, XSeriesControlTable.MinPositionLimit));
            Assert.Equal(file[joint.Name]!["range_max"]!.GetValue<int>(), rig.Bus.ReadRegister(joint.Id, XSeriesControlTable.MaxPositionLimit));
        }

        var state = new JointFrame(6);
        ArmRig.WaitCycles(robot, 3);
        robot.ReadState(state);
        Assert.All(state.Positions.ToArray(), position => Assert.Equal(-ServoUnits.RadiansPerCount, position, 1e-9));
        Assert.Equal((1400 - 2048) * ServoUnits.RadiansPerCount, robot.Description.Joints[2].Limits.MinPosition, 9);

        robot.Activate();
        await robot.Arm.MoveToAsync([0.4, -0.3, 0.2, -0.1, 0.3], speedFraction: 1);
        Assert.Equal(-0.3, rig.Backend.GetPresentPosition(1), 0.012);
    }

    [Fact]
    public void Finish_RefusesARecording_InWhichAJointNeverMoved_NamingIt()
    {
        using var rig = new ArmRig(DynamixelArms.KochFollower, initialPositions: new double[6]);
        (_, DynamixelBus bus) = rig.OpenBus();
        var recorder = new DynamixelCalibrationRecorder(bus, rig.Arm);
        Assert.Throws<InvalidOperationException>(recorder.RecordHome);
        recorder.Begin();
        recorder.RecordHome();
        rig.Backend.SetPosition(1, 0.4);
        recorder.Sample();

        InvalidOperationException failure = Assert.Throws<InvalidOperationException>(() => recorder.Finish("koch"));

        Assert.Contains("elbow_flex, wrist_flex, gripper", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("shoulder_pan", failure.Message, StringComparison.Ordinal);
        Assert.Equal(["elbow_flex", "wrist_flex", "gripper"], recorder.Progress.MotorsWithoutRange);
    }

    [Fact]
    public void TheRecorder_WorksOnAConfiguredDriversBus_AndNotOnAnUnconfiguredOne()
    {
        using var rig = new ArmRig(DynamixelArms.KochFollower);
        DynamixelArmDriver driver = rig.CreateDriver();
        Assert.Throws<InvalidOperationException>(() => new DynamixelCalibrationRecorder(driver));
        driver.Configure();

        var recorder = new DynamixelCalibrationRecorder(driver);
        recorder.Begin();
        recorder.RecordHome();

        Assert.Equal(DynamixelCalibrationStage.HomeRecorded, recorder.Stage);
        Assert.All(rig.Arm.Motors, motor => Assert.Equal((int)OperatingMode.ExtendedPosition, rig.Bus.ReadRegister(motor.Id, XSeriesControlTable.OperatingMode)));
    }

    private static void AssertNear(int expected, int actual) => Assert.InRange(actual, expected - 1, expected + 1);

    private static DynamixelArmEmulatorOptions Mounted(Dictionary<byte, double> offsets) => new()
    {
        ConfigureServo = servo => servo with { ZeroOffsetRadians = offsets[servo.Id] },
    };

    private static DynamixelArmDriverOptions WithCalibration(ServoCalibration calibration, string source)
    {
        DynamixelArmDriverOptions options = ArmRig.DriverOptions();
        options.Calibration = calibration;
        options.CalibrationSource = source;
        return options;
    }

    /// <summary>Homing offset 0 and full range for every motor of <paramref name="arm"/>, with its drive modes.</summary>
    private static ServoCalibration NeutralCalibration(DynamixelArm arm) => new(
        arm.Model,
        "neutral",
        "dynamixel",
        arm.Motors.ToDictionary(motor => motor.Name, motor => new MotorCalibration(motor.Id, motor.DriveMode & 1, 0, 0, 4095)));

    /// <summary>Moves each joint (by hand, torque off) to <paramref name="low"/> and <paramref name="high"/>, sampling at each, then back to 0.</summary>
    private static void SweepEveryJoint(ArmRig rig, DynamixelCalibrationRecorder recorder, double low, double high)
    {
        for (int joint = 0; joint < rig.Arm.Joints.Count; joint++)
        {
            foreach (double position in (double[])[low, high, 0])
            {
                rig.Backend.SetPosition(joint, position);
                recorder.Sample();
            }
        }
    }
}
