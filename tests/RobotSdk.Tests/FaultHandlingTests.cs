using Moq;
using RobotSdk.Hardware;
using RobotSdk.Safety;
using RobotSdk.Tests.Infrastructure;

namespace RobotSdk.Tests;

public sealed class FaultHandlingTests
{
    [Fact]
    public void MustDeactivate_FaultsTheRobot_AndTurnsTorqueOff_AfterOneCycle()
    {
        using var robot = SteppedRobot.Create();
        var unplugged = new DeviceDisconnectedException("/dev/ttyACM0", "USB adapter unplugged");

        robot.Driver.InjectFault(DriverStatus.MustDeactivate, unplugged);
        robot.Step();

        Assert.Equal(RobotState.Faulted, robot.Robot.State);
        Assert.Equal(DriverState.Inactive, robot.Driver.State);
        Assert.Same(unplugged, robot.Robot.Fault);
        Assert.Equal(SafetyInterventions.Fault, robot.Interventions);
    }

    [Fact]
    public async Task MustDeactivate_FailsAPendingMove_WithRobotHaltedException()
    {
        using var robot = SteppedRobot.Create();
        Task move = robot.Robot.Arm.MoveToAsync([1.0, 0, 0, 0, 0]);
        robot.Step(5);
        var unplugged = new DeviceDisconnectedException("/dev/ttyACM0", "USB adapter unplugged");

        robot.Driver.InjectFault(DriverStatus.MustDeactivate, unplugged);
        robot.Step();

        var exception = await Assert.ThrowsAsync<RobotHaltedException>(() => move);
        Assert.Same(unplugged, exception.InnerException);
        Assert.Contains("USB adapter unplugged", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MustDeactivate_RaisesFaulted_WithTheFault()
    {
        using var robot = SteppedRobot.Create();
        var raised = new TaskCompletionSource<(object? Sender, HardwareFaultException Fault)>(TaskCreationOptions.RunContinuationsAsynchronously);
        robot.Robot.Faulted += (sender, fault) => raised.TrySetResult((sender, fault));
        var alert = new DeviceErrorException("/dev/ttyACM0", 3, "Hardware_Error_Status", 0x20, "overload", isHardwareAlert: true);

        robot.Driver.InjectFault(DriverStatus.MustDeactivate, alert);
        robot.Step();

        (object? sender, HardwareFaultException fault) = await raised.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Same(robot.Robot, sender);
        Assert.Same(alert, fault);
    }

    [Fact]
    public void Commands_AreRefused_WhileFaulted_WithTheFaultInTheMessage()
    {
        using var robot = SteppedRobot.Create();
        robot.Driver.InjectFault(DriverStatus.MustDeactivate, new DeviceDisconnectedException("/dev/ttyACM0", "USB adapter unplugged"));
        robot.Step();

        var exception = Assert.Throws<RobotHaltedException>(() => robot.Robot.Arm.SetTargetPositions([0, 0, 0, 0, 0]));

        Assert.Contains("Faulted", exception.Message, StringComparison.Ordinal);
        Assert.Contains("USB adapter unplugged", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Faulted_StaysFaulted_OnLaterCycles()
    {
        using var robot = SteppedRobot.Create();
        robot.Driver.InjectFault(DriverStatus.MustDeactivate, new DeviceDisconnectedException("/dev/ttyACM0", "gone"));

        robot.Step(10);

        Assert.Equal(RobotState.Faulted, robot.Robot.State);
        Assert.Equal(SafetyInterventions.Fault, robot.Interventions);
        Assert.Equal(DriverState.Inactive, robot.Driver.State);
    }

    [Fact]
    public void TransientError_CountsReadErrors_AndKeepsTheRobotActive()
    {
        using var robot = SteppedRobot.Create();
        var timeout = new HardwareTimeoutException("/dev/ttyACM0", 2, "Present_Position", "no reply in 10 ms");

        robot.Driver.InjectFault(DriverStatus.Error, timeout);
        robot.Step(3);

        Assert.Equal(RobotState.Active, robot.Robot.State);
        Assert.Equal(DriverState.Active, robot.Driver.State);
        Assert.Equal(3, robot.Robot.GetDiagnostics().ReadErrors);
        Assert.Null(robot.Robot.Fault);
        Assert.Same(timeout, robot.Robot.DriverDiagnostics.LastFault);
        Assert.Equal(SafetyInterventions.None, robot.Interventions & SafetyInterventions.Fault);
    }

    [Fact]
    public void DriverWhoseReadThrows_FaultsTheRobot_WithoutTheExceptionEscaping()
    {
        var bug = new InvalidOperationException("the driver has a bug");
        int reads = 0;
        var driver = new Mock<IRobotDriver>();
        driver.SetupGet(d => d.Description).Returns(DemoArm.Description);
        driver.SetupGet(d => d.Diagnostics).Returns(new DriverDiagnostics());
        driver.Setup(d => d.Write(It.IsAny<JointFrame>())).Returns(DriverStatus.Ok);
        driver.Setup(d => d.Read(It.IsAny<JointFrame>())).Returns((JointFrame state) =>
        {
            // The read during activation works; the next one, on the control thread, throws.
            if (Interlocked.Increment(ref reads) > 1)
            {
                throw bug;
            }

            state.Positions.Clear();
            return DriverStatus.Ok;
        });
        var time = new ManualTimeProvider();
        using var robot = new Robot(driver.Object, timeProvider: time);
        robot.Connect(startLoop: false);
        robot.Activate();

        time.Advance(TimeSpan.FromMilliseconds(5));
        robot.RunCycle(time.GetTimestamp()); // must not throw

        Assert.Equal(RobotState.Faulted, robot.State);
        Assert.Same(bug, robot.Fault!.InnerException);
        Assert.Contains("InvalidOperationException", robot.Fault.Message, StringComparison.Ordinal);
        Assert.Contains("the driver has a bug", robot.Fault.Message, StringComparison.Ordinal);
        driver.Verify(d => d.Deactivate(), Times.AtLeastOnce());
        driver.Verify(d => d.Write(It.IsAny<JointFrame>()), Times.Never());
    }

    [Fact]
    public void DriverWhoseWriteThrows_FaultsTheRobot_WithoutTheExceptionEscaping()
    {
        var driver = new Mock<IRobotDriver>();
        driver.SetupGet(d => d.Description).Returns(DemoArm.Description);
        driver.SetupGet(d => d.Diagnostics).Returns(new DriverDiagnostics());
        driver.Setup(d => d.Read(It.IsAny<JointFrame>())).Returns((JointFrame state) =>
        {
            state.Positions.Clear();
            return DriverStatus.Ok;
        });
        driver.Setup(d => d.Write(It.IsAny<JointFrame>())).Throws(new IOException("write failed"));
        var time = new ManualTimeProvider();
        using var robot = new Robot(driver.Object, timeProvider: time);
        robot.Connect(startLoop: false);
        robot.Activate();

        time.Advance(TimeSpan.FromMilliseconds(5));
        robot.RunCycle(time.GetTimestamp());

        Assert.Equal(RobotState.Faulted, robot.State);
        Assert.IsType<IOException>(robot.Fault!.InnerException);
        Assert.True(robot.LastInterventions.HasFlag(SafetyInterventions.Fault));
        driver.Verify(d => d.Deactivate(), Times.AtLeastOnce());
    }

    [Fact]
    public void ClearFault_FailsWhileUnplugged_AndRecoversAfterReplug_WithoutARestart()
    {
        using var robot = SteppedRobot.Create();
        robot.Driver.Unplug();
        robot.Step();
        Assert.Equal(RobotState.Faulted, robot.Robot.State);
        Assert.IsType<DeviceDisconnectedException>(robot.Robot.Fault);

        var stillGone = Assert.Throws<DeviceUnavailableException>(robot.Robot.ClearFault);
        Assert.Equal(DeviceUnavailableReason.NotFound, stillGone.UnavailableReason);
        Assert.Equal(RobotState.Faulted, robot.Robot.State);

        robot.Driver.Replug();
        robot.Robot.ClearFault();
        Assert.Equal(RobotState.Inactive, robot.Robot.State);
        Assert.Null(robot.Robot.Fault);

        robot.Robot.Activate();
        robot.Robot.Arm.SetTargetPositions([0.2, 0, 0, 0, 0]);
        robot.Step(60);

        Assert.Equal(RobotState.Active, robot.Robot.State);
        Assert.Equal(0.2, robot.MeasuredArm()[0], 9);
    }

    [Fact]
    public void ClearFault_Throws_WhenTheRobotIsNotFaulted()
    {
        using var robot = SteppedRobot.Create();

        Assert.Throws<InvalidOperationException>(robot.Robot.ClearFault);
    }
}
