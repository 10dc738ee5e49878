using RobotSdk.Drivers.Feetech.Emulation;
using RobotSdk.Hardware;

namespace RobotSdk.Drivers.Feetech.Tests;

/// <summary>The arm driver on its own, against an emulated SO-101 over a real pty.</summary>
public sealed class FeetechArmDriverTests : IDisposable
{
    private static readonly double[] Pose = [0.3, -0.4, 0.5, -0.2, 0.1, 0.2];
    private readonly EmulatedArm _arm = new(FeetechArms.So101Follower, Pose);
    private readonly JointFrame _state = new(6);
    private readonly JointFrame _command = new(6);

    public void Dispose() => _arm.Dispose();

    [Fact]
    public void Configure_ReadsEveryJointInRadians_WithTorqueOff_AndSetsTheReturnDelayToZero()
    {
        using FeetechArmDriver driver = _arm.CreateDriver();

        driver.Configure();

        Assert.Equal(DriverState.Inactive, driver.State);
        Assert.Equal(DriverStatus.Ok, driver.Read(_state));
        for (int joint = 0; joint < 6; joint++)
        {
            Assert.Equal(Pose[joint], _state.Positions[joint], StsUnits.CountsToRadians(2049));
            Assert.Equal(0, _state.Velocities[joint]);
            Assert.Equal(0, _state.Currents[joint]);
            Assert.Equal(0, _arm.Bus.ReadRegister((byte)(joint + 1), Sts3215.TorqueEnable));
            Assert.Equal(0, _arm.Bus.ReadRegister((byte)(joint + 1), Sts3215.ReturnDelayTime));
        }
    }

    [Fact]
    public void EachCycle_IsExactlyOneSyncReadAndOneSyncWrite_AndNothingElse()
    {
        using FeetechArmDriver driver = _arm.CreateDriver();
        driver.Configure();
        driver.Activate(CommandMode.Position);
        Assert.Equal(DriverStatus.Ok, driver.Read(_state)); // the emulator has handled everything sent before
        long reads = _arm.Bus.GetInstructionCount(FeetechInstruction.SyncRead);
        long writes = _arm.Bus.GetInstructionCount(FeetechInstruction.SyncWrite);
        long others = _arm.OtherInstructions();
        long retries = driver.Diagnostics.Retries; // a reply held up by a loaded machine is asked for again

        for (int cycle = 0; cycle < 20; cycle++)
        {
            Assert.Equal(DriverStatus.Ok, driver.Read(_state));
            _command.CopyFrom(_state);
            Assert.Equal(DriverStatus.Ok, driver.Write(_command));
        }

        Assert.Equal(DriverStatus.Ok, driver.Read(_state));
        Assert.Equal(reads + 21 + (driver.Diagnostics.Retries - retries), _arm.Bus.GetInstructionCount(FeetechInstruction.SyncRead));
        Assert.Equal(writes + 20, _arm.Bus.GetInstructionCount(FeetechInstruction.SyncWrite));
        Assert.Equal(others, _arm.OtherInstructions());
    }

    [Fact]
    public void Activate_TurnsTorqueOn_WithEveryGoalAtThePresentPosition()
    {
        using FeetechArmDriver driver = _arm.CreateDriver();
        driver.Configure();

        driver.Activate(CommandMode.Position);
        Assert.Equal(DriverStatus.Ok, driver.Read(_state));

        Assert.Equal(DriverState.Active, driver.State);
        for (byte id = 1; id <= 6; id++)
        {
            Assert.Equal(1, _arm.Bus.ReadRegister(id, Sts3215.TorqueEnable));
            Assert.Equal(_arm.Bus.ReadRegister(id, Sts3215.PresentPosition), _arm.Bus.ReadRegister(id, Sts3215.GoalPosition));
        }

        Assert.Throws<NotSupportedException>(() => new FeetechArmDriver(_arm.LinkPath, _arm.Arm).Activate(CommandMode.Velocity));
    }

    [Fact]
    public void Write_ClampsGoalsToTheServoRange_AndRepeatsTheLastGoal_ForANaNCommand()
    {
        using FeetechArmDriver driver = _arm.CreateDriver();
        driver.Configure();
        driver.Activate(CommandMode.Position);
        int heldGoal = _arm.Bus.ReadRegister(3, Sts3215.GoalPosition);
        Assert.Equal(DriverStatus.Ok, driver.Read(_command));
        _command.Positions[0] = 10;
        _command.Positions[1] = -10;
        _command.Positions[2] = double.NaN;

        Assert.Equal(DriverStatus.Ok, driver.Write(_command));
        Assert.Equal(DriverStatus.Ok, driver.Read(_state));

        Assert.Equal(4095, _arm.Bus.ReadRegister(1, Sts3215.GoalPosition));
        Assert.Equal(0, _arm.Bus.ReadRegister(2, Sts3215.GoalPosition));
        Assert.Equal(heldGoal, _arm.Bus.ReadRegister(3, Sts3215.GoalPosition));
    }

