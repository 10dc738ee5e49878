namespace RobotSdk.Drivers.Elephant.Tests;

/// <summary>The streaming decoder: resynchronisation, split input, bad LEN, missing footer, round trips.</summary>
public sealed class MyCobotFrameDecoderTests
{
    private const string AnglesReply = "FE FE 0E 20 03 E8 F7 FE 0B B8 00 00 11 94 DC D8 FA";

    [Theory]
    [InlineData("00 13 37 " + AnglesReply)]
    [InlineData("FA FA " + AnglesReply)]
    [InlineData("FE 00 13 " + AnglesReply)]
    public void Garbage_BeforeAHeader_IsSkipped(string bytes)
    {
        var decoder = new MyCobotFrameDecoder();
        decoder.Append(Hex.Parse(bytes));

        Assert.Equal(MyCobotDecodeResult.Frame, decoder.TryDecode(out MyCobotFrame frame));
        Assert.Equal(MyCobotCommand.GetAngles, frame.Command);
        Assert.Equal(12, frame.Data.Length);
        Assert.Equal(0, decoder.RejectedFrames);
    }

    [Fact]
    public void AStrayHeaderByte_BeforeTheReply_CostsOneRejection_NotTheReply()
    {
        // pymycobot issue #28: a servo's checksum byte FE lands right before the Atom's FE FE.
        var decoder = new MyCobotFrameDecoder();
        decoder.Append(Hex.Parse("FE " + AnglesReply));

        Assert.Equal(MyCobotDecodeResult.Rejected, decoder.TryDecode(out _));
        Assert.Equal(MyCobotDecodeResult.Frame, decoder.TryDecode(out MyCobotFrame frame));
        Assert.Equal(MyCobotCommand.GetAngles, frame.Command);
        Assert.Equal(MyCobotDecodeResult.NeedMoreData, decoder.TryDecode(out _));
    }

    [Fact]
    public void AFrame_SplitAcrossManyReads_IsAssembled()
    {
        var decoder = new MyCobotFrameDecoder();
        foreach (string piece in new[] { "FE", "FE 0E", "20 03 E8 F7 FE", "0B B8 00 00 11", "94 DC D8", "FA" })
        {
            Assert.Equal(MyCobotDecodeResult.NeedMoreData, decoder.TryDecode(out _));
            decoder.Append(Hex.Parse(piece));
        }

        Assert.Equal(MyCobotDecodeResult.Frame, decoder.TryDecode(out MyCobotFrame frame));
        Assert.Equal("03 E8 F7 FE 0B B8 00 00 11 94 DC D8", Hex.Format(frame.Data));
    }

    [Theory]
    [InlineData("FE FE 01 20 FA")]
    [InlineData("FE FE 00 FA")]
    [InlineData("FE FE 1F 20 00 FA")]
    [InlineData("FE FE 80 20 FA")]
    public void ABadLength_IsRejected_AndTheNextFrameIsFound(string bad)
    {
        var decoder = new MyCobotFrameDecoder();
        decoder.Append(Hex.Parse(bad + " " + AnglesReply));

        int rejections = DecodeAll(decoder, out List<string> frames);

        Assert.Equal(["20:12"], frames);
        Assert.True(rejections >= 1);
    }

    [Fact]
    public void AMissingFooter_IsRejected_AndTheNextFrameIsFound()
    {
        var decoder = new MyCobotFrameDecoder();
        decoder.Append(Hex.Parse("FE FE 03 12 01 00 " + AnglesReply));

        int rejections = DecodeAll(decoder, out List<string> frames);

        Assert.Equal(["20:12"], frames);
        Assert.Equal(1, rejections);
    }

    [Fact]
    public void ATruncatedFrame_FollowedByAWholeOne_GivesTheWholeOne()
    {
        var decoder = new MyCobotFrameDecoder();
        decoder.Append(Hex.Parse("FE FE 0E 20 03 E8 F7 " + AnglesReply));

        int rejections = DecodeAll(decoder, out List<string> frames);

        Assert.Equal(["20:12"], frames);
        Assert.Equal(1, rejections);
    }

    [Fact]
    public void AGarbageHeaderWithALargeLength_DoesNotHoldBackACompleteFrameBehindIt()
    {
        var decoder = new MyCobotFrameDecoder();
        decoder.Append(Hex.Parse("FE FE 1E " + AnglesReply));

        Assert.Equal(MyCobotDecodeResult.Rejected, decoder.TryDecode(out _));
        Assert.Equal(MyCobotDecodeResult.Frame, decoder.TryDecode(out MyCobotFrame frame));
        Assert.Equal(MyCobotCommand.GetAngles, frame.Command);
    }

    [Fact]
    public void AnIncompleteFrame_WaitsForMoreBytes()
    {
        var decoder = new MyCobotFrameDecoder();
        decoder.Append(Hex.Parse("FE FE 0E 20 03 E8"));

        Assert.Equal(MyCobotDecodeResult.NeedMoreData, decoder.TryDecode(out _));
        Assert.Equal(6, decoder.Count);
        Assert.Equal(0, decoder.RejectedFrames);
    }

