using RobotSdk.Drivers.Dynamixel.Emulation;
using RobotSdk.Hardware;

namespace RobotSdk.Drivers.Dynamixel.Tests.Arms;

/// <summary>The driver on its own against an emulated arm: set-up writes, the control cycle's wire traffic, fault statuses.</summary>
public sealed class DynamixelArmDriverTests
{
    [Fact]
    public void Configure_SetsUpAFactoryFreshArm_AndASecondConfigureWritesNothing()
    {
        using var rig = new ArmRig(DynamixelArms.ViperX300s, new DynamixelArmEmulatorOptions { FactoryFresh = true });
        DynamixelArmDriver driver = rig.CreateDriver();

        driver.Configure();

        foreach (DynamixelMotor motor in rig.Arm.Motors)
        {
            Assert.Equal((int)motor.OperatingMode, rig.Bus.ReadRegister(motor.Id, XSeriesControlTable.OperatingMode));
            Assert.Equal(motor.DriveMode, rig.Bus.ReadRegister(motor.Id, XSeriesControlTable.DriveMode));
            Assert.Equal(motor.SecondaryId, rig.Bus.ReadRegister(motor.Id, XSeriesControlTable.SecondaryId));
            Assert.Equal(0, rig.Bus.ReadRegister(motor.Id, XSeriesControlTable.ReturnDelayTime));
            Assert.Equal(0, rig.Bus.ReadRegister(motor.Id, XSeriesControlTable.TorqueEnable));
        }

        Assert.Equal(DriverState.Inactive, driver.State);
        long writes = rig.Bus.GetInstructionCount(Instruction.Write);
        driver.Configure();
        Assert.Equal(writes, rig.Bus.GetInstructionCount(Instruction.Write));
    }

    [Fact]
    public void Configure_AlignsAShadowMountedOffset_SoBothServosAgreeOnTheJoint()
    {
        // The shoulder's shadow sits 0.05 rad (33 counts) off its primary, as after reassembly.
        using var rig = new ArmRig(DynamixelArms.ViperX300s, new DynamixelArmEmulatorOptions
        {
            ConfigureServo = servo => servo.Id == 3 ? servo with { ZeroOffsetRadians = 0.05 } : servo,
        });
        Assert.InRange(Math.Abs(rig.Bus.ReadRegister(3, XSeriesControlTable.PresentPosition) - rig.Bus.ReadRegister(2, XSeriesControlTable.PresentPosition)), 30, 36);
        DynamixelArmDriver driver = rig.CreateDriver();

        driver.Configure();

        Assert.InRange(rig.Bus.ReadRegister(3, XSeriesControlTable.PresentPosition) - rig.Bus.ReadRegister(2, XSeriesControlTable.PresentPosition), -2, 2);
        Assert.NotEqual(0, rig.Bus.ReadRegister(3, XSeriesControlTable.HomingOffset));
        Assert.Equal(0, rig.Bus.ReadRegister(2, XSeriesControlTable.HomingOffset));

        // The shadow now takes the primary's goals to the same joint angle.
        driver.Activate(CommandMode.Position);
        var command = new JointFrame(rig.Arm.Joints.Count);
        Assert.Equal(DriverStatus.Ok, driver.Read(command));
        command.Positions[1] = -0.4;
        Assert.Equal(DriverStatus.Ok, driver.Write(command));
        Poll.Until(() => Math.Abs(rig.Backend.GetPresentPosition(1) + 0.4) < 0.004, "the shoulder at -0.4 rad");
    }

    [Theory]
    [InlineData(true, Instruction.FastSyncRead)]
    [InlineData(false, Instruction.SyncRead)]
    public void EachReadAndWrite_IsExactlyOneGroupReadAndOneSyncWrite(bool useFastSyncRead, Instruction read)
    {
        using var rig = new ArmRig(DynamixelArms.WidowX250s);
        DynamixelArmDriverOptions options = ArmRig.DriverOptions();
        options.UseFastSyncRead = useFastSyncRead;
        DynamixelArmDriver driver = rig.CreateDriver(options);
        driver.Configure();
        driver.Activate(CommandMode.Position);
        var frame = new JointFrame(rig.Arm.Joints.Count);
        IReadOnlyDictionary<Instruction, long> before = rig.Bus.GetInstructionCounts();
        long retriesBefore = driver.Diagnostics.Retries;

        for (int cycle = 0; cycle < 25; cycle++)
        {
            Assert.Equal(DriverStatus.Ok, driver.Read(frame));
            Assert.Equal(DriverStatus.Ok, driver.Write(frame));
        }

        // One more read: its reply proves the emulator has handled every packet before it.
        Assert.Equal(DriverStatus.Ok, driver.Read(frame));
        Dictionary<Instruction, long> sent = rig.Bus.GetInstructionCounts().ToDictionary(pair => pair.Key, pair => pair.Value - before.GetValueOrDefault(pair.Key));
        long retries = driver.Diagnostics.Retries - retriesBefore;

        // A read retried after a reply lost in a busy moment is sent again; the count says so.
        Assert.Equal(26 + retries, sent[read]);
        Assert.Equal(25, sent[Instruction.SyncWrite]);
        Assert.Equal(51 + retries, sent.Values.Sum());
    }

