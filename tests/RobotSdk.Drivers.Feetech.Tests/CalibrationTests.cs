using RobotSdk.Drivers.Feetech.Emulation;
using RobotSdk.Hardware;
using RobotSdk.Transports;

namespace RobotSdk.Drivers.Feetech.Tests;

/// <summary>
/// Servo calibration end to end: recording with <see cref="FeetechCalibrationRecorder"/> against
/// emulated servos whose horns sit off their encoder centre, saving and reloading, configuring a
/// driver with it, refusing another arm's calibration, and importing LeRobot's files.
/// </summary>
public sealed class CalibrationTests : IDisposable
{
    /// <summary>Where each joint's zero sits on its servo's encoder: what calibration must find.</summary>
    private static readonly Dictionary<string, double> HornOffsets = new()
    {
        ["shoulder_pan"] = 0.12,
        ["shoulder_lift"] = -0.3,
        ["elbow_flex"] = 0.5,
        ["wrist_flex"] = -0.05,
        ["wrist_roll"] = 1.0,
        ["gripper"] = -0.4,
    };

    private readonly List<IDisposable> _owned = [];
    private readonly List<string> _files = [];

    private static FeetechArm Arm => FeetechArms.So101Follower;

    public void Dispose()
    {
        for (int i = _owned.Count - 1; i >= 0; i--)
        {
            _owned[i].Dispose();
        }

        _files.ForEach(File.Delete);
    }

    [Fact]
    public void TheRecorder_FindsEachHornOffset_AndEachRange_AndLeavesThemInTheServos()
    {
        EmulatedArm arm = NewArmWithOffsetHorns();

        ServoCalibration calibration = Record(arm, out IReadOnlyList<FeetechMotorRange> progress);

        Assert.Equal("so101", calibration.Arm);
        Assert.Equal("lab-follower", calibration.ArmId);
        Assert.Equal("feetech", calibration.Bus);
        foreach (FeetechMotor motor in Arm.Motors)
        {
            MotorCalibration recorded = calibration.Motors[motor.Name];
            Assert.Equal(motor.Id, recorded.Id);
            Assert.Equal(0, recorded.DriveMode);
            Assert.InRange(recorded.HomingOffset, Counts(HornOffsets[motor.Name]) - 1, Counts(HornOffsets[motor.Name]) + 1);
            Assert.InRange(recorded.RangeMin, 2048 + Counts(motor.MinPositionRadians) - 1, 2048 + Counts(motor.MinPositionRadians) + 1);
            Assert.InRange(recorded.RangeMax, 2048 + Counts(motor.MaxPositionRadians) - 1, 2048 + Counts(motor.MaxPositionRadians) + 1);
            Assert.Equal(recorded.HomingOffset, arm.Bus.ReadRegister(motor.Id, Sts3215.HomingOffset));
            Assert.Equal(recorded.RangeMin, arm.Bus.ReadRegister(motor.Id, Sts3215.MinAngleLimit));
            Assert.Equal(recorded.RangeMax, arm.Bus.ReadRegister(motor.Id, Sts3215.MaxAngleLimit));
        }

        FeetechMotorRange elbow = progress.Single(range => range.MotorName == "elbow_flex");
        Assert.Equal(2 * 1.69, elbow.RangeRadians, 2 * StsUnits.CountsToRadians(2049));
    }

    [Fact]
    public void ASavedCalibration_ReloadsEqual_AndConfiguresAFreshArm_WhoseJointsThenReadTheirTrueAngles()
    {
        ServoCalibration recorded = Record(NewArmWithOffsetHorns(), out _);
        string path = Temporary("so101.json");
        ServoCalibrationFile.Save(recorded, path);
        ServoCalibration loaded = ServoCalibrationFile.Load(path);
        Assert.Equal(recorded.Motors.OrderBy(pair => pair.Key), loaded.Motors.OrderBy(pair => pair.Key));
        EmulatedArm fresh = NewArmWithOffsetHorns();
        double[] truth = [0.3, -0.2, 0.4, 0.1, -0.5, 0.6];
        for (int joint = 0; joint < 6; joint++)
        {
            fresh.Joints.SetPosition(joint, truth[joint]);
        }

        using FeetechArmDriver driver = fresh.CreateDriver(new FeetechArmDriverOptions { Bus = EmulatedArm.PatientBus(), Calibration = loaded, CalibrationSource = path });
        driver.Configure();
        var state = new JointFrame(6);
        Assert.Equal(DriverStatus.Ok, driver.Read(state));

        foreach (FeetechMotor motor in Arm.Motors)
        {
            Assert.Equal(loaded.Motors[motor.Name].HomingOffset, fresh.Bus.ReadRegister(motor.Id, Sts3215.HomingOffset));
            Assert.Equal(loaded.Motors[motor.Name].RangeMin, fresh.Bus.ReadRegister(motor.Id, Sts3215.MinAngleLimit));
            Assert.Equal(loaded.Motors[motor.Name].RangeMax, fresh.Bus.ReadRegister(motor.Id, Sts3215.MaxAngleLimit));
        }

        for (int joint = 0; joint < 6; joint++)
        {
            Assert.Equal(truth[joint], state.Positions[joint], 2 * StsUnits.CountsToRadians(2049));
            Assert.Equal(Arm.Motors[joint].MinPositionRadians, driver.Description.Joints[joint].Limits.MinPosition, 2 * StsUnits.CountsToRadians(2049));
        }
    }

