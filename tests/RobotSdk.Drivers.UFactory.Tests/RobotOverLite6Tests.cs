using RobotSdk.Drivers.UFactory.Emulation;
using RobotSdk.Drivers.UFactory.Protocol;
using RobotSdk.Hardware;

namespace RobotSdk.Drivers.UFactory.Tests;

/// <summary>
/// End to end: a <see cref="Robot"/> over <see cref="Lite6Driver"/> over a real loopback TCP
/// connection to a <see cref="Lite6Emulator"/>; every fault ends Faulted with the arm safe, and
/// recovers in the same process.
/// </summary>
public sealed class RobotOverLite6Tests : IDisposable
{
    private static readonly double[] Pose = [0.3, -0.4, 0.5, -0.2, 0.1, 0.2];
    private const double Fp32 = 1e-6; // joints cross the wire as fp32
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
        EmulatedLite6 arm = Own(new EmulatedLite6(Pose));
        Robot robot = Own(EmulatedLite6.CreateRobot(arm.CreateDriver()));

        robot.Connect();
        Assert.False(arm.Emulator.IsReady); // configuring enables nothing
        robot.Activate();
        WaitCycles(robot, 30);

        var measured = new JointFrame(Lite6Arm.JointCount);
        var sent = new JointFrame(Lite6Arm.JointCount);
        robot.ReadState(measured);
        robot.ReadSentCommand(sent);
        for (int joint = 0; joint < Lite6Arm.ArmJointCount; joint++)
        {
            Assert.Equal(Pose[joint], arm.Joints.GetPresentPosition(joint), Fp32);
            Assert.Equal(Pose[joint], measured.Positions[joint], Fp32);
            Assert.Equal(measured.Positions[joint], sent.Positions[joint], Fp32);
        }