    [Fact]
    public void ServosWithOldFirmware_AreReadWithSyncRead()
    {
        using var rig = new ArmRig(DynamixelArms.KochFollower, new DynamixelArmEmulatorOptions { FirmwareVersion = 44 });
        DynamixelArmDriver driver = rig.CreateDriver();

        driver.Configure();

        Assert.False(driver.UsesFastSyncRead);
        long syncReads = rig.Bus.GetInstructionCount(Instruction.SyncRead);
        Assert.Equal(DriverStatus.Ok, driver.Read(new JointFrame(6)));
        Assert.Equal(syncReads + 1, rig.Bus.GetInstructionCount(Instruction.SyncRead));
    }

    [Fact]
    public void ReadAndWrite_AllocateNothing_Over200SteadyStateCycles()
    {
        using var rig = new ArmRig(DynamixelArms.WidowX250s);
        DynamixelArmDriver driver = rig.CreateDriver();
        driver.Configure();
        driver.Activate(CommandMode.Position);
        var state = new JointFrame(rig.Arm.Joints.Count);
        var command = new JointFrame(rig.Arm.Joints.Count);
        Assert.Equal(0, Cycles(driver, state, command, 20));

        long before = GC.GetAllocatedBytesForCurrentThread();
        int failures = Cycles(driver, state, command, 200);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, failures);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Read_ConvertsUnitsPerJoint_WithNaNCurrentWhereTheServoMeasuresNone()
    {
        using var rig = new ArmRig(DynamixelArms.WidowX250s);
        DynamixelArmDriver driver = rig.CreateDriver();
        driver.Configure();
        var state = new JointFrame(rig.Arm.Joints.Count);

        Assert.Equal(DriverStatus.Ok, driver.Read(state));

        for (int joint = 0; joint < rig.Arm.Joints.Count; joint++)
        {
            Assert.Equal(rig.Backend.GetPresentPosition(joint), state.Positions[joint], 0.002);
            Assert.Equal(0, state.Velocities[joint]);
            Assert.Equal(!rig.Arm.Joints[joint].Model.HasCurrentSensing, double.IsNaN(state.Currents[joint]));
        }

        Assert.True(double.IsNaN(state.Currents[rig.Arm.IndexOf("wrist_rotate")]));
        Assert.Equal(0, state.Currents[rig.Arm.IndexOf("waist")]);
        Assert.NotEqual(0, state.TimestampTicks);
    }

    [Fact]
    public void Write_KeepsTheLastGoalOfAJointCommandedNaN_AndSendsNothingWhileInactive()
    {
        using var rig = new ArmRig(DynamixelArms.KochFollower);
        DynamixelArmDriver driver = rig.CreateDriver();
        driver.Configure();
        var command = new JointFrame(6);
        long syncWrites = rig.Bus.GetInstructionCount(Instruction.SyncWrite);

        Assert.Equal(DriverStatus.Ok, driver.Write(command));
        Assert.Equal(syncWrites, rig.Bus.GetInstructionCount(Instruction.SyncWrite));

        driver.Activate(CommandMode.Position);
        Assert.Equal(DriverStatus.Ok, driver.Read(command));
        int heldGoal = rig.Bus.ReadRegister(3, XSeriesControlTable.GoalPosition);
        command.Positions[2] = double.NaN;
        command.Positions[3] = 0.5;
        Assert.Equal(DriverStatus.Ok, driver.Write(command));

        Poll.Until(() => rig.Bus.ReadRegister(4, XSeriesControlTable.GoalPosition) == 2048 + 326, "wrist_flex's goal at 0.5 rad");
        Assert.Equal(heldGoal, rig.Bus.ReadRegister(3, XSeriesControlTable.GoalPosition));
    }

