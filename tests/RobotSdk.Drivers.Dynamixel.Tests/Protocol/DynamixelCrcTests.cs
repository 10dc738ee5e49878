using System.Text;

namespace RobotSdk.Drivers.Dynamixel.Tests.Protocol;

public sealed class DynamixelCrcTests
{
    [Fact]
    public void Compute_GivesTheCheckValue0xFEE8_ForAsciiOneToNine()
    {
        Assert.Equal(0xFEE8, DynamixelCrc.Compute(Encoding.ASCII.GetBytes("123456789")));
    }

    [Fact]
    public void Compute_OfNothing_IsZero()
    {
        Assert.Equal(0, DynamixelCrc.Compute([]));
    }

    [Fact]
    public void Update_InPieces_EqualsComputeInOneGo()
    {
        byte[] data = Encoding.ASCII.GetBytes("123456789");

        ushort pieces = DynamixelCrc.Update(DynamixelCrc.Update(0, data.AsSpan(0, 4)), data.AsSpan(4));

        Assert.Equal(DynamixelCrc.Compute(data), pieces);
    }

    [Theory]
    [MemberData(nameof(GoldenVectors.All), MemberType = typeof(GoldenVectors))]
    public void Compute_OverAGoldenPacket_MatchesItsLittleEndianCrc(string name, string packet)
    {
        byte[] bytes = Hex.Parse(packet);

        ushort crc = DynamixelCrc.Compute(bytes.AsSpan(0, bytes.Length - 2));

        Assert.True(crc == (bytes[^2] | (bytes[^1] << 8)), name);
    }
}