        Assert.True(arm.Emulator.IsReady);
        Assert.Equal(ControllerMode.Servo, arm.Emulator.Mode);
        Assert.Equal(0.5, robot.Gripper!.OpenFraction, 1e-9); // nothing sent yet: neither open nor closed
        Assert.Equal(0, arm.Emulator.GetRequestCount(XArmFunction.ToolRegisterWrite));
    }

    [Fact]
    public async Task MoveToAsync_TracksTheGoalWithServoJ_AndTheEmulatedJointsAgree()
    {
        EmulatedLite6 arm = Own(new EmulatedLite6());
        Robot robot = Own(EmulatedLite6.CreateRobot(arm.CreateDriver()));
        robot.Connect();
        robot.Activate();
        double[] goal = [0.4, -0.6, 0.8, -0.3, 0.5, 1.0];

        await robot.Arm.MoveToAsync(goal, speedFraction: 1, toleranceRadians: 0.01);

        for (int joint = 0; joint < goal.Length; joint++)
        {
            Assert.Equal(goal[joint], arm.Joints.GetPresentPosition(joint), 0.02);
        }

        Assert.True(arm.Emulator.GetRequestCount(XArmFunction.ServoJoint) > 10);
        Assert.Equal(0, arm.Emulator.ErrorCode);
    }

    [Fact]
    public void TheGripper_OpensAndCloses_ThroughToolGpio_SendingOnlyOnEachSwitch()
    {
        EmulatedLite6 arm = Own(new EmulatedLite6());
        Robot robot = Own(EmulatedLite6.CreateRobot(arm.CreateDriver()));
        robot.Connect();
        robot.Activate();
        IGripper gripper = robot.Gripper!;

        gripper.SetOpenFraction(1);
        Poll.Until(() => gripper.OpenFraction == 1, "the gripper to read open");
        Poll.Until(() => Math.Abs(arm.Joints.GetPresentPosition(Lite6Arm.GripperIndex) - Lite6Arm.GripperOpenMeters) < 1e-5, "the emulated fingers to open");
        Assert.Equal(Lite6GripperState.Open, arm.Emulator.GripperState);

        gripper.SetOpenFraction(0);
        Poll.Until(() => gripper.OpenFraction == 0, "the gripper to read closed");
        Poll.Until(() => Math.Abs(arm.Joints.GetPresentPosition(Lite6Arm.GripperIndex) - Lite6Arm.GripperClosedMeters) < 1e-5, "the emulated fingers to close");
        WaitCycles(robot, 10);

        Assert.Equal(Lite6GripperState.Closed, arm.Emulator.GripperState);
        Assert.Equal(4, arm.Emulator.GetRequestCount(XArmFunction.ToolRegisterWrite)); // two outputs per switch, nothing repeated
    }

    [Fact]
    public void EveryControlCycle_IsOneJointReadAndOneServoJ_AndNothingElse()
    {
        EmulatedLite6 arm = Own(new EmulatedLite6());
        Robot robot = Own(EmulatedLite6.CreateRobot(arm.CreateDriver()));
        robot.Connect();
        robot.Activate();
        WaitCycles(robot, 5);

        (long cycles, long reads, long writes, long others) = Snapshot(robot, arm);
        WaitCycles(robot, 50);
        (long cyclesAfter, long readsAfter, long writesAfter, long othersAfter) = Snapshot(robot, arm);

        // A cycle in flight at either snapshot may be counted on one side only.
        long ran = cyclesAfter - cycles;
        Assert.InRange(readsAfter - reads, ran - 1, ran + 1);
        Assert.InRange(writesAfter - writes, ran - 1, ran + 1);
        Assert.Equal(others, othersAfter);
    }

    [Fact]
    public async Task AControllerError_FaultsTheRobot_NamingTheCode_AndAfterClearingIt_ActivateWorksAgain()
    {
        EmulatedLite6 arm = Own(new EmulatedLite6());
        Lite6Driver driver = arm.CreateDriver();
        Robot robot = Own(EmulatedLite6.CreateRobot(driver));
        robot.Connect();
        robot.Activate();
        Task move = robot.Arm.MoveToAsync([1.5, 0, 0.5, 0, 0, 0]);
        Poll.Until(() => arm.Joints.GetPresentPosition(0) > 0.05, "the arm to start moving");

        arm.Emulator.InjectError(31);
        Poll.Until(() => robot.State == RobotState.Faulted, "the robot to fault");
        await Assert.ThrowsAsync<RobotHaltedException>(() => move);

        var fault = Assert.IsType<DeviceErrorException>(robot.Fault);
        Assert.Equal(31, fault.ErrorCode);
        Assert.Contains("C31 Collision Caused Abnormal Current", fault.Message, StringComparison.Ordinal);
        Assert.Equal(ControllerState.Stopped, arm.Emulator.State);
        AssertHolding(arm);

        // The cause is fixed: the user clears the controller's error, then the robot's fault.
        Assert.Throws<DeviceErrorException>(robot.ClearFault); // still latched: Configure refuses
        Assert.Equal(RobotState.Faulted, robot.State);
        ControllerCodesReading remaining = driver.ClearControllerErrors();
        Assert.Equal(new ControllerCodesReading(0, 0), remaining);
        robot.ClearFault();
        robot.Activate();

        Assert.Equal(RobotState.Active, robot.State);
        await robot.Arm.MoveToAsync([0, 0.3, 0.5, 0, 0, 0], speedFraction: 1, toleranceRadians: 0.01);
        Assert.Equal(0.3, arm.Joints.GetPresentPosition(1), 0.02);
    }

    [Fact]
    public async Task AWarning_DoesNotFaultTheRobot_AndIsInTheDiagnostics()
    {
        EmulatedLite6 arm = Own(new EmulatedLite6());
        Robot robot = Own(EmulatedLite6.CreateRobot(arm.CreateDriver()));
        robot.Connect();
        robot.Activate();

        arm.Emulator.InjectWarning(11);
        DeviceErrorException? warning = null;
        Poll.Until(() => (warning = robot.DriverDiagnostics.LastFault as DeviceErrorException) is { ErrorCode: 11 }, "the warning to be recorded");
        await robot.Arm.MoveToAsync([0, 0, 0.4, 0, 0, 0], speedFraction: 1, toleranceRadians: 0.01);

        Assert.Equal(RobotState.Active, robot.State);
        Assert.False(warning!.IsHardwareAlert);
        Assert.Contains("W11 Current controller cache is full", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASilentController_FaultsTheRobot_AfterMaxConsecutiveFailures_TheArmHolds_AndItRecovers()
    {
        EmulatedLite6 arm = Own(new EmulatedLite6());
        Robot robot = Own(EmulatedLite6.CreateRobot(arm.CreateDriver(new Lite6DriverOptions { ReplyTimeoutMs = 100, MaxConsecutiveFailures = 3 })));
        robot.Connect();
        robot.Activate();
        Task move = robot.Arm.MoveToAsync([1.5, 0, 0, 0, 0, 0]);
        Poll.Until(() => arm.Joints.GetPresentPosition(0) > 0.05, "the arm to start moving");

        arm.Emulator.StopReplying();
        Poll.Until(() => robot.State == RobotState.Faulted, "the robot to fault", timeoutMs: 10_000);
        await Assert.ThrowsAsync<RobotHaltedException>(() => move);

        Assert.IsType<HardwareTimeoutException>(robot.Fault);
        // Three timeouts in a row, reads and writes alike: a read and a write fail (Error), the next read faults.
        RobotDiagnostics diagnostics = robot.GetDiagnostics();
        Assert.True(diagnostics.ReadErrors + diagnostics.WriteErrors >= 2, $"{diagnostics.ReadErrors} read and {diagnostics.WriteErrors} write errors before the fault");
        AssertHolding(arm);

        arm.Emulator.ResumeReplying();
        robot.ClearFault();
        robot.Activate();
        Assert.Equal(RobotState.Active, robot.State);
        await robot.Arm.MoveToAsync([0, 0, 0, 0, 0, 0.5], speedFraction: 1, toleranceRadians: 0.01);
        Assert.Equal(0.5, arm.Joints.GetPresentPosition(5), 0.02);
    }

    [Fact]
    public async Task ADroppedConnection_FaultsTheRobotAtOnce_TheStopGoesOverAFreshConnection_AndClearFaultReconnects()
    {
        EmulatedLite6 arm = Own(new EmulatedLite6());
        Robot robot = Own(EmulatedLite6.CreateRobot(arm.CreateDriver()));
        robot.Connect();
        robot.Activate();
        Task move = robot.Arm.MoveToAsync([0, 0, 0, 1.5, 0, 0]);
        Poll.Until(() => arm.Joints.GetPresentPosition(3) > 0.05, "the arm to start moving");

        arm.Emulator.DropClients();
        Poll.Until(() => robot.State == RobotState.Faulted, "the robot to fault");
        await Assert.ThrowsAsync<RobotHaltedException>(() => move);

        Assert.IsType<DeviceDisconnectedException>(robot.Fault);
        Assert.Equal(0, robot.GetDiagnostics().ReadErrors + robot.GetDiagnostics().WriteErrors);
        Poll.Until(() => arm.Emulator.State == ControllerState.Stopped, "the stop to reach the controller");
        AssertHolding(arm);

        robot.ClearFault();
        robot.Activate();
        await robot.Arm.MoveToAsync([0, 0, 0, 0, 0.4, 0], speedFraction: 1, toleranceRadians: 0.01);
        Assert.Equal(0.4, arm.Joints.GetPresentPosition(4), 0.02);
    }

    [Fact]
    public void AControllerRestartedOnTheSamePort_IsBackAfterClearFault()
    {
        EmulatedLite6 first = new([0, 0, 0, 0, 0, 0]);
        Robot robot = Own(EmulatedLite6.CreateRobot(first.CreateDriver()));
        robot.Connect();
        robot.Activate();
        int port = first.Port;

        first.Dispose();
        Poll.Until(() => robot.State == RobotState.Faulted, "the robot to fault");
        Assert.IsType<DeviceDisconnectedException>(robot.Fault);
        var unreachable = Assert.Throws<DeviceUnavailableException>(robot.ClearFault);
        Assert.Contains("cannot reach the Lite 6 controller", unreachable.Message, StringComparison.Ordinal);

        EmulatedLite6 second = Own(new EmulatedLite6([0.2, 0, 0, 0, 0, 0], port));
        robot.ClearFault();
        robot.Activate();

        var measured = new JointFrame(Lite6Arm.JointCount);
        Poll.Until(() => { robot.ReadState(measured); return Math.Abs(measured.Positions[0] - 0.2) < Fp32; }, "the new controller's joint1");
        robot.Gripper!.SetOpenFraction(1);
        Poll.Until(() => second.Emulator.GripperState == Lite6GripperState.Open, "the new controller's gripper to open");
    }

    [Fact]
    public void Connect_ToNothing_ThrowsDeviceUnavailable_WithAClearMessage()
    {
        EmulatedLite6 arm = Own(new EmulatedLite6());
        arm.Emulator.StopListening();
        Robot robot = Own(EmulatedLite6.CreateRobot(arm.CreateDriver()));

        var error = Assert.Throws<DeviceUnavailableException>(robot.Connect);

        Assert.Equal(DeviceUnavailableReason.Refused, error.UnavailableReason);
        Assert.StartsWith($"127.0.0.1:{arm.Port}: cannot reach the Lite 6 controller (connection refused: nothing listens on port {arm.Port})", error.Message, StringComparison.Ordinal);
        Assert.Equal(RobotState.Disconnected, robot.State);
    }

    [Fact]
    public void Connect_WithALatchedControllerError_ThrowsDeviceError_NamingTheCodeAndItsMeaning()
    {
        EmulatedLite6 arm = Own(new EmulatedLite6());
        arm.Emulator.InjectError(1);
        Robot robot = Own(EmulatedLite6.CreateRobot(arm.CreateDriver()));

        var error = Assert.Throws<DeviceErrorException>(robot.Connect);

        Assert.Equal(1, error.ErrorCode);
        Assert.Contains("C1 The Emergency Stop Button on the xArm Controller is pushed in to stop: release the emergency stop button", error.Message, StringComparison.Ordinal);
        Assert.Equal(RobotState.Disconnected, robot.State);
    }

    private static void AssertHolding(EmulatedLite6 arm)
    {
        // Settled (the first-order joints need a few time constants), then nothing moves.
        Thread.Sleep(200);
        double[] before = arm.ArmPositions();
        Thread.Sleep(100);
        double[] after = arm.ArmPositions();
        for (int joint = 0; joint < before.Length; joint++)
        {
            Assert.Equal(before[joint], after[joint], 1e-4);
        }
    }

    private static (long Cycles, long Reads, long Writes, long Others) Snapshot(Robot robot, EmulatedLite6 arm) =>
        (robot.GetDiagnostics().Cycles,
         arm.Emulator.GetRequestCount(XArmFunction.GetJointPositions),
         arm.Emulator.GetRequestCount(XArmFunction.ServoJoint),
         Enum.GetValues<XArmFunction>().Where(function => function is not (XArmFunction.GetJointPositions or XArmFunction.ServoJoint)).Sum(arm.Emulator.GetRequestCount));

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
