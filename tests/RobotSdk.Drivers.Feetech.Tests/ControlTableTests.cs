namespace RobotSdk.Drivers.Feetech.Tests;

public sealed class ControlTableTests
{
    [Theory]
    [InlineData("Firmware_Major_Version", 0, 1, false, null)]
    [InlineData("Firmware_Minor_Version", 1, 1, false, null)]
    [InlineData("Model_Number", 3, 2, false, null)]
    [InlineData("ID", 5, 1, true, null)]
    [InlineData("Baud_Rate", 6, 1, true, null)]
    [InlineData("Return_Delay_Time", 7, 1, true, null)]
    [InlineData("Min_Position_Limit", 9, 2, true, null)]
    [InlineData("Max_Position_Limit", 11, 2, true, null)]
    [InlineData("P_Coefficient", 21, 1, true, null)]
    [InlineData("D_Coefficient", 22, 1, true, null)]
    [InlineData("I_Coefficient", 23, 1, true, null)]
    [InlineData("Homing_Offset", 31, 2, true, 11)]
    [InlineData("Operating_Mode", 33, 1, true, null)]
    [InlineData("Torque_Enable", 40, 1, true, null)]
    [InlineData("Acceleration", 41, 1, true, null)]
    [InlineData("Goal_Position", 42, 2, true, 15)]
    [InlineData("Goal_Time", 44, 2, true, null)]
    [InlineData("Goal_Velocity", 46, 2, true, 15)]
    [InlineData("Torque_Limit", 48, 2, true, null)]
    [InlineData("Lock", 55, 1, true, null)]
    [InlineData("Present_Position", 56, 2, false, 15)]
    [InlineData("Present_Velocity", 58, 2, false, 15)]
    [InlineData("Present_Load", 60, 2, false, 10)]
    [InlineData("Present_Voltage", 62, 1, false, null)]
    [InlineData("Present_Temperature", 63, 1, false, null)]
    [InlineData("Moving", 66, 1, false, null)]
    [InlineData("Present_Current", 69, 2, false, 15)]
    public void Sts3215Table_MatchesTheReference(string name, int address, int size, bool writable, int? signBit)
    {
        ControlTableItem item = Sts3215.Model.Find(name);

        Assert.Equal(address, item.Address);
        Assert.Equal(size, item.Size);
        Assert.Equal(writable, item.IsWritable);
        Assert.Equal(signBit, item.SignBit);
        Assert.Equal(address < 40 ? MemoryArea.Eeprom : MemoryArea.Ram, item.Area);
        Assert.Same(item, Sts3215.Model.ItemAt(address + size - 1));
    }

    [Fact]
    public void Sts3215Model_IsModel777With4096CountsPerTurn()
    {
        Assert.Equal(777, Sts3215.Model.ModelNumber);
        Assert.Equal(4096, Sts3215.Model.CountsPerTurn);
    }

    [Fact]
    public void ItemAt_ReturnsNull_ForGapsInTheTable()
    {
        Assert.Null(Sts3215.Model.ItemAt(2));
        Assert.Null(Sts3215.Model.ItemAt(50));
        Assert.Null(Sts3215.Model.ItemAt(-1));
    }

    [Fact]
    public void Find_Throws_ForAnUnknownName()
    {
        Assert.Throws<KeyNotFoundException>(() => Sts3215.Model.Find("Present_Position "));
    }

    [Fact]
    public void ServoModel_RejectsOverlappingItems()
    {
        ControlTableItem a = new("A", 10, 2, ControlTableAccess.ReadWrite, MemoryArea.Eeprom);
        ControlTableItem b = new("B", 11, 1, ControlTableAccess.ReadWrite, MemoryArea.Eeprom);

        Assert.Throws<ArgumentException>(() => new ServoModel("X", 1, 4096, [a, b]));
    }

    [Theory]
    [InlineData("Homing_Offset", -2047, 2047)]
    [InlineData("Goal_Position", -32767, 32767)]
    [InlineData("Present_Load", -1023, 1023)]
    [InlineData("Model_Number", 0, 65535)]
    [InlineData("ID", 0, 255)]
    public void Items_KnowTheirRanges(string name, int min, int max)
    {
        ControlTableItem item = Sts3215.Model.Find(name);

        Assert.Equal(min, item.MinValue);
        Assert.Equal(max, item.MaxValue);
    }

    [Fact]
    public void Encode_Throws_WithTheItemNameAndRange_WhenTheValueIsOutOfRange()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Sts3215.HomingOffset.Encode(3000, new byte[2]));

        Assert.Contains("Homing_Offset ranges from -2047 to 2047", error.Message, StringComparison.Ordinal);
        Assert.Equal(3000, error.ActualValue);
    }

    [Fact]
    public void ErrorFlags_DescribeEveryBit()
    {
        var all = FeetechErrors.Voltage | FeetechErrors.AngleSensor | FeetechErrors.Overheat | FeetechErrors.Overcurrent | FeetechErrors.Overload;

        Assert.Equal(
            "servo reports input voltage out of range, angle sensor error, overheat, overcurrent, overload (error byte 0x2F)",
            all.Describe());
        Assert.True(FeetechErrors.Overload.IsHardwareAlert());
        Assert.False(FeetechErrors.Voltage.IsHardwareAlert());
    }
}