    [Fact]
    public void Configure_WritesNothing_WhenTheServosAlreadyHoldTheCalibration()
    {
        EmulatedArm arm = NewArmWithOffsetHorns();
        ServoCalibration calibration = Record(arm, out _);
        var options = new FeetechArmDriverOptions { Bus = EmulatedArm.PatientBus(), Calibration = calibration };
        using (FeetechArmDriver first = arm.CreateDriver(options))
        {
            first.Configure();
        }

        long writes = arm.Bus.GetInstructionCount(FeetechInstruction.Write);
        using FeetechArmDriver second = arm.CreateDriver(options);
        second.Configure();

        Assert.Equal(writes, arm.Bus.GetInstructionCount(FeetechInstruction.Write));
    }

    [Theory]
    [InlineData("koch", 6, "made for a 'koch' arm")]
    [InlineData("so101", 7, "motor 'gripper' has ID 7 in the file but ID 6 on the arm")]
    public void AnotherArmsCalibration_IsRefused_NamingTheFile(string model, int gripperId, string expected)
    {
        ServoCalibration nominal = Calibrations.Nominal(Arm, "other", model);
        ServoCalibration other = nominal with
        {
            Motors = nominal.Motors.ToDictionary(pair => pair.Key, pair => pair.Key == "gripper" ? pair.Value with { Id = gripperId } : pair.Value),
        };
        string path = Temporary("other.json");
        ServoCalibrationFile.Save(other, path);
        var options = new FeetechArmDriverOptions { Calibration = ServoCalibrationFile.Load(path), CalibrationSource = path };

        var error = Assert.Throws<CalibrationMismatchException>(() => new FeetechArmDriver(new LinuxSerialPort("/dev/null"), Arm, options));

        Assert.StartsWith(path + ": ", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void AnImportedLeRobotCalibration_ConfiguresTheArm_ItsOffsetsAndRangesGoIntoTheServos()
    {
        string path = Temporary("lerobot.json");
        File.WriteAllText(path, """
            {
              "shoulder_pan": {"id": 1, "drive_mode": 0, "homing_offset": -1470, "range_min": 758, "range_max": 3292},
              "shoulder_lift": {"id": 2, "drive_mode": 0, "homing_offset": 153, "range_min": 857, "range_max": 3238},
              "elbow_flex": {"id": 3, "drive_mode": 0, "homing_offset": 1387, "range_min": 914, "range_max": 3080},
              "wrist_flex": {"id": 4, "drive_mode": 0, "homing_offset": -1289, "range_min": 853, "range_max": 3201},
              "wrist_roll": {"id": 5, "drive_mode": 0, "homing_offset": -1010, "range_min": 3, "range_max": 4078},
              "gripper": {"id": 6, "drive_mode": 0, "homing_offset": 1457, "range_min": 2034, "range_max": 3342}
            }
            """);
        ServoCalibration imported = ServoCalibrationFile.ImportLeRobot(path, "so101", "my_awesome_follower_arm", "feetech");
        EmulatedArm arm = Own(new EmulatedArm(Arm));

        using FeetechArmDriver driver = arm.CreateDriver(new FeetechArmDriverOptions { Bus = EmulatedArm.PatientBus(), Calibration = imported, CalibrationSource = path });
        driver.Configure();

        Assert.Equal(-1470, arm.Bus.ReadRegister(1, Sts3215.HomingOffset));
        Assert.Equal(1457, arm.Bus.ReadRegister(6, Sts3215.HomingOffset));
        Assert.Equal(914, arm.Bus.ReadRegister(3, Sts3215.MinAngleLimit));
        Assert.Equal(3080, arm.Bus.ReadRegister(3, Sts3215.MaxAngleLimit));
        Assert.Equal(StsUnits.CountsToRadians(758), driver.Description.Joints[0].Limits.MinPosition, 1e-12);
        GripperDescription gripper = Assert.Single(driver.Description.Grippers);
        Assert.Equal(StsUnits.CountsToRadians(2034), gripper.ClosedPosition, 1e-12);
        Assert.Equal(StsUnits.CountsToRadians(3342), gripper.OpenPosition, 1e-12);
    }

    [Fact]
    public void ARecordedCalibration_ExportsToLeRobot_AndImportsBackUnchanged()
    {
        ServoCalibration recorded = Record(NewArmWithOffsetHorns(), out _);
        string path = Temporary("lerobot-export.json");

        ServoCalibrationFile.ExportLeRobot(recorded, path);
        ServoCalibration imported = ServoCalibrationFile.ImportLeRobot(path, "so101", "lab-follower", "feetech");

        Assert.Equal(recorded.Motors.OrderBy(pair => pair.Key), imported.Motors.OrderBy(pair => pair.Key));
    }

    [Fact]
    public void TheRecorder_RefusesStepsOutOfOrder_AndNamesTheMotorsThatNeverMoved()
    {
        EmulatedArm arm = Own(new EmulatedArm(Arm));
        using FeetechArmDriver driver = arm.CreateDriver();
        driver.Configure();
        var recorder = new FeetechCalibrationRecorder(driver);

        Assert.Throws<InvalidOperationException>(recorder.RecordHome);
        Assert.Throws<InvalidOperationException>(recorder.Sample);
        recorder.Begin();
        recorder.RecordHome();
        arm.Joints.SetPosition(0, 0.5);
        recorder.Sample();
        var error = Assert.Throws<InvalidOperationException>(() => recorder.Finish("lab"));

        Assert.Contains("'shoulder_lift' (ID 2), 'elbow_flex' (ID 3), 'wrist_flex' (ID 4), 'wrist_roll' (ID 5), 'gripper' (ID 6)", error.Message);
        Assert.DoesNotContain("shoulder_pan", error.Message);
        driver.Activate(CommandMode.Position);
        Assert.Throws<InvalidOperationException>(recorder.Begin);
    }

    [Fact]
    public void Begin_ClearsTheHomingOffsets_OnlyUntilPowerOff_SoAnAbandonedCalibrationLeavesTheOldOneInPlace()
    {
        EmulatedArm arm = NewArmWithOffsetHorns();
        ServoCalibration previous = Record(arm, out _);
        using var port = new LinuxSerialPort(arm.LinkPath);
        var bus = new FeetechBus(port, EmulatedArm.PatientBus());
        bus.Open();

        new FeetechCalibrationRecorder(bus, Arm).Begin();
        Assert.Equal(0, arm.Bus.ReadRegister(3, Sts3215.HomingOffset));
        arm.Bus.PowerCycle(3);

        Assert.Equal(previous.Motors["elbow_flex"].HomingOffset, arm.Bus.ReadRegister(3, Sts3215.HomingOffset));
        Assert.Equal(previous.Motors["elbow_flex"].RangeMax, arm.Bus.ReadRegister(3, Sts3215.MaxAngleLimit));
    }

    private static int Counts(double radians) => StsUnits.RadiansToCounts(radians) - StsUnits.CenterCounts;

    /// <summary>Records the way a user would: home at the middle, then every joint to both ends of its range.</summary>
    private static ServoCalibration Record(EmulatedArm arm, out IReadOnlyList<FeetechMotorRange> progress)
    {
        using var port = new LinuxSerialPort(arm.LinkPath);
        var bus = new FeetechBus(port, EmulatedArm.PatientBus());
        bus.Open();
        var recorder = new FeetechCalibrationRecorder(bus, Arm);
        recorder.Begin();
        recorder.RecordHome();
        for (int joint = 0; joint < Arm.Motors.Count; joint++)
        {
            FeetechMotor motor = Arm.Motors[joint];
            foreach (double position in new[] { motor.MinPositionRadians, motor.MaxPositionRadians, 0 })
            {
                arm.Joints.SetPosition(joint, position);
                recorder.Sample();
            }
        }

        progress = recorder.Progress;
        return recorder.Finish("lab-follower");
    }

    private EmulatedArm NewArmWithOffsetHorns()
    {
        var options = new FeetechArmEmulatorOptions();
        foreach ((string name, double offset) in HornOffsets)
        {
            options.ZeroOffsetsRadians[name] = offset;
        }

        return Own(new EmulatedArm(Arm, options: options));
    }

    private string Temporary(string name)
    {
        string path = Calibrations.TemporaryFile(name);
        _files.Add(path);
        return path;
    }

    private T Own<T>(T disposable)
        where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }
}
