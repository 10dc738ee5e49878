namespace RobotSdk.Drivers.Dynamixel;

/// <summary>The values in which the X-series models' control tables differ (factory values and ranges from each model's e-Manual page).</summary>
internal sealed record ModelFacts
{
    public required int MaxBaudRateIndex { get; init; }

    public int MaxDriveMode { get; init; } = 5;

    public required int TemperatureLimit { get; init; }

    /// <summary>Max and Min Voltage Limit: factory values and the range both share, 0.1 V.</summary>
    public required (int Max, int Min, int RangeLow, int RangeHigh) Voltage { get; init; }

    /// <summary>Current Limit factory value (= its maximum); null for models that report load instead of current.</summary>
    public int? CurrentLimit { get; init; }

    public required (int Initial, int Maximum) VelocityLimit { get; init; }

    public int MovingThreshold { get; init; } = 10;

    /// <summary>Velocity I, Velocity P, Position D, Position I, Position P gains at the factory.</summary>
    public required (int VelocityI, int VelocityP, int PositionD, int PositionI, int PositionP) Gains { get; init; }

    public int Shutdown { get; init; } = 52;

    /// <summary>Builds the model's items from the shared X-series table.</summary>
    public IEnumerable<ControlTableItem> Items(ushort modelNumber, string currentUnit)
    {
        foreach (ControlTableItem item in XSeriesControlTable.All)
        {
            bool hasCurrent = CurrentLimit is not null;
            if ((item == XSeriesControlTable.CurrentLimit || item == XSeriesControlTable.GoalCurrent || item == XSeriesControlTable.PresentCurrent) && !hasCurrent)
            {
                continue;
            }

            if (item == XSeriesControlTable.PresentLoad && hasCurrent)
            {
                continue;
            }

            yield return Specialise(item, modelNumber, currentUnit);
        }
    }

    private ControlTableItem Specialise(ControlTableItem item, ushort modelNumber, string currentUnit) => item.Address switch
    {
        0 => item with { InitialValue = modelNumber },
        8 => item with { Maximum = MaxBaudRateIndex },
        10 => item with { Maximum = MaxDriveMode },
        24 => item with { InitialValue = MovingThreshold },
        31 => item with { InitialValue = TemperatureLimit },
        32 => item with { InitialValue = Voltage.Max, Minimum = Voltage.RangeLow, Maximum = Voltage.RangeHigh },
        34 => item with { InitialValue = Voltage.Min, Minimum = Voltage.RangeLow, Maximum = Voltage.RangeHigh },
        38 => item with { InitialValue = CurrentLimit ?? 0, Maximum = CurrentLimit, Unit = currentUnit },
        44 => item with { InitialValue = VelocityLimit.Initial, Maximum = VelocityLimit.Maximum },
        63 => item with { InitialValue = Shutdown },
        76 => item with { InitialValue = Gains.VelocityI },
        78 => item with { InitialValue = Gains.VelocityP },
        80 => item with { InitialValue = Gains.PositionD },
        82 => item with { InitialValue = Gains.PositionI },
        84 => item with { InitialValue = Gains.PositionP },
        102 or 126 when CurrentLimit is not null => item with { Unit = currentUnit },
        _ => item,
    };
}
