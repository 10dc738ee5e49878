using RobotSdk.Hardware;
using RobotSdk.Transports;

namespace RobotSdk.Drivers.AgileX.Tests;

/// <summary>
/// What only SocketCAN produces (this kernel has no AF_CAN): error frames from the CAN
/// controller, through an in-memory <see cref="ICanBus"/>; and SocketCanBus's own refusal to open.
/// </summary>
public sealed class SocketCanPathTests : IDisposable
{
    private readonly InMemoryCanBus _bus = new();
    private readonly PiperDriver _driver;
    private readonly JointFrame _state = new(PiperArm.JointCount);

    public SocketCanPathTests()
    {
        _driver = new PiperDriver(_bus, new PiperDriverOptions { FeedbackTimeoutMs = 10_000, ConnectTimeoutMs = 2000, EnableTimeoutMs = 2000 });
        _bus.QueueFeedback(10);
        _driver.Configure();
    }

    public void Dispose()
    {
        _driver.Dispose();
        _bus.Dispose();
    }

    [Fact]
    public void Configure_OpensTheBusAt1Mbps_DisablesTheArm_AndReopensTheBusEachTime()
    {
        Assert.Equal(1_000_000, _bus.Bitrate);
        Assert.Contains(PiperProtocol.EncodeMotorEnable(new MotorEnableCommand(MotorEnableCommand.AllMotors, false)), _bus.Sent);

        _bus.QueueFeedback(10);
        _driver.Configure();

        Assert.Equal(2, _bus.Opens);
    }

    [Theory]
    [InlineData(0x040u, "bus-off", true)]
    [InlineData(0x020u, "no acknowledgement", false)]
    [InlineData(0x001u, "transmit timeout", false)]
    [InlineData(0x060u, "bus-off, no acknowledgement", true)]
    public void AnErrorFrame_MakesReadAskToDeactivate_AndRecordsWhatTheControllerSaid(uint errorClass, string described, bool isHardwareAlert)
    {
        _bus.QueueFeedback(10);
        Assert.Equal(DriverStatus.Ok, _driver.Read(_state));

        _bus.Queue(CanFrame.CreateError(errorClass, new byte[8]));
        _bus.QueueFeedback(10);

        Assert.Equal(DriverStatus.MustDeactivate, _driver.Read(_state));
        var fault = Assert.IsType<DeviceErrorException>(_driver.Diagnostics.LastFault);
        Assert.Equal("can-test", fault.Bus);
        Assert.Equal((int)errorClass, fault.ErrorCode);
        Assert.Contains(described, fault.Message, StringComparison.Ordinal);
        Assert.Equal(isHardwareAlert, fault.IsHardwareAlert);
    }

    [Theory]
    [InlineData(0x002u)] // lost arbitration: normal on a shared bus
    [InlineData(0x100u)] // the controller restarted after bus-off
    [InlineData(0x004u)] // controller warnings: error-warning or error-passive counters, overflows
    [InlineData(0x088u)] // single protocol and bus errors
    public void HarmlessErrorFrames_AreNotFaults(uint errorClass)
    {
        _bus.Queue(CanFrame.CreateError(errorClass, new byte[8]));
        _bus.QueueFeedback(10);

        Assert.Equal(DriverStatus.Ok, _driver.Read(_state));
        Assert.Null(_driver.Diagnostics.LastFault);
    }

    [Fact]
    public void ABusOffDuringActivate_StopsIt_WithTheBusFault()
    {
        _bus.Queue(CanFrame.CreateError(0x040, new byte[8]));

        var fault = Assert.Throws<DeviceErrorException>(() => _driver.Activate(CommandMode.Position));

        Assert.Contains("bus-off", fault.Message, StringComparison.Ordinal);
        Assert.Equal(DriverState.Inactive, _driver.State);
    }

    [Fact]
    public void Activate_WaitsUntilTheArmReportsCanControlAndEnabledMotors()
    {
        _bus.OnSent = frame =>
        {
            if (frame.Id == PiperCanIds.MotorEnable)
            {
                _bus.QueueFeedback(10, enabled: true, mode: ControlMode.CanControl);
            }
        };

        _driver.Activate(CommandMode.Position);

        Assert.Equal(DriverState.Active, _driver.State);
        CanFrame[] sent = [.. _bus.Sent];
        Assert.Contains(CanFrame.Parse("151#0101320000000000"), sent);
        Assert.Contains(CanFrame.Parse("471#0702000000000000"), sent);
        Assert.True(PiperProtocol.TryDecodeJointTargets(sent[^4], out _, out double first, out _));
        Assert.Equal(10 * Math.PI / 180, first, 1e-6); // goal := present
    }

    [Fact]
    public void AnActiveArmThatLeavesCanControl_MakesReadAskToDeactivate()
    {
        _bus.OnSent = frame =>
        {
            if (frame.Id == PiperCanIds.MotorEnable)
            {
                _bus.QueueFeedback(10, enabled: true, mode: ControlMode.CanControl);
            }
        };
        _driver.Activate(CommandMode.Position);
        _bus.QueueFeedback(10, enabled: true, mode: ControlMode.CanControl);
        Assert.Equal(DriverStatus.Ok, _driver.Read(_state));

        _bus.QueueFeedback(10, enabled: true, mode: ControlMode.Teaching);

        Assert.Equal(DriverStatus.MustDeactivate, _driver.Read(_state));
        var fault = Assert.IsType<DeviceErrorException>(_driver.Diagnostics.LastFault);
        Assert.Contains("left CAN control", fault.Message, StringComparison.Ordinal);
        Assert.Contains("Teaching", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SocketCanBus_OnAKernelWithoutSocketCan_FailsToOpen_WithAMessageThatSaysWhatToDo()
    {
        using var driver = new PiperDriver("pipertest0");

        var error = Assert.Throws<DeviceUnavailableException>(driver.Configure);

        // This kernel has no AF_CAN (NotSupported); one with SocketCAN has no such interface (NotFound).
        Assert.Contains(error.UnavailableReason, new[] { DeviceUnavailableReason.NotSupported, DeviceUnavailableReason.NotFound });
        Assert.Equal("pipertest0", error.Bus);
        Assert.True(error.Message.Contains("SocketCAN", StringComparison.Ordinal) || error.Message.Contains("ip link", StringComparison.Ordinal), error.Message);
        Assert.Equal(DriverState.Unconfigured, driver.State);
    }
}
