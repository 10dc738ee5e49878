namespace RobotSdk.Drivers.Elephant.Tests;

/// <summary>
/// The bus against a scripted device on a real pty: the test reads exactly what the bus wrote and
/// answers with exactly the bytes it wants (golden vectors, stale frames, damage, silence).
/// </summary>
public sealed class MyCobotBusTests : IDisposable
{
    private const string GetAnglesRequest = "FE FE 02 20 FA";
    private const string GoldenAnglesReply = "FE FE 0E 20 03 E8 F7 FE 0B B8 00 00 11 94 DC D8 FA";
    private static readonly double[] GoldenDegrees = [10, -20.5, 30, 0, 45, -90];
    private readonly ScriptedLink _link = new();
    private readonly double[] _degrees = new double[6];

    public void Dispose() => _link.Dispose();

    [Fact]
    public void ReadAngles_WritesTheGoldenRequest_AndDecodesTheGoldenReply()
    {
        MyCobotBus bus = OpenBus();

        MyCobotStatus status = RespondTo(() => bus.ReadAngles(_degrees), GetAnglesRequest, GoldenAnglesReply);

        Assert.Equal(MyCobotStatus.Ok, status);
        Assert.Equal(GoldenDegrees, _degrees);
        Assert.Equal(1, bus.Diagnostics.Transactions);
        Assert.Equal(0, bus.Diagnostics.Retries);
    }

    [Fact]
    public void SendAngles_WritesTheGoldenBytes_AndWaitsForNothing()
    {
        MyCobotBus bus = OpenBus();

        Assert.Equal(MyCobotStatus.Ok, bus.SendAngles(GoldenDegrees, 50));

        Assert.Equal("FE FE 0F 22 03 E8 F7 FE 0B B8 00 00 11 94 DC D8 32 FA", _link.ReadRequest(18));
        Assert.False(_link.ClientWroteWithin(100));
    }

    [Fact]
    public void SetGripperValue_WritesTheGoldenBytes()
    {
        MyCobotBus bus = OpenBus();

        Assert.Equal(MyCobotStatus.Ok, bus.SetGripperValue(60, 50));

        Assert.Equal("FE FE 04 67 3C 32 FA", _link.ReadRequest(7));
    }

    [Theory]
    [InlineData(MyCobotCommand.PowerOn, "FE FE 02 10 FA")]
    [InlineData(MyCobotCommand.ReleaseAllServos, "FE FE 02 13 FA")]
    [InlineData(MyCobotCommand.PowerOff, "FE FE 02 11 FA")]
    public void SetCommands_AreWrittenOnce_AndNeverRetried(MyCobotCommand command, string expected)
    {
        MyCobotBus bus = OpenBus(retries: 2);
        Func<MyCobotStatus> send = command switch
        {
            MyCobotCommand.PowerOn => bus.PowerOn,
            MyCobotCommand.PowerOff => bus.PowerOff,
            _ => bus.ReleaseAllServos,
        };

        Assert.Equal(MyCobotStatus.Ok, send());

        Assert.Equal(expected, _link.ReadRequest(5));
        Assert.False(_link.ClientWroteWithin(150));
        Assert.Equal(0, bus.Diagnostics.Retries);
    }

    [Theory]
    [InlineData("FE FE 03 65 32 FA " + GoldenAnglesReply, 1)]
    [InlineData("FE FE 03 22 01 FA " + GoldenAnglesReply, 1)]
    [InlineData("FE FE 03 65 32 FA FE FE 03 12 01 FA " + GoldenAnglesReply, 2)]
    public void FramesOfOtherCommands_BeforeTheReply_AreSkippedAndCounted(string bytes, int stale)
    {
        MyCobotBus bus = OpenBus();

        MyCobotStatus status = RespondTo(() => bus.ReadAngles(_degrees), GetAnglesRequest, bytes);

        Assert.Equal(MyCobotStatus.Ok, status);
        Assert.Equal(GoldenDegrees, _degrees);
        Assert.Equal(stale, bus.StaleFrames);
        Assert.Equal(0, bus.Diagnostics.Errors);
    }

