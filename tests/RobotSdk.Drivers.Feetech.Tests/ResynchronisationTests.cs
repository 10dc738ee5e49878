using RobotSdk.Transports;

namespace RobotSdk.Drivers.Feetech.Tests;

/// <summary>
/// The bus against a scripted device on a real pty: the test plays the servo and sends exactly
/// the bytes it wants (line noise, stale replies, split packets).
/// </summary>
public sealed class ResynchronisationTests : IDisposable
{
    private readonly PseudoTerminalPair _pair = PseudoTerminalPair.Create();
    private readonly LinuxSerialPort _port;
    private readonly FeetechBus _bus;

    public ResynchronisationTests()
    {
        _port = new LinuxSerialPort(_pair.SubordinatePath);
        _bus = new FeetechBus(_port, new FeetechBusOptions { ReplyTimeoutMs = 1000, Retries = 0 });
        _bus.Open();
    }

    public void Dispose()
    {
        _port.Dispose();
        _pair.Dispose();
    }

    [Theory]
    [InlineData("00 13 37 FF FF 01 04 00 D1 07 22")]
    [InlineData("FF FF 09 02 00 F4 FF FF 01 04 00 D1 07 22")]
    [InlineData("FF FF FF 01 04 00 D1 07 22")]
    [InlineData("FF 07 FF FF 01 04 00 D1 07 22")]
    public void Read_SkipsNoiseAndStaleReplies_BeforeTheReply(string reply)
    {
        int position = RespondTo("FF FF 01 04 02 38 02 BE", [reply], () => _bus.Read(1, Sts3215.PresentPosition));

        Assert.Equal(2001, position);
        Assert.Equal(0, _bus.Diagnostics.Errors);
    }

    [Fact]
    public void Read_AssemblesAReplyThatArrivesInPieces()
    {
        int position = RespondTo("FF FF 01 04 02 38 02 BE", ["FF", "FF 01 04", "00 D1", "07 22"], () => _bus.Read(1, Sts3215.PresentPosition));

        Assert.Equal(2001, position);
    }

    [Fact]
    public void Read_ReportsCorrupt_WhenTheReplyCarriesTheWrongLength()
    {
        Assert.Throws<CorruptPacketException>(() =>
            RespondTo("FF FF 01 04 02 38 02 BE", ["FF FF 01 03 00 D1 2A"], () => _bus.Read(1, Sts3215.PresentPosition)));
    }

    [Fact]
    public void Read_ReportsTimeout_WhenTheReplyStopsHalfway()
    {
        var bus = new FeetechBus(_port, new FeetechBusOptions { ReplyTimeoutMs = 30, Retries = 0 });

        Assert.Throws<HardwareTimeoutException>(() =>
            RespondTo("FF FF 01 04 02 38 02 BE", ["FF FF 01 04 00"], () => bus.Read(1, Sts3215.PresentPosition)));
    }

    /// <summary>Runs <paramref name="call"/> while playing the device: checks the request, then sends each piece.</summary>
    private T RespondTo<T>(string expectedRequest, string[] pieces, Func<T> call)
    {
        byte[] expected = Hex.Parse(expectedRequest);
        var device = Task.Run(() =>
        {
            var request = new byte[expected.Length];
            Assert.Equal(request.Length, _pair.Master.ReadExactly(request, 5000));
            Assert.Equal(expectedRequest, Hex.Format(request));
            foreach (string piece in pieces)
            {
                _pair.Master.Write(Hex.Parse(piece));
                _pair.Master.Drain();
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