    [Fact]
    public void HeaderBytesInsideTheData_DoNotConfuseAnAlignedDecoder()
    {
        // -2.58 degrees is -258 = FE FE: angles may carry the header pattern.
        var decoder = new MyCobotFrameDecoder();
        decoder.Append(Hex.Parse("FE FE 0E 20 FE FE FE FE FE FE FE FE FE FE FE FE FA"));

        Assert.Equal(MyCobotDecodeResult.Frame, decoder.TryDecode(out MyCobotFrame frame));
        Span<short> values = stackalloc short[6];
        MyCobotProtocol.ReadInt16Values(frame.Data, values);
        Assert.All(values.ToArray(), value => Assert.Equal(-258, value));
    }

    [Fact]
    public void Clear_ForgetsEveryByte()
    {
        var decoder = new MyCobotFrameDecoder();
        decoder.Append(Hex.Parse("FE FE 0E 20 03"));

        decoder.Clear();
        decoder.Append(Hex.Parse("FE FE 03 12 01 FA"));

        Assert.Equal(MyCobotDecodeResult.Frame, decoder.TryDecode(out MyCobotFrame frame));
        Assert.Equal(MyCobotCommand.IsPoweredOn, frame.Command);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void RandomFrames_WithGarbageBetween_AndRandomSplits_ComeOutIntact(int seed)
    {
        var random = new Random(seed);
        var stream = new List<byte>();
        var sent = new List<string>();
        var buffer = new byte[MyCobotProtocol.MaxFrameLength];
        for (int i = 0; i < 300; i++)
        {
            if (random.Next(3) == 0)
            {
                // Garbage that cannot start a header, so every sent frame must come out.
                int garbage = random.Next(1, 8);
                for (int g = 0; g < garbage; g++)
                {
                    stream.Add((byte)random.Next(0, 0xFE));
                }
            }

            var data = new byte[random.Next(0, MyCobotProtocol.MaxDataLength + 1)];
            random.NextBytes(data);
            var command = (MyCobotCommand)random.Next(0, 256);
            int length = MyCobotProtocol.EncodeFrame(buffer, command, data);
            stream.AddRange(buffer.AsSpan(0, length).ToArray());
            sent.Add($"{(byte)command:X2}:{Hex.Format(data)}");
        }

        var decoder = new MyCobotFrameDecoder();
        var received = new List<string>();
        int at = 0;
        while (at < stream.Count)
        {
            int piece = Math.Min(random.Next(1, 40), stream.Count - at);
            at += decoder.Append(stream.GetRange(at, piece).ToArray());
            while (true)
            {
                MyCobotDecodeResult result = decoder.TryDecode(out MyCobotFrame frame);
                if (result == MyCobotDecodeResult.NeedMoreData)
                {
                    break;
                }

                if (result == MyCobotDecodeResult.Frame)
                {
                    received.Add($"{frame.CommandByte:X2}:{Hex.Format(frame.Data)}");
                }
            }
        }

        // Random data may contain a complete fake frame that the look-ahead prefers while a real one is
        // still arriving; then the real one is lost, never mangled. Everything received was sent, in order.
        int matched = 0;
        foreach (string frame in received)
        {
            while (matched < sent.Count && sent[matched] != frame)
            {
                matched++;
            }

            Assert.True(matched < sent.Count, $"received a frame that was never sent, or out of order: {frame}");
            matched++;
        }

        Assert.True(received.Count >= sent.Count * 0.97, $"{received.Count} of {sent.Count} frames came out");
    }

    [Theory]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    public void RandomFrames_WholeAndUndamaged_AllComeOutInOrder(int seed)
    {
        var random = new Random(seed);
        var decoder = new MyCobotFrameDecoder();
        var buffer = new byte[MyCobotProtocol.MaxFrameLength];
        for (int i = 0; i < 500; i++)
        {
            var data = new byte[random.Next(0, MyCobotProtocol.MaxDataLength + 1)];
            random.NextBytes(data);
            var command = (MyCobotCommand)random.Next(0, 256);
            int length = MyCobotProtocol.EncodeFrame(buffer, command, data);
            decoder.Append(buffer.AsSpan(0, length));

            Assert.Equal(MyCobotDecodeResult.Frame, decoder.TryDecode(out MyCobotFrame frame));
            Assert.Equal((byte)command, frame.CommandByte);
            Assert.Equal(data, frame.Data.ToArray());
            Assert.Equal(MyCobotDecodeResult.NeedMoreData, decoder.TryDecode(out _));
        }

        Assert.Equal(0, decoder.RejectedFrames);
        Assert.Equal(0, decoder.DiscardedBytes);
    }

    /// <summary>Decodes until more data is needed; returns the rejections and the frames as "CMD:data length".</summary>
    private static int DecodeAll(MyCobotFrameDecoder decoder, out List<string> frames)
    {
        frames = [];
        int rejections = 0;
        while (true)
        {
            switch (decoder.TryDecode(out MyCobotFrame frame))
            {
                case MyCobotDecodeResult.Frame:
                    frames.Add($"{frame.CommandByte:X2}:{frame.Data.Length}");
                    break;
                case MyCobotDecodeResult.Rejected:
                    rejections++;
                    break;
                default:
                    return rejections;
            }
        }
    }
}