    [Fact]
    public void NoiseAndAStrayHeaderByte_BeforeTheReply_AreSkipped()
    {
        MyCobotBus bus = OpenBus();

        MyCobotStatus status = RespondTo(() => bus.ReadAngles(_degrees), GetAnglesRequest, "00 37 FE " + GoldenAnglesReply);

        Assert.Equal(MyCobotStatus.Ok, status);
        Assert.Equal(GoldenDegrees, _degrees);
    }

    [Fact]
    public void AReplyInPieces_IsAssembled()
    {
        MyCobotBus bus = OpenBus();

        MyCobotStatus status = RespondTo(() => bus.ReadAngles(_degrees), GetAnglesRequest, "FE", "FE 0E 20 03 E8", "F7 FE 0B B8 00 00", "11 94 DC D8 FA");

        Assert.Equal(MyCobotStatus.Ok, status);
        Assert.Equal(GoldenDegrees, _degrees);
    }

    [Fact]
    public void StaleInput_IsThrownAwayBeforeTheRequest()
    {
        MyCobotBus bus = OpenBus();
        _link.Send("FE FE 0E 20 00 00 00 00 00 00 00 00 00 00 00 00 FA");
        Poll.Until(() => _link.Port.BytesToRead == 17, "the stale reply to reach the port's input queue");

        MyCobotStatus status = RespondTo(() => bus.ReadAngles(_degrees), GetAnglesRequest, GoldenAnglesReply);

        Assert.Equal(MyCobotStatus.Ok, status);
        Assert.Equal(GoldenDegrees, _degrees);
        Assert.Equal(0, bus.StaleFrames);
    }

    [Fact]
    public async Task ALostReply_IsAskedForAgain()
    {
        MyCobotBus bus = OpenBus(replyTimeoutMs: 400, retries: 2);
        var device = DeviceThread.Run(() =>
        {
            Assert.Equal(GetAnglesRequest, _link.ReadRequest(5)); // no answer: lost
            Assert.Equal(GetAnglesRequest, _link.ReadRequest(5));
            _link.Send(GoldenAnglesReply);
        });

        MyCobotStatus status = bus.ReadAngles(_degrees);
        await device;

        Assert.Equal(MyCobotStatus.Ok, status);
        Assert.Equal(GoldenDegrees, _degrees);
        Assert.Equal(1, bus.Diagnostics.Transactions);
        Assert.Equal(1, bus.Diagnostics.Retries);
        Assert.Equal(1, bus.Diagnostics.Timeouts);
        Assert.Equal(0, bus.Diagnostics.Errors);
        Assert.Null(bus.Diagnostics.LastFault);
    }

