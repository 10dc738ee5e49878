namespace RobotSdk.Drivers.Dynamixel.Tests.Protocol;

public sealed class StatusErrorTests
{
    [Theory]
    [InlineData(0x00, StatusErrorKind.None, false)]
    [InlineData(0x01, StatusErrorKind.ResultFail, false)]
    [InlineData(0x02, StatusErrorKind.InstructionError, false)]
    [InlineData(0x03, StatusErrorKind.CrcError, false)]
    [InlineData(0x04, StatusErrorKind.DataRangeError, false)]
    [InlineData(0x05, StatusErrorKind.DataLengthError, false)]
    [InlineData(0x06, StatusErrorKind.DataLimitError, false)]
    [InlineData(0x07, StatusErrorKind.AccessError, false)]
    [InlineData(0x80, StatusErrorKind.None, true)]
    [InlineData(0x87, StatusErrorKind.AccessError, true)]
    [InlineData(0x19, StatusErrorKind.Unknown, false)]
    public void ErrorByte_SplitsIntoCodeAndHardwareAlert(byte raw, StatusErrorKind kind, bool alert)
    {
        var error = new StatusError(raw);

        Assert.Equal(kind, error.Kind);
        Assert.Equal(alert, error.HasHardwareAlert);
        Assert.Equal(raw == 0, error.IsOk);
        Assert.Equal(kind != StatusErrorKind.None, error.HasError);
    }

    [Fact]
    public void From_BuildsTheByteBack()
    {
        Assert.Equal(0x86, StatusError.From(StatusErrorKind.DataLimitError, hardwareAlert: true).Raw);
    }

    [Fact]
    public void Describe_MentionsHardwareErrorStatus_ForAnAlert()
    {
        Assert.Contains("Hardware Error Status", new StatusError(0x80).Describe(), StringComparison.Ordinal);
        Assert.Contains("access error", new StatusError(0x07).Describe(), StringComparison.Ordinal);
    }
}
