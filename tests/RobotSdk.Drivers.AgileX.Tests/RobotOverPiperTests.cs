using RobotSdk.Drivers.AgileX.Emulation;

namespace RobotSdk.Drivers.AgileX.Tests;

/// <summary>
/// End to end: a <see cref="Robot"/> over <see cref="PiperDriver"/> over SLCAN on the link of a
/// <see cref="PiperEmulator"/>; every fault ends with the robot faulted and the arm safe, and
/// <see cref="Robot.ClearFault"/> brings it back in the same process.
/// </summary>
public sealed class RobotOverPiperTests : IDisposable
{
    private static readonly double[] Pose = [0.3, 0.8, -0.6, 0.2, -0.3, 0.4, 0.03];
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
        EmulatedPiper arm = Own(new EmulatedPiper(Pose));
        Robot robot = Own(arm.CreateRobot());

        robot.Connect();
        robot.Activate();
        WaitCycles(robot, 30);

        var measured = new JointFrame(PiperArm.JointCount);
        var sent = new JointFrame(PiperArm.JointCount);
        robot.ReadState(measured);
        robot.ReadSentCommand(sent);
        for (int joint = 0; joint < PiperArm.JointCount; joint++)
        {
            Assert.Equal(Pose[joint], arm.Joints.GetPresentPosition(joint), 1e-4);
            Assert.Equal(Pose[joint], measured.Positions[joint], 1e-4);
            Assert.Equal(measured.Positions[joint], sent.Positions[joint], 1e-4);
            Assert.True(arm.Emulator.IsMotorEnabled(joint + 1));
        }
    }

    [Fact]
    public async Task MoveToAsync_ReachesTheGoal_AndTheEmulatedJointsAgree()
    {
        EmulatedPiper arm = Own(new EmulatedPiper());
        Robot robot = Own(arm.CreateRobot());
        robot.Connect();
        robot.Activate();
        double[] goal = [0.5, 1.2, -1.0, 0.4, -0.6, 0.8];

        await robot.Arm.MoveToAsync(goal, speedFraction: 1, toleranceRadians: 0.01);

        for (int joint = 0; joint < goal.Length; joint++)
        {
            Assert.Equal(goal[joint], arm.Joints.GetPresentPosition(joint), 0.02);
        }

        Assert.Equal(RobotState.Active, robot.State);
    }

    [Fact]
    public void TheGripper_OpensToSeventyMillimetres_AndCloses()
    {
        EmulatedPiper arm = Own(new EmulatedPiper());
        Robot robot = Own(arm.CreateRobot());
        robot.Connect();
        robot.Activate();
        IGripper gripper = robot.Gripper!;

        gripper.SetOpenFraction(1);
        Poll.Until(() => gripper.OpenFraction > 0.995, "the gripper to open", 10_000);
        double open = arm.Joints.GetPresentPosition(PiperArm.GripperJointIndex);
        gripper.SetWidth(0.02);
        Poll.Until(() => Math.Abs(gripper.WidthMeters!.Value - 0.02) < 0.0005, "the gripper to close to 20 mm", 10_000);

        Assert.Equal(0.07, open, 0.0005);
        Assert.Equal(0.02, arm.Joints.GetPresentPosition(PiperArm.GripperJointIndex), 0.0005);
        Assert.Equal(1.0, arm.Emulator.GripperEffortNewtonMeters);
    }

    [Fact]
    public void EveryControlCycle_SendsTheThreeJointFrames_AndTheGripperOnlyAtItsRefreshRate()
    {
        EmulatedPiper arm = Own(new EmulatedPiper());
        PiperDriver driver = arm.CreateDriver();
        Robot robot = Own(new Robot(driver, new RobotOptions { ControlRateHz = 100 }));
        robot.Connect();
        robot.Activate();
        WaitCycles(robot, 5);

        long cycles = robot.GetDiagnostics().Cycles;
        long sent = driver.BusStatistics.FramesSent;
        long grippers = arm.Emulator.GetFramesReceived(PiperCanIds.GripperControl);
        var elapsed = System.Diagnostics.Stopwatch.StartNew();
        WaitCycles(robot, 50);
        long ran = robot.GetDiagnostics().Cycles - cycles;
        long sentInCycles = driver.BusStatistics.FramesSent - sent;
        Poll.Until(() => arm.Emulator.GetFramesReceived(PiperCanIds.JointTargets56) > 0, "frames to reach the arm");
        long gripperFrames = arm.Emulator.GetFramesReceived(PiperCanIds.GripperControl) - grippers;

        // A cycle in flight at either snapshot may be counted on one side only.
        long refreshes = (elapsed.ElapsedMilliseconds / 100) + 2;
        Assert.InRange(sentInCycles, 3 * (ran - 1), (3 * (ran + 1)) + refreshes);
        Assert.InRange(gripperFrames, 0, refreshes);
        Assert.Equal(0, robot.GetDiagnostics().ReadErrors);
    }

    [Fact]
    public void Silence_TheArmPoweredOff_FaultsTheRobotWithATimeout_AndPowerOnPlusClearFaultRecovers()
    {
        EmulatedPiper arm = Own(new EmulatedPiper(Pose));
        Robot robot = Own(arm.CreateRobot(EmulatedPiper.PatientOptions(o => o.ConnectTimeoutMs = 1000)));
        robot.Connect();
        robot.Activate();

        arm.Emulator.PowerOff();
        Poll.Until(() => robot.State == RobotState.Faulted, "the robot to fault", 10_000);

        var fault = Assert.IsType<HardwareTimeoutException>(robot.Fault);
        Assert.Contains("no joint feedback from the arm", fault.Message, StringComparison.Ordinal);
        Assert.True(robot.GetDiagnostics().ReadErrors >= 2, $"{robot.GetDiagnostics().ReadErrors} transient read errors before the fault");
        Assert.False(arm.Emulator.AnyMotorEnabled()); // powered off: limp
        Assert.Throws<HardwareTimeoutException>(robot.ClearFault); // still silent
        Assert.Equal(RobotState.Faulted, robot.State);

        arm.Emulator.PowerOn();
        robot.ClearFault();
        robot.Activate();

        Assert.Equal(RobotState.Active, robot.State);
        Assert.True(arm.Emulator.IsMotorEnabled(1));
    }

    [Fact]
    public async Task LostFrames_UpToAThreshold_AreTolerated_AndTheArmStillTracks()
    {
        EmulatedPiper arm = Own(new EmulatedPiper());
        Robot robot = Own(arm.CreateRobot());
        robot.Connect();
        robot.Activate();

        arm.Emulator.LoseFrames(0.3);
        await robot.Arm.MoveToAsync([0.4, 0.9, -0.7, 0.1, 0.3, -0.4], speedFraction: 1, toleranceRadians: 0.01);
        WaitCycles(robot, 20);

        Assert.Equal(RobotState.Active, robot.State);
        Assert.True(arm.Emulator.Adapter.FramesLost > 100, $"only {arm.Emulator.Adapter.FramesLost} frames lost");
        Assert.Equal(0.9, arm.Joints.GetPresentPosition(1), 0.02);
    }

    [Fact]
    public void LostFrames_BeyondTheThreshold_FaultTheRobot_TheArmHolds_AndItRecoversWhenTheLinkHeals()
    {
        EmulatedPiper arm = Own(new EmulatedPiper(Pose));
        Robot robot = Own(arm.CreateRobot());
        robot.Connect();
        robot.Activate();

        arm.Emulator.LoseFrames(1.0);
        Poll.Until(() => robot.State == RobotState.Faulted, "the robot to fault", 10_000);

        Assert.IsType<HardwareTimeoutException>(robot.Fault);
        AssertHolding(arm);

        arm.Emulator.LoseFrames(0);
        robot.ClearFault();
        Poll.Until(() => !arm.Emulator.AnyMotorEnabled(), "Configure's disable to reach the arm");
        robot.Activate();
        Assert.Equal(RobotState.Active, robot.State);
    }

    [Theory]
    [InlineData(ArmStatus.JointCommunicationError, ArmErrors.Joint3CommunicationError, 3, "joint communication error")]
    [InlineData(ArmStatus.Collision, ArmErrors.None, null, "collision detected")]
    [InlineData(ArmStatus.EmergencyStop, ArmErrors.None, null, "emergency stop")]
    [InlineData(ArmStatus.Normal, ArmErrors.Joint5CommunicationError, 5, "joint 5 communication error")]
    public void AnArmErrorStatus_FaultsTheRobotAtOnce_NamingTheCode_AndDisablesTheArm(ArmStatus status, ArmErrors errors, int? joint, string meaning)
    {
        EmulatedPiper arm = Own(new EmulatedPiper(Pose));
        Robot robot = Own(arm.CreateRobot());
        robot.Connect();
        robot.Activate();

        arm.Emulator.SetArmStatus(status, errors);
        Poll.Until(() => robot.State == RobotState.Faulted, "the robot to fault");

        var fault = Assert.IsType<DeviceErrorException>(robot.Fault);
        Assert.Equal(status == ArmStatus.Normal ? (int)errors : (int)status, fault.ErrorCode);
        Assert.Equal(joint, fault.DeviceId);
        Assert.Contains(meaning, fault.Message, StringComparison.Ordinal);
        Assert.True(fault.IsHardwareAlert);
        Assert.Equal(0, robot.GetDiagnostics().ReadErrors);
        Poll.Until(() => !arm.Emulator.AnyMotorEnabled(), "the disable to reach the arm");

        arm.Emulator.SetArmStatus(ArmStatus.Normal);
        robot.ClearFault();
        robot.Activate();
        Assert.Equal(RobotState.Active, robot.State);
    }

    [Fact]
    public void BusOff_FaultsTheRobot_TheArmHolds_AndClearFaultRecoversOnceTheBusIsBack()
    {
        EmulatedPiper arm = Own(new EmulatedPiper(Pose));
        Robot robot = Own(arm.CreateRobot(EmulatedPiper.PatientOptions(o => o.ConnectTimeoutMs = 1000)));
        robot.Connect();
        robot.Activate();

        arm.Emulator.SetBusOff(true);
        Poll.Until(() => robot.State == RobotState.Faulted, "the robot to fault", 10_000);

        // The adapter refuses every frame (BEL) and nothing arrives: whichever the driver saw first.
        Assert.True(robot.Fault is DeviceErrorException { ErrorCode: 0x07 } or HardwareTimeoutException, robot.Fault!.Message);
        Assert.True(robot.GetDiagnostics().ReadErrors >= 2);
        AssertHolding(arm);
        Assert.ThrowsAny<HardwareFaultException>(robot.ClearFault);

        arm.Emulator.SetBusOff(false);
        robot.ClearFault();
        Poll.Until(() => !arm.Emulator.AnyMotorEnabled(), "Configure's disable to reach the arm");
        robot.Activate();
        Assert.Equal(RobotState.Active, robot.State);
    }

    [Fact]
    public void AnUnpluggedAdapter_FaultsTheRobotAtOnce_AndClearFaultWorksOnceItIsPluggedBackIn()
    {
        EmulatedPiper arm = Own(new EmulatedPiper(Pose));
        Robot robot = Own(arm.CreateRobot());
        robot.Connect();
        robot.Activate();

        arm.Emulator.Unplug();
        Poll.Until(() => robot.State == RobotState.Faulted, "the robot to fault");

        Assert.IsType<DeviceDisconnectedException>(robot.Fault);
        Assert.Equal(0, robot.GetDiagnostics().ReadErrors);
        AssertHolding(arm); // the disable cannot reach the arm without its adapter
        var unavailable = Assert.Throws<DeviceUnavailableException>(robot.ClearFault);
        Assert.Equal(DeviceUnavailableReason.NotFound, unavailable.UnavailableReason);

        arm.Emulator.Replug();
        robot.ClearFault();
        Poll.Until(() => !arm.Emulator.AnyMotorEnabled(), "Configure's disable to reach the arm");
        robot.Activate();
        Assert.Equal(RobotState.Active, robot.State);
    }

    [Fact]
    public void ANewEmulatorAtTheSameLink_IsBackAfterClearFault()
    {
        EmulatedPiper first = Own(new EmulatedPiper(Pose));
        Robot robot = Own(first.CreateRobot());
        robot.Connect();
        robot.Activate();

        first.Dispose();
        Poll.Until(() => robot.State == RobotState.Faulted, "the robot to fault");
        EmulatedPiper second = Own(new EmulatedPiper([0, 0.5, -0.5, 0, 0, 0, 0.04], linkPath: first.LinkPath));
        robot.ClearFault();
        robot.Activate();

        var measured = new JointFrame(PiperArm.JointCount);
        Poll.Until(() => { robot.ReadState(measured); return Math.Abs(measured.Positions[1] - 0.5) < 1e-4; }, "the new arm's joint 2");
        robot.Gripper!.SetOpenFraction(0);
        Poll.Until(() => second.Joints.GetPresentPosition(PiperArm.GripperJointIndex) < 0.001, "the new arm's gripper to close", 10_000);
    }

    /// <summary>The arm, enabled or not, keeps its joints where they are: nothing commands it any more.</summary>
    private static void AssertHolding(EmulatedPiper arm)
    {
        double[] before = [.. Enumerable.Range(0, PiperArm.JointCount).Select(arm.Joints.GetPresentPosition)];
        Thread.Sleep(100);
        for (int joint = 0; joint < PiperArm.JointCount; joint++)
        {
            Assert.Equal(before[joint], arm.Joints.GetPresentPosition(joint), 1e-4);
        }
    }

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
