using RobotSdk.Drivers.Feetech.Emulation;
using RobotSdk.Hardware;

namespace RobotSdk.Drivers.Feetech.Tests;

/// <summary>
/// End to end: a <see cref="Robot"/> over <see cref="FeetechArmDriver"/> over a
/// <see cref="Transports.LinuxSerialPort"/> on the link of a <see cref="FeetechArmEmulator"/>.
/// </summary>
public sealed class RobotOverFeetechArmTests : IDisposable
{
    private static readonly double[] Pose = [0.3, -0.4, 0.5, -0.2, 0.1, 0.2];
    private readonly List<IDisposable> _owned = [];

    private static double OneCount => StsUnits.CountsToRadians(2049);

    public void Dispose()
    {
        for (int i = _owned.Count - 1; i >= 0; i--)
        {
            _owned[i].Dispose();
        }
    }

    [Fact]
    public void ConnectAndActivate_HoldTheArmWhereItIs_NothingJumps()
    {
        EmulatedArm arm = Own(new EmulatedArm(FeetechArms.So101Follower, Pose));
        Robot robot = Own(arm.CreateRobot());

        robot.Connect();
        robot.Activate();
        WaitCycles(robot, 30);

        var measured = new JointFrame(6);
        var sent = new JointFrame(6);
        robot.ReadState(measured);
        robot.ReadSentCommand(sent);
        for (int joint = 0; joint < 6; joint++)
        {
            Assert.Equal(Pose[joint], arm.Joints.GetPresentPosition(joint), OneCount);
            Assert.Equal(Pose[joint], measured.Positions[joint], OneCount);
            Assert.Equal(measured.Positions[joint], sent.Positions[joint], OneCount);
            Assert.Equal(1, arm.Bus.ReadRegister((byte)(joint + 1), Sts3215.TorqueEnable));
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("shoulder_lift,wrist_flex")]
    public async Task MoveToAsync_ReachesTheGoal_AndTheEmulatedJointsAgree_WhateverTheServoDirections(string reversedMotors)
    {
        string[] reversed = reversedMotors.Split(',', StringSplitOptions.RemoveEmptyEntries);
        FeetechArm so101 = FeetechArms.So101Follower;
        FeetechArm arm = so101 with { Motors = [.. so101.Motors.Select(motor => reversed.Contains(motor.Name) ? motor with { Direction = -1 } : motor)] };
        EmulatedArm emulated = Own(new EmulatedArm(arm));
        Robot robot = Own(emulated.CreateRobot());
        robot.Connect();
        robot.Activate();
        double[] goal = [0.4, -0.6, 0.8, -0.3, 0.5];

        await robot.Arm.MoveToAsync(goal, speedFraction: 1, toleranceRadians: 0.01);

        for (int joint = 0; joint < goal.Length; joint++)
        {
            Assert.Equal(goal[joint], emulated.Joints.GetPresentPosition(joint), 0.02);
        }

        // The servo of shoulder_lift counts down as the joint goes down when it is mounted reversed.
        int liftCounts = emulated.Bus.ReadRegister(2, Sts3215.PresentPosition);
        Assert.True(reversed.Contains("shoulder_lift") ? liftCounts > 2048 : liftCounts < 2048, $"shoulder_lift reads {liftCounts} counts");
    }

    [Fact]
    public void TheGripper_OpensAndCloses_ToTheEndsOfItsRange()
    {
        EmulatedArm arm = Own(new EmulatedArm(FeetechArms.So101Follower));
        Robot robot = Own(arm.CreateRobot());
        robot.Connect();
        robot.Activate();
        IGripper gripper = robot.Gripper!;

        gripper.SetOpenFraction(1);
        Poll.Until(() => gripper.OpenFraction > 0.995, "the gripper to open");
        double open = arm.Joints.GetPresentPosition(5);
        double openWidth = gripper.WidthMeters!.Value;
        gripper.SetOpenFraction(0);
        Poll.Until(() => gripper.OpenFraction < 0.005, "the gripper to close");
        double closed = arm.Joints.GetPresentPosition(5);

        Assert.Equal(1.74533, open, 0.02);
        Assert.Equal(-0.174533, closed, 0.02);
        Assert.Equal(0.11, openWidth, 0.11 * 0.005);
        Assert.Equal(0, gripper.WidthMeters!.Value, 0.11 * 0.005);
    }

    [Fact]
    public void EveryControlCycle_SendsOneSyncReadAndOneSyncWrite_AndNothingElse()
    {
        EmulatedArm arm = Own(new EmulatedArm(FeetechArms.So101Follower));
        Robot robot = Own(arm.CreateRobot());
        robot.Connect();
        robot.Activate();
        WaitCycles(robot, 5);

        (long cycles, long reads, long writes, long others) = Snapshot(robot, arm);
        long retries = robot.DriverDiagnostics.Retries;
        WaitCycles(robot, 50);
        (long cyclesAfter, long readsAfter, long writesAfter, long othersAfter) = Snapshot(robot, arm);

        // A cycle in flight at either snapshot may be counted on one side only: at most one either
        // way. A reply held up by a loaded machine is asked for again: retries are extra sync reads.
        long ran = cyclesAfter - cycles;
        long retried = robot.DriverDiagnostics.Retries - retries;
        Assert.InRange(readsAfter - reads, ran - 1, ran + 1 + retried);
        Assert.InRange(writesAfter - writes, ran - 1, ran + 1);
        Assert.Equal(others, othersAfter);
    }

    [Fact]
    public void AnUnpluggedServo_FaultsTheRobot_AfterMaxConsecutiveFailures_AndTorqueOffIsSentToTheOthers()
    {
        EmulatedArm arm = Own(new EmulatedArm(FeetechArms.So101Follower));
        Robot robot = Own(arm.CreateRobot(new FeetechArmDriverOptions { Bus = EmulatedArm.OneRetry(), MaxConsecutiveFailures = 3 }));
        robot.Connect();
        robot.Activate();

        arm.Bus.RemoveServo(3);
        Poll.Until(() => robot.State == RobotState.Faulted, "the robot to fault", timeoutMs: 10_000);

        var fault = Assert.IsType<HardwareTimeoutException>(robot.Fault);
        Assert.Equal(3, fault.DeviceId);
        Assert.True(robot.GetDiagnostics().ReadErrors >= 2, $"{robot.GetDiagnostics().ReadErrors} transient read errors before the fault");
        byte[] others = [1, 2, 4, 5, 6];
        Poll.Until(() => others.All(id => arm.Bus.ReadRegister(id, Sts3215.TorqueEnable) == 0), "the torque-off sync write to reach the other servos");
    }

    [Fact]
    public void AClosedPort_FaultsTheRobotAtOnce_AndANewEmulatorAtTheSameLink_IsBackAfterClearFault()
    {
        EmulatedArm first = Own(new EmulatedArm(FeetechArms.So101Follower));
        Robot robot = Own(first.CreateRobot());
        robot.Connect();
        robot.Activate();

        first.Bus.ClosePort();
        Poll.Until(() => robot.State == RobotState.Faulted, "the robot to fault");
        Assert.IsType<DeviceDisconnectedException>(robot.Fault);
        Assert.Equal(0, robot.GetDiagnostics().ReadErrors);

        EmulatedArm second = Own(new EmulatedArm(FeetechArms.So101Follower, [0, 0, 0, 0, 0, 0.5], linkPath: first.LinkPath));
        robot.ClearFault();
        robot.Activate();

        Assert.Equal(RobotState.Active, robot.State);
        var measured = new JointFrame(6);
        Poll.Until(() => { robot.ReadState(measured); return Math.Abs(measured.Positions[5] - 0.5) < OneCount; }, "the new emulator's gripper position");
        robot.Gripper!.SetOpenFraction(0);
        Poll.Until(() => second.Joints.GetPresentPosition(5) < -0.15, "the new emulator's gripper to close");
    }

    [Fact]
    public void AnOverloadedServo_FaultsTheRobot_WithItsIdInTheFault()
    {
        EmulatedArm arm = Own(new EmulatedArm(FeetechArms.So101Follower));
        Robot robot = Own(arm.CreateRobot());
        robot.Connect();
        robot.Activate();

        arm.Bus.SetErrors(4, FeetechErrors.Overload);
        Poll.Until(() => robot.State == RobotState.Faulted, "the robot to fault");

        var fault = Assert.IsType<DeviceErrorException>(robot.Fault);
        Assert.Equal(4, fault.DeviceId);
        Assert.Equal((int)FeetechErrors.Overload, fault.ErrorCode);
        Assert.Contains("overload", robot.Fault!.Message);
    }

    [Fact]
    public void AServoOfTheWrongModel_StopsConnect_WithAClearError()
    {
        EmulatedArm arm = Own(new EmulatedArm(FeetechArms.So101Follower, options: new FeetechArmEmulatorOptions { ModelNumbers = { ["gripper"] = 1284 } }));
        Robot robot = Own(arm.CreateRobot());

        var error = Assert.Throws<HardwareFaultException>(robot.Connect);

        Assert.Equal($"{arm.LinkPath}, ID 6, register Model_Number: motor 'gripper' (ID 6) of the so101 is a servo with model number 1284, not an STS3215 (777); check which servo has which ID", error.Message);
        Assert.Equal(RobotState.Disconnected, robot.State);
    }

    [Fact]
    public void ALeaderArm_IsReadWithTorqueOff_AsTheUserMovesIt_TriggerIncluded()
    {
        EmulatedArm arm = Own(new EmulatedArm(FeetechArms.So101Leader));
        Robot robot = Own(arm.CreateRobot());
        robot.Connect();

        arm.Joints.SetPosition(0, 0.7);
        arm.Joints.SetPosition(5, 1.74533);
        var positions = new double[5];
        Poll.Until(() => { robot.Arm.ReadPositions(positions); return Math.Abs(positions[0] - 0.7) < OneCount; }, "the leader's pan to read 0.7 rad");

        Assert.Equal(1, robot.Gripper!.OpenFraction, 0.001);
        Assert.Null(robot.Gripper.WidthMeters);
        Assert.Equal(0, arm.Bus.ReadRegister(1, Sts3215.TorqueEnable));
    }

    private static (long Cycles, long Reads, long Writes, long Others) Snapshot(Robot robot, EmulatedArm arm) =>
        (robot.GetDiagnostics().Cycles,
         arm.Bus.GetInstructionCount(FeetechInstruction.SyncRead),
         arm.Bus.GetInstructionCount(FeetechInstruction.SyncWrite),
         arm.OtherInstructions());

    private static void WaitCycles(Robot robot, int cycles)
    {
        long target = robot.GetDiagnostics().Cycles + cycles;
        Poll.Until(() => robot.GetDiagnostics().Cycles >= target, $"{cycles} control cycles");
    }

    private T Own<T>(T disposable)
        where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }
}
