namespace RobotSdk.Tests.Abstractions;

public sealed class HardwareFaultExceptionTests
{
    [Fact]
    public void Message_NamesBusDeviceAndRegister()
    {
        var fault = new HardwareFaultException("/dev/ttyUSB0", 7, "Present_Position", "no reply");

        Assert.Equal("/dev/ttyUSB0, ID 7, register Present_Position: no reply", fault.Message);
        Assert.Equal("/dev/ttyUSB0", fault.Bus);
        Assert.Equal(7, fault.DeviceId);
        Assert.Equal("Present_Position", fault.Register);
        Assert.Equal("no reply", fault.Reason);
    }

    [Fact]
    public void Message_OmitsDeviceAndRegister_WhenTheFaultConcernsTheBus()
    {
        var fault = new HardwareFaultException("can0", null, null, "bus off");

        Assert.Equal("can0: bus off", fault.Message);
    }

    [Fact]
    public void Subtypes_KeepTheLocationAndTheirOwnFacts()
    {
        var inner = new IOException("EIO");
        var disconnected = new DeviceDisconnectedException("/dev/ttyACM0", "adapter unplugged", inner);
        var error = new DeviceErrorException("/dev/ttyACM0", 3, "Hardware_Error_Status", 0x20, "overload", isHardwareAlert: true);
        var unavailable = new DeviceUnavailableException("/dev/ttyACM9", DeviceUnavailableReason.PermissionDenied, "join the dialout group");

        Assert.Equal("/dev/ttyACM0: adapter unplugged", disconnected.Message);
        Assert.Same(inner, disconnected.InnerException);
        Assert.Equal("/dev/ttyACM0, ID 3, register Hardware_Error_Status: overload", error.Message);
        Assert.Equal(0x20, error.ErrorCode);
        Assert.True(error.IsHardwareAlert);
        Assert.Equal(DeviceUnavailableReason.PermissionDenied, unavailable.UnavailableReason);
        Assert.IsAssignableFrom<HardwareFaultException>(new HardwareTimeoutException("can0", 1, null, "late"));
        Assert.IsAssignableFrom<HardwareFaultException>(new CorruptPacketException("can0", 1, null, "bad CRC"));
    }
}
