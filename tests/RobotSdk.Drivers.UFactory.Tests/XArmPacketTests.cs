using RobotSdk.Drivers.UFactory.Protocol;

namespace RobotSdk.Drivers.UFactory.Tests;

/// <summary>Framing: the golden vectors of REFERENCE.md section 4 and of the vendor SDK, byte for byte, and round trips.</summary>
public sealed class XArmPacketTests
{
    [Fact]
    public void WriteRequest_ReproducesTheReferenceMotionEnableVector()
    {
        // REFERENCE.md section 4: motion enable (8, 1) with transaction ID 1.
        var frame = new byte[16];
        Span<byte> payload = stackalloc byte[2];
        XArmPayloads.WriteMotionEnable(payload, XArmPayloads.AllServos, enable: true);

        int length = XArmPacket.WriteRequest(frame, 1, XArmFunction.MotionEnable, payload);

        Assert.Equal("00 01 00 02 00 03 0B 08 01", Hex.Format(frame.AsSpan(0, length)));
    }

    [Fact]
    public void TryDecodeReply_ReadsTheReferenceMotionEnableReply()
    {
        byte[] bytes = Hex.Parse("00 01 00 02 00 02 0B 00");

        XArmDecodeResult result = XArmPacket.TryDecodeReply(bytes, out XArmReply reply);

        Assert.Equal(XArmDecodeResult.Complete, result);
        Assert.Equal(1, reply.TransactionId);
        Assert.Equal(XArmFunction.MotionEnable, reply.Function);
        Assert.Equal(XArmStateBits.None, reply.State);
        Assert.Equal(0, reply.Data.Length);
        Assert.Equal(8, reply.FrameLength);
    }

    [Fact]
    public void WriteRequest_ReproducesTheReferenceGetJointPositionsVector()
    {
        var frame = new byte[16];

        int length = XArmPacket.WriteRequest(frame, 4, XArmFunction.GetJointPositions, []);

        Assert.Equal("00 04 00 02 00 01 2A", Hex.Format(frame.AsSpan(0, length)));
    }

    // Produced by xArm-Python-SDK 1.18.5 (UxbusCmdTcp over a port that records what it writes):
    // set_mode(1, 0), set_state(0), set_state(4), motion_en(8, 0), get_err_code, clean_err, clean_war,
    // get_state, get_version, get_joint_states(num=2).
    [Theory]
    [InlineData(2, XArmFunction.SetMode, "01 00", "00 02 00 02 00 03 13 01 00")]
    [InlineData(3, XArmFunction.SetState, "00", "00 03 00 02 00 02 0C 00")]
    [InlineData(9, XArmFunction.SetState, "04", "00 09 00 02 00 02 0C 04")]
    [InlineData(10, XArmFunction.MotionEnable, "08 00", "00 0A 00 02 00 03 0B 08 00")]
    [InlineData(6, XArmFunction.GetErrorCodes, "", "00 06 00 02 00 01 0F")]
    [InlineData(7, XArmFunction.CleanError, "", "00 07 00 02 00 01 10")]
    [InlineData(8, XArmFunction.CleanWarning, "", "00 08 00 02 00 01 11")]
    [InlineData(5, XArmFunction.GetState, "", "00 05 00 02 00 01 0D")]
    [InlineData(19, XArmFunction.GetVersion, "", "00 13 00 02 00 01 01")]
    [InlineData(20, XArmFunction.GetJointPositions, "02", "00 14 00 02 00 02 2A 02")]
    public void WriteRequest_MatchesTheVendorSdk(int transactionId, XArmFunction function, string payload, string expected)
    {
        var frame = new byte[32];

        int length = XArmPacket.WriteRequest(frame, (ushort)transactionId, function, Hex.Parse(payload));

        Assert.Equal(expected, Hex.Format(frame.AsSpan(0, length)));
    }

    [Fact]
    public void ServoJointPayload_MatchesTheVendorSdk()
    {
        // SDK move_servoj([0.1, -0.2, 0.3, -0.4, 0.5, -0.6, 0], speed 20 deg/s, acc 500 deg/s², time 0) with transaction ID 11.
        var frame = new byte[64];
        var payload = new byte[XArmPayloads.JointMotionLength];
        XArmPayloads.WriteJointMotion(payload, [0.1f, -0.2f, 0.3f, -0.4f, 0.5f, -0.6f], 0.3490658503988659f, 8.726646259971648f, 0f);

        int length = XArmPacket.WriteRequest(frame, 11, XArmFunction.ServoJoint, payload);

        Assert.Equal(
            "00 0B 00 02 00 29 1D CD CC CC 3D CD CC 4C BE 9A 99 99 3E CD CC CC BE 00 00 00 3F 9A 99 19 BF 00 00 00 00 C2 B8 B2 3E 58 A0 0B 41 00 00 00 00",
            Hex.Format(frame.AsSpan(0, length)));
    }

    [Theory]
    // SDK tgpio_set_digital(ionum, value, sync): open_lite6_gripper = output 0 on then output 1 off, close = 0 off then 1 on.
    [InlineData(13, 0, true, (byte)0, "00 0D 00 02 00 09 7F 09 0A 15 00 80 80 43 00")]
    [InlineData(14, 1, false, (byte)0, "00 0E 00 02 00 09 7F 09 0A 15 00 00 00 44 00")]
    [InlineData(15, 0, false, (byte)0, "00 0F 00 02 00 09 7F 09 0A 15 00 00 80 43 00")]
    [InlineData(16, 1, true, (byte)0, "00 10 00 02 00 09 7F 09 0A 15 00 80 00 44 00")]
    [InlineData(17, 0, true, (byte)1, "00 11 00 02 00 09 7F 09 0A 15 00 80 80 43 01")]
    public void ToolOutputWrite_MatchesTheVendorSdk(int transactionId, int output, bool on, byte sync, string expected)
    {
        var frame = new byte[32];
        var payload = new byte[8];
        int payloadLength = XArmPayloads.WriteToolRegisterWrite(payload, XArmPayloads.ToolBoardHostId, ToolDigitalOutputs.Register, ToolDigitalOutputs.Encode(output, on), sync);

        int length = XArmPacket.WriteRequest(frame, (ushort)transactionId, XArmFunction.ToolRegisterWrite, payload.AsSpan(0, payloadLength));

        Assert.Equal(expected, Hex.Format(frame.AsSpan(0, length)));
    }

