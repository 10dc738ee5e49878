using RobotSdk.Drivers.UFactory.Protocol;
using RobotSdk.Hardware;
using RobotSdk.Transports;

namespace RobotSdk.Drivers.UFactory.Tests;

/// <summary>What actually crosses a loopback socket: the golden vectors as the driver sends them, read by a listener.</summary>
public sealed class WireTests : IDisposable
{
    private readonly ScriptedController _controller = new();
    private readonly TcpTransport _transport;
    private readonly XArmConnection _connection;
    private readonly byte[] _data = new byte[256];

    public WireTests()
    {
        _transport = new TcpTransport("127.0.0.1", _controller.Port);
        _connection = new XArmConnection(_transport, new DriverDiagnostics(), new TransactionFaults(_transport.Endpoint));
        _connection.Reconnect();
    }

    public void Dispose()
    {
        _transport.Dispose();
        _controller.Dispose();
    }

    [Fact]
    public void TheFirstRequests_OfAFreshConnection_AreTheReferenceVectors_ByteForByte()
    {
        // REFERENCE.md section 4: motion enable (8, 1) is transaction 1; get joint positions as transaction 4.
        (XArmStatus enable, XArmStateBits enableBits) = Exchange(XArmFunction.MotionEnable, [8, 1]);
        Exchange(XArmFunction.SetMode, [1, 0]);
        Exchange(XArmFunction.SetState, [0]);
        (XArmStatus joints, _) = Exchange(XArmFunction.GetJointPositions, [], minimumDataLength: 28);

        Assert.Equal((XArmStatus.Ok, XArmStateBits.None), (enable, enableBits));
        Assert.Equal(XArmStatus.Ok, joints);
        IReadOnlyList<byte[]> requests = _controller.Requests;
        Assert.Equal("00 01 00 02 00 03 0B 08 01", Hex.Format(requests[0]));
        Assert.Equal("00 02 00 02 00 03 13 01 00", Hex.Format(requests[1]));
        Assert.Equal("00 03 00 02 00 02 0C 00", Hex.Format(requests[2]));
        Assert.Equal("00 04 00 02 00 01 2A", Hex.Format(requests[3]));
    }

    [Fact]
    public void TheReferenceReply_IsAccepted_OffTheSocket()
    {
        _controller.Responder = request => Hex.Parse("00 01 00 02 00 02 0B 00");

        (XArmStatus status, XArmStateBits bits) = Exchange(XArmFunction.MotionEnable, [8, 1]);

        Assert.Equal((XArmStatus.Ok, XArmStateBits.None), (status, bits));
        Assert.Equal(1, _connection.Diagnostics.Transactions);
        Assert.Equal(0, _connection.Diagnostics.CorruptReplies);
    }

    [Fact]
    public void JointPositions_AreReadAsFp32LittleEndianRadians()
    {
        _controller.Joints[0] = 0.25;
        _controller.Joints[2] = -1.5;

        Exchange(XArmFunction.GetJointPositions, [], minimumDataLength: 28);
        var joints = new double[7];
        XArmPayloads.ReadJointBlock(_data, 0, joints);

        Assert.Equal(0.25, joints[0]);
        Assert.Equal(-1.5, joints[2]);
    }

    [Theory]
    [InlineData(3)] // inside the header
    [InlineData(7)] // between FUNC and STATE
    [InlineData(20)] // inside the joint data
    public void AReplyCutInTwo_IsReassembled(int splitAt)
    {
        _controller.SplitRepliesAt = splitAt;
        _controller.Joints[5] = 1.25;

        Assert.Equal(XArmStatus.Ok, Exchange(XArmFunction.GetJointPositions, [], minimumDataLength: 28).Status);
        Assert.Equal(1.25f, XArmPayloads.ReadFloat(_data.AsSpan(20)));
    }

    [Fact]
    public void TheStateBits_OfAReply_ArePassedOn()
    {
        _controller.Bits = XArmStateBits.Error | XArmStateBits.NotReady;

        (XArmStatus status, XArmStateBits bits) = Exchange(XArmFunction.GetState, [], minimumDataLength: 1);

        Assert.Equal(XArmStatus.Ok, status);
        Assert.Equal(XArmStateBits.Error | XArmStateBits.NotReady, bits);
    }

    private (XArmStatus Status, XArmStateBits Bits) Exchange(XArmFunction function, byte[] payload, int minimumDataLength = 0)
    {
        XArmStatus status = _connection.Exchange(function, payload, _data, minimumDataLength, 2000, out XArmStateBits bits, out _);
        return (status, bits);
    }
}