    [Fact]
    public void Silence_GivesTimeout_AfterEveryAttempt_WithAFaultNamingThePortAndTheCommand()
    {
        MyCobotBus bus = OpenBus(replyTimeoutMs: 40, retries: 2);

        MyCobotStatus status = bus.ReadAngles(_degrees);

        Assert.Equal(MyCobotStatus.Timeout, status);
        Assert.Equal(1, bus.Diagnostics.Transactions);
        Assert.Equal(2, bus.Diagnostics.Retries);
        Assert.Equal(3, bus.Diagnostics.Timeouts);
        Assert.Equal(1, bus.Diagnostics.Errors);
        var fault = Assert.IsType<HardwareTimeoutException>(bus.Diagnostics.LastFault);
        Assert.Equal(_link.Pair.SubordinatePath, fault.Bus);
        Assert.Equal("GetAngles (0x20)", fault.Register);
        Assert.Contains("no reply after 3 attempt(s) of 40 ms", fault.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("FE FE 0C 20 03 E8 F7 FE 0B B8 00 00 11 94 FA")]
    [InlineData("FE FE 0E 20 7F FF F7 FE 0B B8 00 00 11 94 DC D8 FA")]
    public void AReplyOfTheWrongLengthOrWithImpossibleAngles_IsCorrupt(string reply)
    {
        MyCobotBus bus = OpenBus(retries: 0);

        MyCobotStatus status = RespondTo(() => bus.ReadAngles(_degrees), GetAnglesRequest, reply);

        Assert.Equal(MyCobotStatus.Corrupt, status);
        Assert.Equal(1, bus.Diagnostics.CorruptReplies);
        var fault = Assert.IsType<CorruptPacketException>(bus.Diagnostics.LastFault);
        Assert.Equal("GetAngles (0x20)", fault.Register);
    }

    [Fact]
    public async Task AGarbledReply_IsCorrupt_AndTheRetryGetsAGoodOne()
    {
        MyCobotBus bus = OpenBus(replyTimeoutMs: 400, retries: 1);
        var device = DeviceThread.Run(() =>
        {
            Assert.Equal(GetAnglesRequest, _link.ReadRequest(5));
            _link.Send("FE FE 0E 20 03 E8 F7 FE 0B B8 00 00 11 94 DC 27 AF"); // footer and a data byte damaged
            Assert.Equal(GetAnglesRequest, _link.ReadRequest(5));
            _link.Send(GoldenAnglesReply);
        });

        MyCobotStatus status = bus.ReadAngles(_degrees);
        await device;

        Assert.Equal(MyCobotStatus.Ok, status);
        Assert.Equal(1, bus.Diagnostics.CorruptReplies);
        Assert.Equal(1, bus.Diagnostics.Retries);
        Assert.True(bus.RejectedFrames >= 1);
    }

    [Theory]
    [InlineData("FE FE 03 12 01 FA", true)]
    [InlineData("FE FE 03 12 00 FA", false)]
    public void ReadPowerState_ReadsTheFlag(string reply, bool expected)
    {
        MyCobotBus bus = OpenBus();

        MyCobotStatus status = RespondTo(() => bus.ReadPowerState(out bool powered) == MyCobotStatus.Ok && powered == expected ? MyCobotStatus.Ok : MyCobotStatus.Corrupt, "FE FE 02 12 FA", reply);

        Assert.Equal(MyCobotStatus.Ok, status);
    }

    [Theory]
    [InlineData("FE FE 03 65 3C FA", 60)]
    [InlineData("FE FE 04 65 00 64 FA", 100)]
    public void ReadGripperValue_AcceptsOneAndTwoByteReplies(string reply, int expected)
    {
        MyCobotBus bus = OpenBus();
        int value = -1;

        MyCobotStatus status = RespondTo(() => bus.ReadGripperValue(out value), "FE FE 02 65 FA", reply);

        Assert.Equal(MyCobotStatus.Ok, status);
        Assert.Equal(expected, value);
    }

    [Fact]
    public void ReadCoords_GivesMillimetresAndDegrees()
    {
        MyCobotBus bus = OpenBus();
        var coordinates = new double[6];

        MyCobotStatus status = RespondTo(() => bus.ReadCoords(coordinates), "FE FE 02 23 FA", "FE FE 0E 23 01 C8 FD 86 10 1E DC D8 00 00 DC D8 FA");

        Assert.Equal(MyCobotStatus.Ok, status);
        Assert.Equal([45.6, -63.4, 412.6, -90, 0, -90], coordinates);
    }

    [Fact]
    public void AClosedPort_GivesDisconnected_AtOnce_WithoutRetries()
    {
        MyCobotBus bus = OpenBus(retries: 2);
        _link.Pair.Master.Close();

        Assert.Equal(MyCobotStatus.Disconnected, bus.ReadAngles(_degrees));
        Assert.Equal(MyCobotStatus.Disconnected, bus.SendAngles(GoldenDegrees, 50));

        Assert.Equal(0, bus.Diagnostics.Retries);
        var fault = Assert.IsType<DeviceDisconnectedException>(bus.Diagnostics.LastFault);
        Assert.Same(bus.Disconnection, fault);
    }

    private MyCobotBus OpenBus(int replyTimeoutMs = 1000, int retries = 0)
    {
        var bus = new MyCobotBus(_link.Port, new MyCobotBusOptions { ReplyTimeoutMs = replyTimeoutMs, Retries = retries });
        bus.Open();
        return bus;
    }

    /// <summary>Runs <paramref name="call"/> while playing the device: checks the request, then sends each piece.</summary>
    private T RespondTo<T>(Func<T> call, string expectedRequest, params string[] pieces)
    {
        var device = DeviceThread.Run(() =>
        {
            Assert.Equal(expectedRequest, _link.ReadRequest(Hex.Parse(expectedRequest).Length));
            foreach (string piece in pieces)
            {
                _link.Send(piece);
            }
        });
        try
        {
            return call();
        }
        finally
        {
            device.GetAwaiter().GetResult();
        }
    }
}
