namespace RobotSdk.Drivers.Dynamixel.Tests.ControlTable;

public sealed class ServoModelTests
{
    public static TheoryData<string, int> ModelNumbers => new()
    {
        { "XL330-M288", 1200 },
        { "XL330-M077", 1190 },
        { "XL430-W250", 1060 },
        { "XM430-W350", 1020 },
        { "XM540-W270", 1120 },
        { "XC430-W150", 1070 },
    };

    [Theory]
    [MemberData(nameof(ModelNumbers))]
    public void Find_GivesTheModel_ForItsModelNumber(string name, int modelNumber)
    {
        ServoModel? model = ServoModel.Find(modelNumber);

        Assert.NotNull(model);
        Assert.Equal(name, model.Name);
        Assert.Equal(modelNumber, model[XSeriesControlTable.ModelNumber.Name].InitialValue);
    }

    [Fact]
    public void Find_GivesNull_ForAnUnknownModelNumber()
    {
        Assert.Null(ServoModel.Find(12345));
    }

    [Theory]
    [InlineData("XL430-W250")]
    [InlineData("XC430-W150")]
    public void LoadModels_HavePresentLoadAt126_AndNoCurrentItems(string name)
    {
        ServoModel model = ServoModel.All.Single(model => model.Name == name);

        Assert.False(model.HasCurrentSensing);
        Assert.False(model.Has(XSeriesControlTable.GoalCurrent));
        Assert.False(model.Has(XSeriesControlTable.CurrentLimit));
        Assert.False(model.Has(XSeriesControlTable.PresentCurrent));
        Assert.Equal(126, model["Present Load"].Address);
        Assert.Equal([OperatingMode.Velocity, OperatingMode.Position, OperatingMode.ExtendedPosition, OperatingMode.Pwm], model.SupportedModes);
        Assert.False(model.Supports(OperatingMode.Current));
    }

    [Theory]
    [InlineData("XL330-M288", 1750)]
    [InlineData("XL330-M077", 1750)]
    [InlineData("XM430-W350", 1193)]
    [InlineData("XM540-W270", 2047)]
    public void CurrentModels_HaveCurrentItems_WithTheirLimit(string name, int currentLimit)
    {
        ServoModel model = ServoModel.All.Single(model => model.Name == name);

        Assert.True(model.HasCurrentSensing);
        Assert.True(model.Has(XSeriesControlTable.GoalCurrent));
        Assert.Equal(126, model["Present Current"].Address);
        Assert.Equal(currentLimit, model["Current Limit"].Maximum);
        Assert.Equal(currentLimit, model["Current Limit"].InitialValue);
        Assert.Equal(6, model.SupportedModes.Count);
    }

    [Fact]
    public void EveryModel_HasNoOverlappingItems_AndTheSharedAddresses()
    {
        foreach (ServoModel model in ServoModel.All)
        {
            ControlTableItem[] items = [.. model.Items];
            for (int index = 1; index < items.Length; index++)
            {
                Assert.True(items[index - 1].End <= items[index].Address, $"{model}: {items[index - 1]} overlaps {items[index]}");
            }

            Assert.Equal(116, model["Goal Position"].Address);
            Assert.Equal(132, model["Present Position"].Address);
            Assert.Equal(64, model["Torque Enable"].Address);
            Assert.All(items.Where(item => item.Address < 64), item => Assert.Equal(MemoryArea.Eeprom, item.Area));
            Assert.All(items.Where(item => item.Address >= 64), item => Assert.Equal(MemoryArea.Ram, item.Area));
        }
    }

    [Fact]
    public void Indexer_NamesTheKnownItems_WhenOneIsMissing()
    {
        KeyNotFoundException failure = Assert.Throws<KeyNotFoundException>(() => ServoModel.XL430W250["Goal Current"]);

        Assert.Contains("Present Load", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FactoryValues_ComeFromTheEManual()
    {
        Assert.Equal(250, ServoModel.XM430W350["Return Delay Time"].InitialValue);
        Assert.Equal(1, ServoModel.XM430W350["Baud Rate"].InitialValue);
        Assert.Equal(255, ServoModel.XM430W350["Secondary ID"].InitialValue);
        Assert.Equal(3, ServoModel.XL330M288["Operating Mode"].InitialValue);
        Assert.Equal(6, ServoModel.XL330M288["Baud Rate"].Maximum);
        Assert.Equal(265, ServoModel.XL430W250["Velocity Limit"].InitialValue);
        Assert.Equal(128, ServoModel.XM540W270["Velocity Limit"].InitialValue);
    }
}
