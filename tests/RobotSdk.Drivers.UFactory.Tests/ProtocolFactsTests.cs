using RobotSdk.Drivers.UFactory.Protocol;

namespace RobotSdk.Drivers.UFactory.Tests;

/// <summary>Tables and conversions: tool outputs, error codes, version text.</summary>
public sealed class ProtocolFactsTests
{
    [Theory]
    [InlineData(0, true, 0x0101)]
    [InlineData(0, false, 0x0100)]
    [InlineData(1, true, 0x0202)]
    [InlineData(1, false, 0x0200)]
    [InlineData(2, true, 0x1010)]
    [InlineData(3, true, 0x0404)]
    [InlineData(4, false, 0x0800)]
    public void ToolDigitalOutputs_EncodeMaskAndLevel_AsTheSdk(int output, bool on, int expected)
    {
        Assert.Equal(expected, ToolDigitalOutputs.Encode(output, on));
    }

    [Fact]
    public void ToolDigitalOutputs_ChangeOnlyTheMaskedOutputs()
    {
        int levels = 0;
        levels = ToolDigitalOutputs.Apply(levels, ToolDigitalOutputs.Encode(0, true));
        levels = ToolDigitalOutputs.Apply(levels, ToolDigitalOutputs.Encode(1, false));
        Assert.Equal(0b01, levels);

        levels = ToolDigitalOutputs.Apply(levels, ToolDigitalOutputs.Encode(2, true));
        levels = ToolDigitalOutputs.Apply(levels, ToolDigitalOutputs.Encode(0, false));
        levels = ToolDigitalOutputs.Apply(levels, ToolDigitalOutputs.Encode(1, true));
        Assert.Equal(0b110, levels);
    }

    [Theory]
    [InlineData(1, "C1 The Emergency Stop Button on the xArm Controller is pushed in to stop", false)]
    [InlineData(23, "C23 Joints Angle Exceed Limit", false)]
    [InlineData(31, "C31 Collision Caused Abnormal Current", false)]
    [InlineData(13, "C13 Servo motor 3 error", true)]
    [InlineData(60, "C60 Linear speed exceeded limit in servo_j mode", false)]
    [InlineData(99, "C99 Other Errors", false)]
    public void ControllerErrors_AreDecodedToUFactorysNames(int code, string expectedStart, bool needsRestart)
    {
        ControllerCode meaning = ControllerCodes.DescribeError(code);

        Assert.StartsWith(expectedStart, meaning.Describe('C'), StringComparison.Ordinal);
        Assert.Equal(needsRestart, meaning.NeedsRestart);
    }

    [Theory]
    [InlineData(11, "W11 Current controller cache is full")]
    [InlineData(15, "W15 Modbus cmd full")]
    [InlineData(42, "W42 Other Warnings")]
    public void ControllerWarnings_AreDecodedToUFactorysNames(int code, string expected)
    {
        Assert.Equal(expected, ControllerCodes.DescribeWarning(code).Describe('W'));
    }

    [Fact]
    public void EveryDocumentedCode_HasATitle()
    {
        Assert.Equal(41, ControllerCodes.KnownErrors.Count);
        Assert.Equal(5, ControllerCodes.KnownWarnings.Count);
        Assert.All(ControllerCodes.KnownErrors, code => Assert.False(string.IsNullOrWhiteSpace(ControllerCodes.DescribeError(code).Title)));
    }

    [Theory]
    [InlineData("6,9,LI1006B01,AC1303B02,v2.5.0", 6, 9, "LI1006B01", "AC1303B02", "2.5.0", true)]
    [InlineData("7,3,XI1308,AC1300,V1.10.1", 7, 3, "XI1308", "AC1300", "1.10.1", false)]
    [InlineData("v1.2.3", 0, 0, "", "", "1.2.3", false)]
    [InlineData("garbage", 0, 0, "", "", null, false)]
    public void ControllerVersion_ParsesTheSdksFormat(string text, int axes, int type, string robot, string box, string? firmware, bool isLite6)
    {
        ControllerVersion version = ControllerVersion.Parse(text);

        Assert.Equal(axes, version.Axes);
        Assert.Equal(type, version.RobotType);
        Assert.Equal(robot, version.RobotSerialNumber);
        Assert.Equal(box, version.ControlBoxSerialNumber);
        Assert.Equal(firmware, version.Firmware?.ToString());
        Assert.Equal(isLite6, version.IsLite6);
    }

    [Fact]
    public void ControllerCodesReading_SaysWhatIsLatched()
    {
        Assert.Equal("no error, no warning", new ControllerCodesReading(0, 0).ToString());
        Assert.StartsWith("C31 Collision Caused Abnormal Current", new ControllerCodesReading(31, 0).ToString(), StringComparison.Ordinal);
        Assert.Contains("; W11 Current controller cache is full", new ControllerCodesReading(31, 11).ToString(), StringComparison.Ordinal);
    }
}
