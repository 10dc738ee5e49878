using System.Collections.ObjectModel;

namespace RobotSdk.Drivers.Feetech;

/// <summary>
/// A Feetech servo model: its model number (what address 3 reads), encoder resolution and
/// control table. Tables are data; <see cref="Sts3215"/> defines the STS3215's.
/// </summary>
public sealed class ServoModel
{
    private readonly ControlTableItem?[] _byAddress = new ControlTableItem?[256];

    /// <summary>Creates a model description.</summary>
    /// <param name="name">Model name, for example <c>STS3215</c>.</param>
    /// <param name="modelNumber">Value of the model number item.</param>
    /// <param name="countsPerTurn">Encoder counts per turn.</param>
    /// <param name="items">The control table; items must not overlap.</param>
    /// <exception cref="ArgumentException">Two items overlap or share a name.</exception>
    public ServoModel(string name, int modelNumber, int countsPerTurn, IEnumerable<ControlTableItem> items)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(items);
        Name = name;
        ModelNumber = modelNumber;
        CountsPerTurn = countsPerTurn;
        var list = items.OrderBy(item => item.Address).ToList();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (ControlTableItem item in list)
        {
            if (!names.Add(item.Name))
            {
                throw new ArgumentException($"Two items are named {item.Name}.", nameof(items));
            }

            for (int address = item.Address; address < item.Address + item.Size; address++)
            {
                if (_byAddress[address] is { } other)
                {
                    throw new ArgumentException($"{item} overlaps {other}.", nameof(items));
                }

                _byAddress[address] = item;
            }
        }

        Items = new ReadOnlyCollection<ControlTableItem>(list);
    }

    /// <summary>Model name.</summary>
    public string Name { get; }

    /// <summary>The value the servo reports at its model number address.</summary>
    public int ModelNumber { get; }

    /// <summary>Encoder counts per turn.</summary>
    public int CountsPerTurn { get; }

    /// <summary>The control table, by address.</summary>
    public ReadOnlyCollection<ControlTableItem> Items { get; }

    /// <summary>The item covering <paramref name="address"/>, or null for a gap in the table.</summary>
    public ControlTableItem? ItemAt(int address) => address is >= 0 and < 256 ? _byAddress[address] : null;

    /// <summary>Finds an item by its name (ordinal, case-sensitive).</summary>
    /// <exception cref="KeyNotFoundException">No item has that name.</exception>
    public ControlTableItem Find(string name) =>
        Items.FirstOrDefault(item => string.Equals(item.Name, name, StringComparison.Ordinal))
        ?? throw new KeyNotFoundException($"{Name} has no control-table item named {name}.");

    /// <inheritdoc />
    public override string ToString() => $"{Name} (model {ModelNumber})";
}
