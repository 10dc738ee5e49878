using RobotSdk.Drivers.Elephant.Emulation;

namespace RobotSdk.Drivers.Elephant.Tests;

/// <summary>
/// End to end: a <see cref="Robot"/> over <see cref="MyCobotDriver"/> over a
/// <see cref="Transports.LinuxSerialPort"/> on the link of a <see cref="MyCobotEmulator"/>; every fault
/// ends with the robot faulted (or, for occasional losses, not) and the arm safe, and recovers in process.
/// </summary>
public sealed class RobotOverMyCobotTests : IDisposable
{
    private const double OneStep = Math.PI / 18000; // 0.01 degree
    private static readonly double[] Pose = [0.3, -0.4, 0.5, -0.2, 0.1, 0.6];
    private readonly List<IDisposable> _owned = [];

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
        EmulatedMyCobot arm = Own(new EmulatedMyCobot(Pose));
        Robot robot = Own(arm.CreateRobot());

        robot.Connect();
        robot.Activate();
        WaitCycles(robot, 20);

        var measured = new JointFrame(7);
        var sent = new JointFrame(7);
        robot.ReadState(measured);
        robot.ReadSentCommand(sent);
        for (int joint = 0; joint < 6; joint++)
        {
            Assert.Equal(Pose[joint], arm.Emulator.GetJointPosition(joint), 2 * OneStep);
            Assert.Equal(Pose[joint], measured.Positions[joint], 2 * OneStep);
            Assert.Equal(measured.Positions[joint], sent.Positions[joint], 2 * OneStep);
            Assert.True(arm.Emulator.IsEngaged(joint));
        }
    }

    [Fact]
    public async Task MoveToAsync_ReachesTheGoal_AndTheEmulatedJointsAgree()
    {
        EmulatedMyCobot arm = Own(new EmulatedMyCobot());
        Robot robot = Own(arm.CreateRobot());
        robot.Connect();
        robot.Activate();
        double[] goal = [0.4, -0.3, 0.6, -0.5, 0.3, -0.7];

        await robot.Arm.MoveToAsync(goal, speedFraction: 1, toleranceRadians: 0.01);

        for (int joint = 0; joint < goal.Length; joint++)
        {
            Assert.Equal(goal[joint], arm.Emulator.GetJointPosition(joint), 0.02);
        }

        Assert.Equal(0, robot.DriverDiagnostics.Errors);
    }

    [Fact]
    public void TheGripper_OpensAndCloses()
    {
        EmulatedMyCobot arm = Own(new EmulatedMyCobot());
        Robot robot = Own(arm.CreateRobot());
        robot.Connect();
        robot.Activate();
        IGripper gripper = robot.Gripper!;

        gripper.SetOpenFraction(1);
        Poll.Until(() => gripper.OpenFraction > 0.995, "the gripper to open");
        Assert.Equal(1, arm.Emulator.GetJointPosition(6), 0.01);
        gripper.SetOpenFraction(0);
        Poll.Until(() => gripper.OpenFraction < 0.005, "the gripper to close");

        Assert.Equal(0, arm.Emulator.GetJointPosition(6), 0.01);
        Assert.Null(gripper.WidthMeters);
    }

    [Fact]
    public void OccasionalLostReplies_AreRetried_AndTheRobotStaysActive()
    {
        EmulatedMyCobot arm = Own(new EmulatedMyCobot());
        Robot robot = Own(arm.CreateRobot(new MyCobotDriverOptions { Bus = EmulatedMyCobot.OneRetry() }));
        robot.Connect();
        robot.Activate();

        arm.Emulator.DropRepliesAtRandom(0.15);
        WaitCycles(robot, 60);
        arm.Emulator.ClearFaults();

        Assert.Equal(RobotState.Active, robot.State);
        Assert.True(robot.DriverDiagnostics.Retries > 0, "no reply was lost");
        Assert.True(arm.Emulator.RepliesDropped > 0);
    }

    [Fact]
    public void LostReplies_FewerThanTheThreshold_AreTolerated()
    {
        EmulatedMyCobot arm = Own(new EmulatedMyCobot());
        Robot robot = Own(arm.CreateRobot(new MyCobotDriverOptions { Bus = EmulatedMyCobot.OneRetry(), MaxConsecutiveFailures = 3 }));
        robot.Connect();
        robot.Activate();

        // Two attempts per read: four lost replies in a row fail two reads in a row, one short of three.
        arm.Emulator.DropReplies(4);
        Poll.Until(() => arm.Emulator.RepliesDropped == 4, "four replies to be lost", timeoutMs: 20_000);
        WaitCycles(robot, 10);

        Assert.Equal(RobotState.Active, robot.State);
        Assert.True(robot.GetDiagnostics().ReadErrors >= 2, $"{robot.GetDiagnostics().ReadErrors} read errors");
    }

    [Fact]
    public void LostReplies_FaultTheRobot_AfterMaxConsecutiveFailures_TheArmIsReleased_AndClearFaultRecovers()
    {
        EmulatedMyCobot arm = Own(new EmulatedMyCobot());
        Robot robot = Own(arm.CreateRobot(new MyCobotDriverOptions { Bus = EmulatedMyCobot.OneRetry(), MaxConsecutiveFailures = 3 }));
        robot.Connect();
        robot.Activate();

        arm.Emulator.DropRepliesAtRandom(1);
        Poll.Until(() => robot.State == RobotState.Faulted, "the robot to fault", timeoutMs: 20_000);

        var fault = Assert.IsType<HardwareTimeoutException>(robot.Fault);
        Assert.Equal(arm.LinkPath, fault.Bus);
        Assert.Equal("GetAngles (0x20)", fault.Register);
        Assert.True(robot.GetDiagnostics().ReadErrors >= 2, $"{robot.GetDiagnostics().ReadErrors} transient read errors before the fault");
        Poll.Until(() => Enumerable.Range(0, 6).All(joint => !arm.Emulator.IsEngaged(joint)), "the release to reach the arm");

        arm.Emulator.ClearFaults();
        RecoverAndMove(robot, arm);
    }

    [Fact]
    public void GarbledReplies_FaultTheRobot_WithACorruptPacket_TheArmIsReleased_AndClearFaultRecovers()
    {
        EmulatedMyCobot arm = Own(new EmulatedMyCobot());
        Robot robot = Own(arm.CreateRobot(new MyCobotDriverOptions { Bus = EmulatedMyCobot.OneRetry(), MaxConsecutiveFailures = 3 }));
        robot.Connect();
        robot.Activate();

        arm.Emulator.GarbleReplies(int.MaxValue);
        Poll.Until(() => robot.State == RobotState.Faulted, "the robot to fault", timeoutMs: 20_000);

        var fault = Assert.IsType<CorruptPacketException>(robot.Fault);
        Assert.Equal("GetAngles (0x20)", fault.Register);
        Poll.Until(() => Enumerable.Range(0, 6).All(joint => !arm.Emulator.IsEngaged(joint)), "the release to reach the arm");

        arm.Emulator.ClearFaults();
        RecoverAndMove(robot, arm);
    }

    [Fact]
    public void APowerLoss_FaultsTheRobot_TheJointsAreFree_AndAfterPowerComesBack_ClearFaultRecovers()
    {
        EmulatedMyCobot arm = Own(new EmulatedMyCobot());
        Robot robot = Own(arm.CreateRobot(new MyCobotDriverOptions { Bus = EmulatedMyCobot.OneRetry(), MaxConsecutiveFailures = 3 }));
        robot.Connect();
        robot.Activate();

        arm.Emulator.CutPower();
        Poll.Until(() => robot.State == RobotState.Faulted, "the robot to fault", timeoutMs: 20_000);

        Assert.IsType<HardwareTimeoutException>(robot.Fault);
        Assert.All(Enumerable.Range(0, 7), joint => Assert.False(arm.Emulator.IsEngaged(joint)));
        Assert.Throws<HardwareTimeoutException>(robot.ClearFault); // still no power: the robot stays faulted
        Assert.Equal(RobotState.Faulted, robot.State);

        arm.Emulator.RestorePower();
        RecoverAndMove(robot, arm);
    }

    [Fact]
    public void AnUnpluggedCable_FaultsTheRobotAtOnce_TheArmStaysWhereItWas_AndANewEmulatorAtTheSameLink_IsBackAfterClearFault()
    {
        EmulatedMyCobot first = Own(new EmulatedMyCobot(Pose));
        Robot robot = Own(first.CreateRobot());
        robot.Connect();
        robot.Activate();
        WaitCycles(robot, 5);

        first.Emulator.ClosePort();
        Poll.Until(() => robot.State == RobotState.Faulted, "the robot to fault");

        Assert.IsType<DeviceDisconnectedException>(robot.Fault);
        Assert.Equal(0, robot.GetDiagnostics().ReadErrors);
        for (int joint = 0; joint < 6; joint++)
        {
            // Nothing reaches the arm any more: it holds the last goal, which was where it stood.
            Assert.Equal(Pose[joint], first.Emulator.GetTarget(joint), 2 * OneStep);
        }

        EmulatedMyCobot second = Own(new EmulatedMyCobot([0, 0, 0, 0, 0, 0, 0.5], linkPath: first.LinkPath));
        robot.ClearFault();
        robot.Activate();

        Assert.Equal(RobotState.Active, robot.State);
        var measured = new JointFrame(7);
        Poll.Until(() => { robot.ReadState(measured); return Math.Abs(measured.Positions[6] - 0.5) < 0.011; }, "the new emulator's gripper position");
        robot.Gripper!.SetOpenFraction(0);
        Poll.Until(() => second.Emulator.GetJointPosition(6) < 0.01, "the new emulator's gripper to close");
    }

    [Fact]
    public void StaleAndDuplicatedReplies_AreSkipped_AndTheRobotStaysHealthy()
    {
        EmulatedMyCobot arm = Own(new EmulatedMyCobot());
        MyCobotDriver driver = arm.CreateDriver();
        Robot robot = Own(new Robot(driver, new RobotOptions { ControlRateHz = 50 }));
        robot.Connect();
        robot.Activate();

        arm.Emulator.PrecedeRepliesWithStaleFrames(20);
        WaitCycles(robot, 30);
        arm.Emulator.DuplicateReplies(20);
        WaitCycles(robot, 30);

        Assert.Equal(RobotState.Active, robot.State);
        Assert.Equal(0, robot.DriverDiagnostics.Errors);
        Assert.True(driver.StaleFrames >= 10, $"{driver.StaleFrames} stale frames skipped");
    }

    [Fact]
    public async Task AtTheMeasuredFirmwareLatency_TheRobotStillTracks()
    {
        EmulatedMyCobot arm = Own(new EmulatedMyCobot(options: new MyCobotEmulatorOptions()));
        Robot robot = Own(arm.CreateRobot(controlRateHz: 20));
        robot.Connect();
        robot.Activate();

        await robot.Arm.MoveToAsync([0.2, 0.2, -0.2, 0, 0, 0], speedFraction: 1, toleranceRadians: 0.01).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0.2, arm.Emulator.GetJointPosition(0), 0.02);
        Assert.Equal(0, robot.DriverDiagnostics.Errors);
    }

    private static void RecoverAndMove(Robot robot, EmulatedMyCobot arm)
    {
        robot.ClearFault();
        robot.Activate();

        Assert.Equal(RobotState.Active, robot.State);
        Assert.True(arm.Emulator.IsEngaged(0));
        robot.Arm.SetTargetPositions([0.25, 0, 0, 0, 0, 0]);
        Poll.Until(() =>
        {
            robot.Arm.SetTargetPositions([0.25, 0, 0, 0, 0, 0]); // keep the stream fresh for the watchdog
            return Math.Abs(arm.Emulator.GetJointPosition(0) - 0.25) < 0.01;
        }, "the arm to move after recovery");
    }

    private static void WaitCycles(Robot robot, int cycles)
    {
        long target = robot.GetDiagnostics().Cycles + cycles;
        Poll.Until(() => robot.GetDiagnostics().Cycles >= target, $"{cycles} control cycles", timeoutMs: 30_000);
    }

    private T Own<T>(T disposable)
        where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }
}
