namespace RobotSdk.Drivers.Elephant.Tests;

/// <summary>Framing and payloads, byte for byte against REFERENCE.md section 5.</summary>
public sealed class MyCobotProtocolTests
{
    private const string GetAnglesRequest = "FE FE 02 20 FA";
    private const string GetAnglesReply = "FE FE 0E 20 03 E8 F7 FE 0B B8 00 00 11 94 DC D8 FA";
    private const string SendAnglesAtSpeed50 = "FE FE 0F 22 03 E8 F7 FE 0B B8 00 00 11 94 DC D8 32 FA";
    private const string SetGripperValue60AtSpeed50 = "FE FE 04 67 3C 32 FA";
    private static readonly double[] GoldenDegrees = [10, -20.5, 30, 0, 45, -90];

    [Fact]
    public void GetAngles_EncodesTheGoldenRequest()
    {
        var buffer = new byte[MyCobotProtocol.MaxFrameLength];

        int length = MyCobotProtocol.EncodeCommand(buffer, MyCobotCommand.GetAngles);

        Assert.Equal(GetAnglesRequest, Hex.Format(buffer.AsSpan(0, length)));
    }

    [Fact]
    public void SendAngles_EncodesTheGoldenRequest_FromDegrees()
    {
        var buffer = new byte[MyCobotProtocol.MaxFrameLength];
        short[] steps = [.. GoldenDegrees.Select(MyCobotUnits.DegreesToSteps)];

        int length = MyCobotProtocol.EncodeSendAngles(buffer, steps, 50);

        Assert.Equal(SendAnglesAtSpeed50, Hex.Format(buffer.AsSpan(0, length)));
    }

    [Fact]
    public void SetGripperValue_EncodesTheGoldenRequest()
    {
        var buffer = new byte[MyCobotProtocol.MaxFrameLength];

        int length = MyCobotProtocol.EncodeSetGripperValue(buffer, 60, 50);

        Assert.Equal(SetGripperValue60AtSpeed50, Hex.Format(buffer.AsSpan(0, length)));
    }

    [Fact]
    public void TheGoldenGetAnglesReply_DecodesToTheReferenceAngles()
    {
        var decoder = new MyCobotFrameDecoder();
        decoder.Append(Hex.Parse(GetAnglesReply));

        Assert.Equal(MyCobotDecodeResult.Frame, decoder.TryDecode(out MyCobotFrame frame));
        Assert.Equal(MyCobotCommand.GetAngles, frame.Command);
        Assert.Equal(17, frame.Length);
        Span<short> steps = stackalloc short[6];
        MyCobotProtocol.ReadInt16Values(frame.Data, steps);
        double[] degrees = [.. steps.ToArray().Select(MyCobotUnits.StepsToDegrees)];
        Assert.Equal(GoldenDegrees, degrees);
    }

    [Theory]
    [InlineData(MyCobotCommand.PowerOn, "FE FE 02 10 FA")]
    [InlineData(MyCobotCommand.PowerOff, "FE FE 02 11 FA")]
    [InlineData(MyCobotCommand.IsPoweredOn, "FE FE 02 12 FA")]
    [InlineData(MyCobotCommand.ReleaseAllServos, "FE FE 02 13 FA")]
    [InlineData(MyCobotCommand.GetCoords, "FE FE 02 23 FA")]
    [InlineData(MyCobotCommand.GetGripperValue, "FE FE 02 65 FA")]
    public void CommandsWithoutData_AreFiveBytes(MyCobotCommand command, string expected)
    {
        var buffer = new byte[MyCobotProtocol.MaxFrameLength];

        int length = MyCobotProtocol.EncodeCommand(buffer, command);

        Assert.Equal(expected, Hex.Format(buffer.AsSpan(0, length)));
    }

    [Fact]
    public void SendAngle_CarriesTheJointTheAngleAndTheSpeed()
    {
        var buffer = new byte[MyCobotProtocol.MaxFrameLength];

        int length = MyCobotProtocol.EncodeSendAngle(buffer, 2, MyCobotUnits.DegreesToSteps(-20.5), 30);

        Assert.Equal("FE FE 06 21 02 F7 FE 1E FA", Hex.Format(buffer.AsSpan(0, length)));
    }

    [Fact]
    public void SendCoords_CarriesTenthsOfMillimetresHundredthsOfDegreesSpeedAndMode()
    {
        var buffer = new byte[MyCobotProtocol.MaxFrameLength];
        short[] values = [1500, -632, 4127, -9000, 0, 18000]; // 150 mm, -63.2 mm, 412.7 mm, -90, 0, 180 degrees

        int length = MyCobotProtocol.EncodeSendCoords(buffer, values, 40, 1);

        Assert.Equal("FE FE 10 25 05 DC FD 88 10 1F DC D8 00 00 46 50 28 01 FA", Hex.Format(buffer.AsSpan(0, length)));
    }

    [Theory]
    [InlineData(MyCobotGripperState.Open, "FE FE 04 66 00 46 FA")]
    [InlineData(MyCobotGripperState.Close, "FE FE 04 66 01 46 FA")]
    [InlineData(MyCobotGripperState.Release, "FE FE 04 66 FE 46 FA")]
    public void SetGripperState_CarriesTheStateAndTheSpeed(MyCobotGripperState state, string expected)
    {
        var buffer = new byte[MyCobotProtocol.MaxFrameLength];

        int length = MyCobotProtocol.EncodeSetGripperState(buffer, state, 70);

        Assert.Equal(expected, Hex.Format(buffer.AsSpan(0, length)));
    }

    [Fact]
    public void Encoders_RejectMisuse_WithTheValueAndTheRange()
    {
        var buffer = new byte[MyCobotProtocol.MaxFrameLength];

        Assert.Throws<ArgumentOutOfRangeException>(() => MyCobotProtocol.EncodeSendAngles(buffer, new short[6], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => MyCobotProtocol.EncodeSendAngles(buffer, new short[6], 101));
        Assert.Throws<ArgumentException>(() => MyCobotProtocol.EncodeSendAngles(buffer, new short[5], 50));
        Assert.Throws<ArgumentOutOfRangeException>(() => MyCobotProtocol.EncodeSendAngle(buffer, 7, 0, 50));
        Assert.Throws<ArgumentOutOfRangeException>(() => MyCobotProtocol.EncodeSetGripperValue(buffer, 101, 50));
        Assert.Throws<ArgumentOutOfRangeException>(() => MyCobotProtocol.EncodeSendCoords(buffer, new short[6], 50, 2));
        Assert.Throws<ArgumentException>(() => MyCobotProtocol.EncodeFrame(buffer, MyCobotCommand.SendAngles, new byte[MyCobotProtocol.MaxDataLength + 1]));
        Assert.Throws<ArgumentException>(() => MyCobotProtocol.EncodeCommand(new byte[4], MyCobotCommand.GetAngles));
    }
}