    [Fact]
    public void Read_IsErrorUntilMaxConsecutiveFailures_ThenMustDeactivate_AndAnOkReadResetsTheCount()
    {
        using var rig = new ArmRig(DynamixelArms.KochFollower);
        DynamixelArmDriverOptions options = ArmRig.DriverOptions();
        options.Bus.ReplyTimeoutMs = 50;
        options.MaxConsecutiveFailures = 3;
        DynamixelArmDriver driver = rig.CreateDriver(options);
        driver.Configure();
        var state = new JointFrame(6);

        rig.Bus.RemoveServo(4);
        Assert.Equal(DriverStatus.Error, driver.Read(state));
        Assert.Equal(DriverStatus.Error, driver.Read(state));
        rig.Bus.RestoreServo(4);
        Assert.Equal(DriverStatus.Ok, driver.Read(state));
        rig.Bus.RemoveServo(4);
        Assert.Equal(DriverStatus.Error, driver.Read(state));
        Assert.Equal(DriverStatus.Error, driver.Read(state));
        Assert.Equal(DriverStatus.MustDeactivate, driver.Read(state));

        HardwareTimeoutException fault = Assert.IsType<HardwareTimeoutException>(driver.Diagnostics.LastFault);
        Assert.Equal(4, fault.DeviceId);
        Assert.Equal(rig.LinkPath, fault.Bus);
        Assert.Equal("address 126 (10 bytes)", fault.Register);
    }

    [Fact]
    public void Configure_GivesAServoThatMissesItsFirstPing_ASecondTry_AfterAPause()
    {
        using var rig = new ArmRig(DynamixelArms.KochFollower);
        DynamixelArmDriver driver = rig.CreateDriver();
        rig.Bus.DropReplies(3, id: 2); // every attempt of the first ping: a servo still booting

        driver.Configure();

        Assert.Equal(DriverState.Inactive, driver.State);
        Assert.Equal(rig.Arm.Motors.Count + 3, rig.Bus.GetInstructionCount(Instruction.Ping)); // ID 2: three attempts, then one after the pause
    }

    [Fact]
    public void Read_IsMustDeactivateAtOnce_WhenThePortVanishes_AndDeactivateDoesNotThrow()
    {
        using var rig = new ArmRig(DynamixelArms.KochFollower);
        DynamixelArmDriver driver = rig.CreateDriver();
        driver.Configure();
        driver.Activate(CommandMode.Position);

        rig.Bus.ClosePort();

        Assert.Equal(DriverStatus.MustDeactivate, driver.Read(new JointFrame(6)));
        Assert.IsType<DeviceDisconnectedException>(driver.Diagnostics.LastFault);
        driver.Deactivate();
        Assert.Equal(DriverState.Inactive, driver.State);
    }

    [Fact]
    public void Lifecycle_RefusesMisuse()
    {
        using var rig = new ArmRig(DynamixelArms.KochFollower);
        DynamixelArmDriver driver = rig.CreateDriver();

        Assert.Throws<InvalidOperationException>(() => driver.Activate(CommandMode.Position));
        driver.Deactivate();
        driver.Configure();
        Assert.Throws<NotSupportedException>(() => driver.Activate(CommandMode.Velocity));
        Assert.Throws<ArgumentException>(() => driver.Read(new JointFrame(5)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DynamixelArmDriver(rig.LinkPath, rig.Arm, new DynamixelArmDriverOptions { MaxConsecutiveFailures = 0 }));
        Assert.Throws<ArgumentException>(() => new DynamixelArmDriver(rig.LinkPath, rig.Arm with { Joints = [.. rig.Arm.Joints.Take(5), rig.Arm.Joints[5] with { Id = 1 }] }));

        driver.Dispose();
        Assert.Equal(DriverState.Disposed, driver.State);
        Assert.Throws<ObjectDisposedException>(driver.Configure);
    }

    private static int Cycles(DynamixelArmDriver driver, JointFrame state, JointFrame command, int count)
    {
        int failures = 0;
        for (int cycle = 0; cycle < count; cycle++)
        {
            failures += driver.Read(state) == DriverStatus.Ok ? 0 : 1;
            state.Positions.CopyTo(command.Positions);
            failures += driver.Write(command) == DriverStatus.Ok ? 0 : 1;
        }

        return failures;
    }
}
