namespace RobotSdk.Drivers.Feetech.Tests;

public sealed class FeetechPacketTests
{
    private static readonly byte[] ArmIds = [1, 2, 3, 4, 5, 6];

    [Fact]
    public void EncodeSyncWrite_ReproducesTheReferenceGoalPositionVector_ByteForByte()
    {
        // REFERENCE.md section 2: Sync Write Goal Position IDs 1..6 = 2049..2054.
        var data = new byte[12];
        for (int i = 0; i < 6; i++)
        {
            Sts3215.GoalPosition.Encode(2049 + i, data.AsSpan(2 * i));
        }

        var packet = new byte[FeetechPacket.MaxPacketLength];
        int length = FeetechPacket.EncodeSyncWrite(packet, Sts3215.GoalPosition.Address, 2, ArmIds, data);

        Assert.Equal(
            "FF FF FE 16 83 2A 02 01 01 08 02 02 08 03 03 08 04 04 08 05 05 08 06 06 08 E2",
            Hex.Format(packet.AsSpan(0, length)));
    }

    [Fact]
    public void EncodeSyncRead_ReproducesTheReferencePresentPositionVector_ByteForByte()
    {
        var packet = new byte[FeetechPacket.MaxPacketLength];
        int length = FeetechPacket.EncodeSyncRead(packet, Sts3215.PresentPosition.Address, 2, ArmIds);

        Assert.Equal("FF FF FE 0A 82 38 02 01 02 03 04 05 06 26", Hex.Format(packet.AsSpan(0, length)));
    }

    [Fact]
    public void TryDecode_ReadsTheReferenceReplyOfId1_AsPosition2001()
    {
        byte[] reply = Hex.Parse("FF FF 01 04 00 D1 07 22");

        FeetechDecodeResult result = FeetechPacket.TryDecode(reply, out FeetechFrame frame);

        Assert.Equal(FeetechDecodeResult.Ok, result);
        Assert.Equal(1, frame.Id);
        Assert.Equal(FeetechErrors.None, frame.Error);
        Assert.Equal(8, frame.Length);
        Assert.Equal(2001, Sts3215.PresentPosition.Decode(frame.Parameters));
    }

    [Fact]
    public void EncodeStatus_ReproducesTheReferenceReplyOfId1()
    {
        var data = new byte[2];
        Sts3215.PresentPosition.Encode(2001, data);
        var packet = new byte[16];

        int length = FeetechPacket.EncodeStatus(packet, 1, FeetechErrors.None, data);

        Assert.Equal("FF FF 01 04 00 D1 07 22", Hex.Format(packet.AsSpan(0, length)));
    }

    [Fact]
    public void EncodeWrite_ReproducesTheProtocolOneWriteExample()
    {
        // REFERENCE.md: "FF FF 01 05 03 1E 00 02 D6" (same framing as Feetech's protocol).
        var packet = new byte[16];

        int length = FeetechPacket.EncodeWrite(packet, 1, 0x1E, [0x00, 0x02]);

        Assert.Equal("FF FF 01 05 03 1E 00 02 D6", Hex.Format(packet.AsSpan(0, length)));
    }

    [Theory]
    [InlineData(1, "FF FF 01 02 01 FB")]
    [InlineData(0xFE, "FF FF FE 02 01 FE")]
    public void EncodePing_GivesTheSixBytePing(byte id, string expected)
    {
        var packet = new byte[8];

        int length = FeetechPacket.EncodePing(packet, id);

        Assert.Equal(expected, Hex.Format(packet.AsSpan(0, length)));
    }

    [Fact]
    public void EncodeRead_PutsAddressAndLengthAsParameters()
    {
        var packet = new byte[8];

        int length = FeetechPacket.EncodeRead(packet, 1, 56, 2);

        Assert.Equal("FF FF 01 04 02 38 02 BE", Hex.Format(packet.AsSpan(0, length)));
    }

    [Fact]
    public void EncodeWrite_Registered_UsesTheRegWriteInstruction()
    {
        var packet = new byte[16];

        FeetechPacket.EncodeWrite(packet, 3, 42, [0x00, 0x08], registered: true);

        Assert.Equal((byte)FeetechInstruction.RegWrite, packet[4]);
    }

    [Fact]
    public void TryDecode_ReportsBadChecksum_WhenOneByteIsFlipped()
    {
        byte[] reply = Hex.Parse("FF FF 01 04 00 D1 07 22");
        reply[5] ^= 0x01;

        Assert.Equal(FeetechDecodeResult.BadChecksum, FeetechPacket.TryDecode(reply, out _));
    }

    [Theory]
    [InlineData("FF")]
    [InlineData("FF FF 01")]
    [InlineData("FF FF 01 04 00 D1 07")]
    public void TryDecode_AsksForMoreData_WhenThePacketIsIncomplete(string bytes)
    {
        Assert.Equal(FeetechDecodeResult.NeedMoreData, FeetechPacket.TryDecode(Hex.Parse(bytes), out _));
    }

    [Theory]
    [InlineData("00 FF 01 02 00 FC")]
    [InlineData("FF FF 01 01 00 FD")]
    public void TryDecode_RejectsBytesThatCannotBeAPacket(string bytes)
    {
        Assert.Equal(FeetechDecodeResult.Malformed, FeetechPacket.TryDecode(Hex.Parse(bytes), out _));
    }

    [Theory]
    [InlineData("FF FF 01 04", 0)]
    [InlineData("00 12 FF FF 01", 2)]
    [InlineData("FF FF FF 01 02", 1)]
    [InlineData("07 07 FF", 2)]
    [InlineData("07 FF 07", -1)]
    [InlineData("", -1)]
    public void FindHeader_SkipsNoiseBeforeTheHeader(string bytes, int expected)
    {
        Assert.Equal(expected, FeetechPacket.FindHeader(Hex.Parse(bytes)));
    }