    [Fact]
    public void Timeouts_GiveError_UntilMaxConsecutiveFailures_ThenMustDeactivate_AndASuccessfulReadEndsTheRun()
    {
        using FeetechArmDriver driver = _arm.CreateDriver(new FeetechArmDriverOptions { Bus = EmulatedArm.OneRetry(), MaxConsecutiveFailures = 3 });
        driver.Configure();
        _arm.Bus.RemoveServo(2);

        DriverStatus[] run = [driver.Read(_state), driver.Read(_state), driver.Read(_state)];
        _arm.Bus.RestoreServo(2);
        DriverStatus recovered = driver.Read(_state);
        _arm.Bus.RemoveServo(2);
        DriverStatus afterRecovery = driver.Read(_state);

        Assert.Equal([DriverStatus.Error, DriverStatus.Error, DriverStatus.MustDeactivate], run);
        Assert.Equal(DriverStatus.Ok, recovered);
        Assert.Equal(DriverStatus.Error, afterRecovery);
        var fault = Assert.IsType<HardwareTimeoutException>(driver.Diagnostics.LastFault);
        Assert.Equal(2, fault.DeviceId);
        Assert.Equal(_arm.LinkPath, fault.Bus);
        Assert.StartsWith("Present_Position", fault.Register);
    }

    [Fact]
    public void AServoErrorBit_GivesMustDeactivate_AtOnce_WithTheServoInTheFault()
    {
        using FeetechArmDriver driver = _arm.CreateDriver();
        driver.Configure();
        _arm.Bus.SetErrors(4, FeetechErrors.Overheat);

        DriverStatus status = driver.Read(_state);

        Assert.Equal(DriverStatus.MustDeactivate, status);
        var fault = Assert.IsType<DeviceErrorException>(driver.Diagnostics.LastFault);
        Assert.Equal(4, fault.DeviceId);
        Assert.True(fault.IsHardwareAlert);
        Assert.Contains("overheat", fault.Message);
    }

    [Fact]
    public void Configure_GivesAServoThatMissesItsFirstPing_ASecondTry_AfterAPause()
    {
        using FeetechArmDriver driver = _arm.CreateDriver(new FeetechArmDriverOptions { Bus = EmulatedArm.OneRetry() });
        _arm.Bus.DropReplies(2, id: 3); // both attempts of the first ping: a servo still booting

        driver.Configure();

        Assert.Equal(DriverState.Inactive, driver.State);
        Assert.Equal(5 + 3, _arm.Bus.GetInstructionCount(FeetechInstruction.Ping)); // the others once; ID 3: two attempts, then one after the pause
    }

    [Fact]
    public void Configure_NamesEveryMotorThatDoesNotAnswer_WithItsId_AndThePort()
    {
        using FeetechArmDriver driver = _arm.CreateDriver(new FeetechArmDriverOptions { Bus = EmulatedArm.OneRetry() });
        _arm.Bus.RemoveServo(5);
        _arm.Bus.RemoveServo(6);

        var error = Assert.Throws<HardwareTimeoutException>(driver.Configure);

        Assert.Equal(5, error.DeviceId);
        Assert.Contains(_arm.LinkPath, error.Message);
        Assert.Contains("2 of the 6 motors of the so101 do not answer: 'wrist_roll' (ID 5), 'gripper' (ID 6)", error.Message);
        Assert.Equal(DriverState.Unconfigured, driver.State);
        Assert.Equal(DriverStatus.MustDeactivate, driver.Read(_state));
    }

    [Fact]
    public void Configure_RefusesAServoOfAnotherModel_NamingTheMotorTheIdAndTheModels()
    {
        var options = new FeetechArmEmulatorOptions { ModelNumbers = { ["elbow_flex"] = 1284 } };
        using var arm = new EmulatedArm(FeetechArms.So101Follower, options: options);
        using FeetechArmDriver driver = arm.CreateDriver();

        var error = Assert.Throws<HardwareFaultException>(driver.Configure);

        Assert.Equal(3, error.DeviceId);
        Assert.Equal("Model_Number", error.Register);
        Assert.Equal(arm.LinkPath, error.Bus);
        Assert.Contains("motor 'elbow_flex' (ID 3) of the so101 is a servo with model number 1284, not an STS3215 (777)", error.Message);
    }

    [Fact]
    public void AVanishedPort_GivesMustDeactivate_AtOnce_AndDeactivateAndDisposeNeverThrow()
    {
        FeetechArmDriver driver = _arm.CreateDriver();
        driver.Configure();
        driver.Activate(CommandMode.Position);
        _arm.Bus.ClosePort();

        Assert.Equal(DriverStatus.MustDeactivate, driver.Read(_state));
        Assert.IsType<DeviceDisconnectedException>(driver.Diagnostics.LastFault);
        driver.Deactivate();
        Assert.Equal(DriverState.Inactive, driver.State);
        driver.Dispose();
        Assert.Equal(DriverState.Disposed, driver.State);
    }

    [Fact]
    public void SteadyStateReadAndWriteCycles_AllocateNothing()
    {
        using FeetechArmDriver driver = _arm.CreateDriver();
        driver.Configure();
        driver.Activate(CommandMode.Position);
        for (int block = 0; block < 50; block++)
        {
            long start = GC.GetAllocatedBytesForCurrentThread();
            RunCycles(driver, 20);
            if (block >= 2 && GC.GetAllocatedBytesForCurrentThread() == start)
            {
                break;
            }
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        int failures = RunCycles(driver, 200);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, failures);
        Assert.Equal(0, allocated);
    }

    private int RunCycles(FeetechArmDriver driver, int cycles)
    {
        int failures = 0;
        for (int cycle = 0; cycle < cycles; cycle++)
        {
            failures += driver.Read(_state) == DriverStatus.Ok ? 0 : 1;
            _command.CopyFrom(_state);
            _command.Positions[0] += cycle % 2 == 0 ? 0.01 : -0.01;
            failures += driver.Write(_command) == DriverStatus.Ok ? 0 : 1;
        }

        return failures;
    }
}
