using System.Collections.Frozen;

namespace RobotSdk.Drivers.Dynamixel;

/// <summary>
/// A Dynamixel model as data: its name, model number, control-table items, operating modes
/// and the unit of its current registers. Unit conversions live in <see cref="ServoUnits"/>.
/// </summary>
/// <remarks>
/// Facts from the ROBOTIS e-Manual pages of each model (https://emanual.robotis.com/docs/en/dxl/x/
/// followed by xl330-m288, xl330-m077, xl430-w250, xm430-w350, xm540-w270, xc430-w150):
/// XL330 current registers count about 1 mA; XM430-W350 and XM540-W270 count about 2.69 mA;
/// XL430-W250 and XC430-W150 have no current sensing and report Present Load (0.1 %) at
/// address 126, have no Goal Current or Current Limit, and support velocity, position,
/// extended position and PWM modes only.
/// </remarks>
public sealed class ServoModel
{
    private static readonly OperatingMode[] AllModes =
    [
        Dynamixel.OperatingMode.Current, Dynamixel.OperatingMode.Velocity, Dynamixel.OperatingMode.Position,
        Dynamixel.OperatingMode.ExtendedPosition, Dynamixel.OperatingMode.CurrentBasedPosition, Dynamixel.OperatingMode.Pwm,
    ];

    private static readonly OperatingMode[] ModesWithoutCurrent =
    [
        Dynamixel.OperatingMode.Velocity, Dynamixel.OperatingMode.Position,
        Dynamixel.OperatingMode.ExtendedPosition, Dynamixel.OperatingMode.Pwm,
    ];

    private readonly FrozenDictionary<string, ControlTableItem> _itemsByName;

    private ServoModel(string name, ushort modelNumber, double currentUnitAmperes, OperatingMode[] modes, ModelFacts facts)
    {
        Name = name;
        ModelNumber = modelNumber;
        CurrentUnitAmperes = currentUnitAmperes;
        SupportedModes = modes;
        string currentUnit = double.IsNaN(currentUnitAmperes) ? "none" : $"{currentUnitAmperes * 1000:0.##} mA";
        Items = [.. facts.Items(modelNumber, currentUnit)];
        _itemsByName = Items.ToFrozenDictionary(item => item.Name, StringComparer.Ordinal);
    }

    /// <summary>XL330-M288-T (model number 1200): Koch v1.1 follower wrist and gripper. 1 mA current unit.</summary>
    public static ServoModel XL330M288 { get; } = new("XL330-M288", 1200, 0.001, AllModes, new ModelFacts
    {
        MaxBaudRateIndex = 6,
        TemperatureLimit = 70,
        Voltage = (70, 35, 31, 70),
        CurrentLimit = 1750,
        VelocityLimit = (445, 2047),
        Gains = (1600, 180, 0, 0, 400),
        Shutdown = 53,
    });

    /// <summary>XL330-M077-T (model number 1190): Koch v1.1 leader arm. 1 mA current unit.</summary>
    public static ServoModel XL330M077 { get; } = new("XL330-M077", 1190, 0.001, AllModes, new ModelFacts
    {
        MaxBaudRateIndex = 6,
        TemperatureLimit = 70,
        Voltage = (70, 35, 31, 70),
        CurrentLimit = 1750,
        VelocityLimit = (1620, 2047),
        Gains = (400, 40, 0, 400, 400),
        Shutdown = 53,
    });

    /// <summary>XL430-W250-T (model number 1060): Koch v1.1 follower shoulder, WidowX wrist rotate and gripper. No current sensing.</summary>
    public static ServoModel XL430W250 { get; } = new("XL430-W250", 1060, double.NaN, ModesWithoutCurrent, new ModelFacts
    {
        MaxBaudRateIndex = 7,
        MaxDriveMode = 13,
        TemperatureLimit = 72,
        Voltage = (140, 60, 60, 140),
        VelocityLimit = (265, 1023),
        Gains = (1000, 100, 4000, 0, 640),
    });