    [Fact]
    public void Checksum_IsTheInvertedLowByteOfTheSum()
    {
        Assert.Equal(0x22, FeetechPacket.Checksum(Hex.Parse("01 04 00 D1 07")));
        Assert.Equal(0xFF, FeetechPacket.Checksum([]));
    }

    [Fact]
    public void Encode_Throws_WhenTheDestinationIsTooSmall()
    {
        Assert.Throws<ArgumentException>(() => FeetechPacket.EncodeRead(new byte[7], 1, 56, 2));
    }

    [Fact]
    public void Encode_Throws_WhenTheParametersExceedOnePacket()
    {
        var packet = new byte[FeetechPacket.MaxPacketLength + 10];

        Assert.Throws<ArgumentOutOfRangeException>(() => FeetechPacket.EncodeWrite(packet, 1, 0, new byte[FeetechPacket.MaxParameterLength]));
    }

    [Fact]
    public void EncodeSyncWrite_Throws_WhenDataDoesNotMatchTheIds()
    {
        Assert.Throws<ArgumentException>(() => FeetechPacket.EncodeSyncWrite(new byte[64], 42, 2, ArmIds, new byte[11]));
    }

    [Fact]
    public void InstructionPackets_RoundTrip_ForRandomPayloads()
    {
        var random = new Random(20240611);
        var packet = new byte[FeetechPacket.MaxPacketLength];
        for (int trial = 0; trial < 2000; trial++)
        {
            byte id = (byte)random.Next(0, 0xFF);
            var instruction = (FeetechInstruction)random.Next(0, 256);
            var parameters = new byte[random.Next(0, FeetechPacket.MaxParameterLength + 1)];
            random.NextBytes(parameters);

            int length = FeetechPacket.EncodeInstruction(packet, id, instruction, parameters);

            Assert.Equal(parameters.Length + FeetechPacket.Overhead, length);
            Assert.Equal(FeetechDecodeResult.Ok, FeetechPacket.TryDecode(packet.AsSpan(0, length), out FeetechFrame frame));
            Assert.Equal(id, frame.Id);
            Assert.Equal(instruction, frame.Instruction);
            Assert.True(frame.Parameters.SequenceEqual(parameters));
        }
    }

    [Fact]
    public void StatusPackets_RoundTrip_ForRandomPayloads_AfterRandomNoise()
    {
        var random = new Random(7);
        var buffer = new byte[2 * FeetechPacket.MaxPacketLength];
        for (int trial = 0; trial < 2000; trial++)
        {
            // Noise without 0xFF, then a status packet: FindHeader must land on the packet.
            int noise = random.Next(0, 20);
            for (int i = 0; i < noise; i++)
            {
                buffer[i] = (byte)random.Next(0, 0xFF);
            }

            byte id = (byte)random.Next(0, 0xFE);
            var error = (FeetechErrors)random.Next(0, 64);
            var data = new byte[random.Next(0, 100)];
            random.NextBytes(data);
            int length = FeetechPacket.EncodeStatus(buffer.AsSpan(noise), id, error, data);

            int start = FeetechPacket.FindHeader(buffer.AsSpan(0, noise + length));
            Assert.Equal(noise, start);
            Assert.Equal(FeetechDecodeResult.Ok, FeetechPacket.TryDecode(buffer.AsSpan(start, length), out FeetechFrame frame));
            Assert.Equal(id, frame.Id);
            Assert.Equal(error, frame.Error);
            Assert.True(frame.Parameters.SequenceEqual(data));
        }
    }

    [Fact]
    public void SyncWritePackets_RoundTrip_ForRandomServosAndValues()
    {
        var random = new Random(99);
        var packet = new byte[FeetechPacket.MaxPacketLength];
        for (int trial = 0; trial < 500; trial++)
        {
            byte length = (byte)random.Next(1, 5);
            byte[] ids = Enumerable.Range(0, random.Next(1, 250 / (length + 1))).Select(_ => (byte)random.Next(0, 254)).ToArray();
            var data = new byte[ids.Length * length];
            random.NextBytes(data);

            int total = FeetechPacket.EncodeSyncWrite(packet, 42, length, ids, data);

            Assert.Equal(FeetechDecodeResult.Ok, FeetechPacket.TryDecode(packet.AsSpan(0, total), out FeetechFrame frame));
            Assert.Equal(FeetechPacket.BroadcastId, frame.Id);
            Assert.Equal(FeetechInstruction.SyncWrite, frame.Instruction);
            ReadOnlySpan<byte> blocks = frame.Parameters[2..];
            for (int i = 0; i < ids.Length; i++)
            {
                Assert.Equal(ids[i], blocks[i * (length + 1)]);
                Assert.True(blocks.Slice((i * (length + 1)) + 1, length).SequenceEqual(data.AsSpan(i * length, length)));
            }
        }
    }

    [Fact]
    public void Encode_AllocatesNothing()
    {
        var packet = new byte[FeetechPacket.MaxPacketLength];
        var data = new byte[12];
        FeetechPacket.EncodeSyncWrite(packet, 42, 2, ArmIds, data);
        FeetechPacket.TryDecode(packet, out _);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            int length = FeetechPacket.EncodeSyncWrite(packet, 42, 2, ArmIds, data);
            FeetechPacket.TryDecode(packet.AsSpan(0, length), out _);
            length = FeetechPacket.EncodeSyncRead(packet, 56, 2, ArmIds);
            FeetechPacket.FindHeader(packet.AsSpan(0, length));
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
