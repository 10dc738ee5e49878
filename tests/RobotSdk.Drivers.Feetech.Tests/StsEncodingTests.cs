namespace RobotSdk.Drivers.Feetech.Tests;

public sealed class StsEncodingTests
{
    [Theory]
    [InlineData(-100, 15, "64 80")]
    [InlineData(100, 15, "64 00")]
    [InlineData(0, 15, "00 00")]
    [InlineData(-1, 15, "01 80")]
    [InlineData(32767, 15, "FF 7F")]
    [InlineData(-32767, 15, "FF FF")]
    [InlineData(-2047, 11, "FF 0F")]
    [InlineData(-1, 11, "01 08")]
    [InlineData(2047, 11, "FF 07")]
    [InlineData(-1023, 10, "FF 07")]
    [InlineData(-1, 10, "01 04")]
    [InlineData(2049, null, "01 08")]
    public void Encode_WritesLittleEndianSignMagnitude(int value, int? signBit, string expected)
    {
        var bytes = new byte[2];

        StsEncoding.Encode(value, bytes, 2, signBit);

        Assert.Equal(expected, Hex.Format(bytes));
        Assert.Equal(value, StsEncoding.Decode(bytes, 2, signBit));
    }

    [Fact]
    public void FromSignMagnitude_ReadsMinusZeroAsZero()
    {
        Assert.Equal(0, StsEncoding.FromSignMagnitude(0x8000, 15));
    }

    [Fact]
    public void Decode_IgnoresBitsAboveTheSignBit()
    {
        Assert.Equal(-5, StsEncoding.FromSignMagnitude(0xF805, 11));
    }

    [Theory]
    [InlineData(2048, 11)]
    [InlineData(-2048, 11)]
    [InlineData(32768, 15)]
    [InlineData(1024, 10)]
    public void ToSignMagnitude_Throws_WhenTheMagnitudeReachesTheSignBit(int value, int signBit)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => StsEncoding.ToSignMagnitude(value, signBit));

        Assert.Equal(value, error.ActualValue);
    }

    [Theory]
    [InlineData(-1, 1)]
    [InlineData(256, 1)]
    [InlineData(65536, 2)]
    public void Encode_Throws_WhenAnUnsignedValueDoesNotFit(int value, int size)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => StsEncoding.Encode(value, new byte[2], size, null));
    }

    [Fact]
    public void SignMagnitude_RoundTrips_ForRandomValuesAndSignBits()
    {
        var random = new Random(1234);
        var bytes = new byte[2];
        for (int trial = 0; trial < 10_000; trial++)
        {
            int signBit = random.Next(1, 16);
            int max = StsEncoding.MaxMagnitude(signBit);
            int value = random.Next(-max, max + 1);

            StsEncoding.Encode(value, bytes, 2, signBit);

            Assert.Equal(value, StsEncoding.Decode(bytes, 2, signBit));
            Assert.Equal(value < 0, (bytes[signBit / 8] & (1 << (signBit % 8))) != 0);
        }
    }

    [Fact]
    public void Decode_OfAnyRawValue_ReEncodesToTheSameBytes_ExceptMinusZero()
    {
        var bytes = new byte[2];
        var again = new byte[2];
        for (int raw = 0; raw <= ushort.MaxValue; raw++)
        {
            bytes[0] = (byte)raw;
            bytes[1] = (byte)(raw >> 8);
            if (raw == 0x8000)
            {
                continue;
            }

            StsEncoding.Encode(StsEncoding.Decode(bytes, 2, 15), again, 2, 15);

            Assert.Equal(bytes, again);
        }
    }
}