    /// <summary>XM430-W350 (model number 1020): WidowX 250 arm joints, ViperX 300 wrist and gripper. 2.69 mA current unit.</summary>
    public static ServoModel XM430W350 { get; } = new("XM430-W350", 1020, 0.00269, AllModes, new ModelFacts
    {
        MaxBaudRateIndex = 7,
        TemperatureLimit = 80,
        Voltage = (160, 95, 95, 160),
        CurrentLimit = 1193,
        VelocityLimit = (200, 1023),
        Gains = (1920, 100, 0, 0, 800),
    });

    /// <summary>XM540-W270 (model number 1120): ViperX 300 arm joints. 2.69 mA current unit.</summary>
    public static ServoModel XM540W270 { get; } = new("XM540-W270", 1120, 0.00269, AllModes, new ModelFacts
    {
        MaxBaudRateIndex = 7,
        TemperatureLimit = 80,
        Voltage = (160, 95, 95, 160),
        CurrentLimit = 2047,
        VelocityLimit = (128, 1023),
        Gains = (1920, 100, 0, 0, 800),
    });

    /// <summary>XC430-W150 (model number 1070). No current sensing: Present Load at 126, like XL430-W250.</summary>
    public static ServoModel XC430W150 { get; } = new("XC430-W150", 1070, double.NaN, ModesWithoutCurrent, new ModelFacts
    {
        MaxBaudRateIndex = 7,
        TemperatureLimit = 80,
        Voltage = (160, 60, 60, 160),
        VelocityLimit = (460, 1023),
        MovingThreshold = 20,
        Gains = (1920, 100, 0, 0, 460),
    });

    /// <summary>Every model this driver knows.</summary>
    public static IReadOnlyList<ServoModel> All { get; } = [XL330M288, XL330M077, XL430W250, XM430W350, XM540W270, XC430W150];

    /// <summary>The name, for example <c>XM430-W350</c>.</summary>
    public string Name { get; }

    /// <summary>The value of the Model Number item (address 0).</summary>
    public ushort ModelNumber { get; }

    /// <summary>The model's items, by address.</summary>
    public IReadOnlyList<ControlTableItem> Items { get; }

    /// <summary>The operating modes the model accepts in Operating Mode (address 11).</summary>
    public IReadOnlyList<OperatingMode> SupportedModes { get; }

    /// <summary>Amperes per count of Goal Current, Present Current and Current Limit; NaN for models without current sensing.</summary>
    public double CurrentUnitAmperes { get; }

    /// <summary>Whether the model measures current (else address 126 is Present Load).</summary>
    public bool HasCurrentSensing => !double.IsNaN(CurrentUnitAmperes);

    /// <summary>The item called <paramref name="name"/>.</summary>
    /// <param name="name">The e-Manual name, for example <c>Goal Current</c>.</param>
    /// <exception cref="KeyNotFoundException">The model has no such item.</exception>
    public ControlTableItem this[string name] => TryGetItem(name, out ControlTableItem? item)
        ? item
        : throw new KeyNotFoundException($"{Name} has no item called '{name}'; it has {string.Join(", ", Items.Select(known => known.Name))}.");

    /// <summary>Finds a model by its model number.</summary>
    /// <param name="modelNumber">The value of Model Number.</param>
    /// <returns>The model, or null when this driver does not know it.</returns>
    public static ServoModel? Find(int modelNumber) => All.FirstOrDefault(model => model.ModelNumber == modelNumber);

    /// <summary>Looks up an item by name.</summary>
    /// <param name="name">The e-Manual name.</param>
    /// <param name="item">The item, when found.</param>
    /// <returns>Whether the model has it.</returns>
    public bool TryGetItem(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ControlTableItem? item) =>
        _itemsByName.TryGetValue(name, out item);

    /// <summary>Whether the model has an item with this name at this address and size.</summary>
    /// <param name="item">An item, for example from <see cref="XSeriesControlTable"/>.</param>
    /// <returns>True when the model has it.</returns>
    public bool Has(ControlTableItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return TryGetItem(item.Name, out ControlTableItem? own) && own.Address == item.Address && own.Size == item.Size;
    }

    /// <summary>Whether the model accepts <paramref name="mode"/>.</summary>
    /// <param name="mode">The operating mode.</param>
    /// <returns>True when supported.</returns>
    public bool Supports(OperatingMode mode) => SupportedModes.Contains(mode);

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({ModelNumber})";
}
