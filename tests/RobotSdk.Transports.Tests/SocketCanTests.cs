using System.Runtime.CompilerServices;

namespace RobotSdk.Transports.Tests;

public sealed class SocketCanTests
{
    [Fact]
    public void Encode_WritesTheKernelCanFrameLayout_ForAStandardFrame()
    {
        var buffer = new byte[SocketCanFrameLayout.Size];

        SocketCanFrameLayout.Encode(new CanFrame(0x155, [0x00, 0x00, 0x27, 0x10, 0xFF, 0xFF, 0xB1, 0xE0]), buffer);

        Assert.Equal(
            new byte[] { 0x55, 0x01, 0x00, 0x00, 8, 0, 0, 0, 0x00, 0x00, 0x27, 0x10, 0xFF, 0xFF, 0xB1, 0xE0 },
            buffer);
    }

    [Fact]
    public void Encode_SetsTheExtendedFlag_AndZeroPadsShortPayloads()
    {
        byte[] buffer = Enumerable.Repeat((byte)0xEE, SocketCanFrameLayout.Size).ToArray();

        SocketCanFrameLayout.Encode(new CanFrame(0x12345678, [0xAB], isExtended: true), buffer);

        Assert.Equal(
            new byte[] { 0x78, 0x56, 0x34, 0x92, 1, 0, 0, 0, 0xAB, 0, 0, 0, 0, 0, 0, 0 },
            buffer);
    }

    [Fact]
    public void Encode_SetsTheRemoteFlag()
    {
        var buffer = new byte[SocketCanFrameLayout.Size];

        SocketCanFrameLayout.Encode(CanFrame.CreateRemote(0x7FF, 2), buffer);

        Assert.Equal(new byte[] { 0xFF, 0x07, 0x00, 0x40, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, buffer);
    }

    [Fact]
    public void TryDecode_ReadsAnErrorFrame()
    {
        byte[] buffer = [0x04, 0x00, 0x00, 0x20, 8, 0, 0, 0, 0, 0x04, 0, 0, 0, 0, 0, 0];

        Assert.True(SocketCanFrameLayout.TryDecode(buffer, out CanFrame frame));

        Assert.True(frame.IsError);
        Assert.Equal(0x4u, frame.Id);
        Assert.Equal(8, frame.Length);
        Assert.Equal("20000004#0004000000000000", frame.ToString());
    }

    [Fact]
    public void TryDecode_RejectsALengthAboveEight()
    {
        byte[] buffer = [0x23, 0x01, 0, 0, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];

        Assert.False(SocketCanFrameLayout.TryDecode(buffer, out _));
    }

    [Fact]
    public void EncodeThenDecode_ReturnsTheSameFrame_ForRandomFrames()
    {
        var random = new Random(424242);
        var buffer = new byte[SocketCanFrameLayout.Size];
        for (int trial = 0; trial < 5000; trial++)
        {
            CanFrame frame = CanFrameGenerator.Next(random);

            SocketCanFrameLayout.Encode(frame, buffer);

            Assert.True(SocketCanFrameLayout.TryDecode(buffer, out CanFrame decoded));
            Assert.Equal(frame, decoded);
        }
    }

    [Fact]
    public void NativeStructures_HaveTheKernelSizes()
    {
        Assert.Equal(40, Unsafe.SizeOf<InterfaceRequest>());
        Assert.Equal(24, Unsafe.SizeOf<SocketCanAddress>());
    }

    [Fact]
    public void Open_ExplainsWhatToDo_WhenTheKernelHasNoSocketCan()
    {
        // /proc/net/can exists exactly when the kernel's CAN core is loaded; this machine has none.
        bool kernelHasSocketCan = Directory.Exists("/proc/net/can");
        using var bus = new SocketCanBus("can0");

        var exception = Assert.Throws<DeviceUnavailableException>(() => bus.Open(1000000));

        Assert.Equal("can0", exception.Bus);
        if (kernelHasSocketCan)
        {
            Assert.NotEqual(DeviceUnavailableReason.NotSupported, exception.UnavailableReason);
        }
        else
        {
            Assert.Equal(DeviceUnavailableReason.NotSupported, exception.UnavailableReason);
            Assert.Equal(
                "can0: this kernel has no SocketCAN (AF_CAN unsupported); load the can/can_raw modules or use an SLCAN adapter (--can slcan:/dev/ttyACM0)",
                exception.Message);
        }

        Assert.False(bus.IsOpen);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a-name-that-is-far-too-long")]
    [InlineData("can/0")]
    public void Constructor_RejectsInvalidInterfaceNames(string name)
    {
        Assert.ThrowsAny<ArgumentException>(() => new SocketCanBus(name));
    }

    [Fact]
    public void Open_ThrowsArgumentOutOfRange_ForAnUnsupportedBitrate()
    {
        using var bus = new SocketCanBus("can0");

        Assert.Throws<ArgumentOutOfRangeException>(() => bus.Open(123));
    }

    [Fact]
    public void Send_ThrowsInvalidOperation_WhenNotOpen()
    {
        using var bus = new SocketCanBus("can0");

        Assert.Throws<InvalidOperationException>(() => bus.Send(new CanFrame(1, [])));
    }
}
