namespace RobotSdk.Drivers.Dynamixel.Tests.Protocol;

/// <summary>Seeded random payloads, with header-like sequences forced in, survive encode then decode.</summary>
public sealed class PacketRoundTripPropertyTests
{
    private static readonly byte[][] Troublemakers =
    [
        [0xFF, 0xFF, 0xFD],
        [0xFF, 0xFF, 0xFD, 0x00],
        [0xFF, 0xFF, 0xFD, 0xFD],
        [0xFF, 0xFF, 0xFF, 0xFD],
        [0xFF, 0xFF],
        [0xFD, 0xFD],
    ];

    [Fact]
    public void InstructionPackets_DecodeToWhatWasEncoded()
    {
        var random = new Random(20240611);
        for (int trial = 0; trial < 2000; trial++)
        {
            byte[] parameters = RandomPayload(random);
            var id = (byte)random.Next(0, 255);
            var instruction = (Instruction)random.Next(1, 255);
            var packet = new byte[PacketEncoder.MaxPacketLength(parameters.Length)];
            int length = PacketEncoder.EncodeInstruction(packet, id, instruction, parameters);
            var decoded = new byte[packet.Length];

            PacketDecodeResult result = PacketDecoder.Decode(packet.AsSpan(0, length), decoded, out DecodedPacket header);

            Assert.Equal(PacketDecodeResult.Ok, result);
            Assert.Equal(new DecodedPacket(id, (byte)instruction, parameters.Length), header);
            Assert.Equal(parameters, decoded[..parameters.Length]);
            AssertWellFramed(packet.AsSpan(0, length));
        }
    }

    [Fact]
    public void StatusPackets_DecodeToWhatWasEncoded()
    {
        var random = new Random(7);
        for (int trial = 0; trial < 2000; trial++)
        {
            byte[] parameters = RandomPayload(random);
            var error = new StatusError((byte)random.Next(0, 256));
            var id = (byte)random.Next(0, 253);
            var packet = new byte[PacketEncoder.MaxPacketLength(parameters.Length)];
            int length = PacketEncoder.EncodeStatus(packet, id, error, parameters);
            var decoded = new byte[packet.Length];

            PacketDecodeResult result = PacketDecoder.DecodeStatus(packet.AsSpan(0, length), decoded, out StatusPacket status);

            Assert.Equal(PacketDecodeResult.Ok, result);
            Assert.Equal(new StatusPacket(id, error, parameters.Length), status);
            Assert.Equal(parameters, decoded[..parameters.Length]);
            AssertWellFramed(packet.AsSpan(0, length));
        }
    }

    /// <summary>LEN matches, no header hides inside, and every FF FF FD after INST is stuffed.</summary>
    private static void AssertWellFramed(ReadOnlySpan<byte> packet)
    {
        Assert.Equal(packet.Length - 7, packet[5] | (packet[6] << 8));
        ReadOnlySpan<byte> header = [0xFF, 0xFF, 0xFD, 0x00];
        Assert.Equal(-1, packet[1..].IndexOf(header));
        ReadOnlySpan<byte> body = packet[7..^2];
        for (int index = 0; index + 2 < body.Length; index++)
        {
            if (body[index] == 0xFF && body[index + 1] == 0xFF && body[index + 2] == 0xFD)
            {
                Assert.True(index + 3 < body.Length && body[index + 3] == 0xFD, "an FF FF FD in the body was not stuffed");
                index += 3;
            }
        }
    }

    private static byte[] RandomPayload(Random random)
    {
        var payload = new List<byte>();
        int pieces = random.Next(0, 12);
        for (int piece = 0; piece < pieces; piece++)
        {
            if (random.Next(3) == 0)
            {
                payload.AddRange(Troublemakers[random.Next(Troublemakers.Length)]);
            }
            else
            {
                var bytes = new byte[random.Next(0, 30)];
                random.NextBytes(bytes);
                payload.AddRange(bytes);
            }
        }

        return [.. payload];
    }
}