    [Fact]
    public void ToolOutputWrite_WithoutSync_IsSevenBytes_AsForFirmwareBefore2_4_101()
    {
        var frame = new byte[32];
        var payload = new byte[8];
        int payloadLength = XArmPayloads.WriteToolRegisterWrite(payload, 9, ToolDigitalOutputs.Register, ToolDigitalOutputs.Encode(0, true), sync: null);

        int length = XArmPacket.WriteRequest(frame, 18, XArmFunction.ToolRegisterWrite, payload.AsSpan(0, payloadLength));

        Assert.Equal("00 12 00 02 00 08 7F 09 0A 15 00 80 80 43", Hex.Format(frame.AsSpan(0, length)));
    }

    [Fact]
    public void TransactionIds_RunFrom1To65535_ThenWrapTo1_NeverUsing0()
    {
        Assert.Equal(1, XArmPacket.NextTransactionId(0));
        Assert.Equal(2, XArmPacket.NextTransactionId(1));
        Assert.Equal(65535, XArmPacket.NextTransactionId(65534));
        Assert.Equal(1, XArmPacket.NextTransactionId(65535));
    }

    [Fact]
    public void RequestsAndReplies_RoundTrip_ForRandomPayloads()
    {
        var random = new Random(502);
        var frame = new byte[XArmPacket.MaxFrameLength];
        for (int trial = 0; trial < 500; trial++)
        {
            byte[] body = new byte[random.Next(0, 200)];
            random.NextBytes(body);
            var function = (XArmFunction)random.Next(1, 256);
            ushort transactionId = (ushort)random.Next(1, 65536);
            var bits = (XArmStateBits)(random.Next(0, 16) << 3);

            int requestLength = XArmPacket.WriteRequest(frame, transactionId, function, body);
            Assert.Equal(XArmDecodeResult.Complete, XArmPacket.TryDecodeRequest(frame.AsSpan(0, requestLength), out XArmRequest request));
            Assert.Equal((transactionId, function, requestLength), (request.TransactionId, request.Function, request.FrameLength));
            Assert.True(request.Payload.SequenceEqual(body));

            int replyLength = XArmPacket.WriteReply(frame, transactionId, function, bits, body);
            Assert.Equal(XArmDecodeResult.Complete, XArmPacket.TryDecodeReply(frame.AsSpan(0, replyLength), out XArmReply reply));
            Assert.Equal((transactionId, function, bits, replyLength), (reply.TransactionId, reply.Function, reply.State, reply.FrameLength));
            Assert.True(reply.Data.SequenceEqual(body));

            // Every proper prefix is incomplete, never an error.
            int cut = random.Next(0, replyLength);
            Assert.Equal(XArmDecodeResult.Incomplete, XArmPacket.TryDecodeReply(frame.AsSpan(0, cut), out _));
        }
    }

    [Theory]
    [InlineData("00 01 00 00 00 02 0B 00", XArmDecodeResult.BadProtocol)] // standard Modbus TCP
    [InlineData("00 01 00 03 00 02 0B 00", XArmDecodeResult.BadProtocol)]
    [InlineData("00 01 00 02 00 01 0B", XArmDecodeResult.BadLength)] // a reply needs FUNC and STATE
    [InlineData("00 01 00 02 00 00", XArmDecodeResult.BadLength)]
    [InlineData("00 01 00 02 04 00 0B 00", XArmDecodeResult.BadLength)] // 1024 + 6 is longer than any frame
    [InlineData("00 01 00 02 00 04 0B 00 01", XArmDecodeResult.Incomplete)]
    public void TryDecodeReply_RejectsWhatCannotBeAReply(string bytes, XArmDecodeResult expected)
    {
        Assert.Equal(expected, XArmPacket.TryDecodeReply(Hex.Parse(bytes), out _));
    }

    [Fact]
    public void JointBlocks_RoundTrip_AsFp32LittleEndian()
    {
        double[] joints = [0.1, -0.2, 0.3, -0.4, 0.5, -0.6, 0];
        var data = new byte[XArmPayloads.JointPositionsLength];
        XArmPayloads.WriteJointBlock(data, 0, joints);
        var read = new double[7];

        XArmPayloads.ReadJointBlock(data, 0, read);

        Assert.Equal("CD CC CC 3D", Hex.Format(data.AsSpan(0, 4))); // 0.1f, little-endian
        for (int i = 0; i < 7; i++)
        {
            Assert.Equal(joints[i], read[i], 1e-7);
        }
    }

    [Fact]
    public void VersionText_RoundTrips_PaddedWithZeros()
    {
        var data = new byte[XArmPayloads.VersionLength];

        XArmPayloads.WriteVersionText(data, "6,9,LI1006,AC1303,v2.5.0");

        Assert.Equal(0, data[^1]);
        Assert.Equal("6,9,LI1006,AC1303,v2.5.0", XArmPayloads.ReadVersionText(data));
    }
}
