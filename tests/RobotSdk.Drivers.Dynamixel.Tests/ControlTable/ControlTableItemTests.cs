namespace RobotSdk.Drivers.Dynamixel.Tests.ControlTable;

public sealed class ControlTableItemTests
{
    [Theory]
    [InlineData(1, false, new byte[] { 0xFF }, 255)]
    [InlineData(1, true, new byte[] { 0xFF }, -1)]
    [InlineData(2, false, new byte[] { 0x34, 0x12 }, 0x1234)]
    [InlineData(2, true, new byte[] { 0xFE, 0xFF }, -2)]
    [InlineData(4, true, new byte[] { 0xE9, 0x03, 0x00, 0x00 }, 1001)]
    [InlineData(4, true, new byte[] { 0xFF, 0xFF, 0xFF, 0xFF }, -1)]
    public void ReadValue_IsLittleEndianAndSignExtended(int size, bool isSigned, byte[] bytes, int value)
    {
        var item = new ControlTableItem("Test", 0, size, ItemAccess.ReadWrite, MemoryArea.Ram, isSigned);
        var written = new byte[size];

        item.WriteValue(value, written);

        Assert.Equal(value, item.ReadValue(bytes));
        Assert.Equal(bytes, written);
    }

    [Theory]
    [InlineData(1, false, 256)]
    [InlineData(1, false, -1)]
    [InlineData(1, true, 128)]
    [InlineData(2, true, 40000)]
    public void WriteValue_RefusesValuesThatDoNotFit(int size, bool isSigned, int value)
    {
        var item = new ControlTableItem("Test", 0, size, ItemAccess.ReadWrite, MemoryArea.Ram, isSigned);

        Assert.Throws<ArgumentOutOfRangeException>(() => item.WriteValue(value, new byte[4]));
    }

    [Fact]
    public void Constructor_RefusesASizeOf3()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ControlTableItem("Odd", 0, 3, ItemAccess.ReadWrite, MemoryArea.Ram));
    }

    [Theory]
    [InlineData(116, 4, true)]
    [InlineData(112, 4, false)]
    [InlineData(119, 1, true)]
    [InlineData(120, 4, false)]
    [InlineData(100, 20, true)]
    public void Overlaps_TellsWhetherARangeTouchesTheItem(int address, int length, bool overlaps)
    {
        Assert.Equal(overlaps, XSeriesControlTable.GoalPosition.Overlaps(address, length));
    }

    [Theory]
    [InlineData(132, 4, "Present Position")]
    [InlineData(126, 2, "Present Current")]
    [InlineData(126, 10, "address 126 (10 bytes)")]
    public void Describe_NamesAKnownRange(int address, int length, string expected)
    {
        Assert.Equal(expected, XSeriesControlTable.Describe(address, length));
    }
}
