using System.Diagnostics;
using RobotSdk.Emulation;

namespace RobotSdk.Transports.Tests;

public sealed class CanWireTimeTests
{
    // Expected counts from an independent implementation of ISO 11898-1's layout (CRC-15 0x4599,
    // stuffing over SOF to CRC, 13 unstuffed bits of delimiters, EOF and intermission).
    [Theory]
    [InlineData("155#00002710FFFFB1E0", 120)]
    [InlineData("471#0702000000000000", 122)]
    [InlineData("000#0000000000000000", 127)]
    [InlineData("7FF#FFFFFFFFFFFFFFFF", 126)]
    [InlineData("2A5#", 48)]
    [InlineData("12345678#01", 78)]
    [InlineData("123#R4", 47)]
    public void FrameBits_CountsStuffBitsAndIntermission_AsTheStandardLaysThemOut(string frame, int expectedBits)
    {
        Assert.Equal(expectedBits, CanWireTime.FrameBits(CanFrame.Parse(frame)));
    }

    [Fact]
    public void FrameBits_OfEightByteStandardFrames_LieBetween111And135()
    {
        var random = new Random(7);
        byte[] data = new byte[8];
        for (int i = 0; i < 500; i++)
        {
            random.NextBytes(data);
            int bits = CanWireTime.FrameBits(new CanFrame((uint)random.Next(0x800), data));
            Assert.InRange(bits, 111, 135);
        }
    }

    [Fact]
    public void FrameTicks_IsTheBitCountAtTheBitrate()
    {
        var frame = CanFrame.Parse("155#00002710FFFFB1E0");

        Assert.Equal(120 * Stopwatch.Frequency / 1_000_000, CanWireTime.FrameTicks(frame, 1_000_000));
        Assert.Equal(120 * Stopwatch.Frequency / 125_000, CanWireTime.FrameTicks(frame, 125_000));
        Assert.Throws<ArgumentOutOfRangeException>(() => CanWireTime.FrameTicks(frame, 0));
    }
}
