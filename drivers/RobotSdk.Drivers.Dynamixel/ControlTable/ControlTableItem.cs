using System.Buffers.Binary;

namespace RobotSdk.Drivers.Dynamixel;

/// <summary>
/// One item of a servo's control table: a little-endian, two's-complement value of 1, 2 or
/// 4 bytes at a fixed address. Items are data: a <see cref="ServoModel"/> lists the ones it has.
/// </summary>
/// <param name="Name">The e-Manual's name, for example <c>Goal Position</c>.</param>
/// <param name="Address">Its address in the control table.</param>
/// <param name="Size">Its size in bytes: 1, 2 or 4.</param>
/// <param name="Access">Whether it may be written.</param>
/// <param name="Area">EEPROM (writable with torque off only) or RAM.</param>
/// <param name="IsSigned">Whether the value is two's complement (positions, velocities, currents).</param>
public sealed record ControlTableItem(string Name, ushort Address, int Size, ItemAccess Access, MemoryArea Area, bool IsSigned = false)
{
    /// <summary>The item's name.</summary>
    public string Name { get; init; } = string.IsNullOrWhiteSpace(Name) ? throw new ArgumentException("An item needs a name.", nameof(Name)) : Name;

    /// <summary>The item's size in bytes.</summary>
    public int Size { get; init; } = Size is 1 or 2 or 4 ? Size : throw new ArgumentOutOfRangeException(nameof(Size), Size, "An item is 1, 2 or 4 bytes.");

    /// <summary>The smallest value the servo accepts, when the range is fixed; null when it depends on other items or is not documented.</summary>
    public int? Minimum { get; init; }

    /// <summary>The largest value the servo accepts, when fixed; null otherwise.</summary>
    public int? Maximum { get; init; }

    /// <summary>The factory value (e-Manual "Initial Value"), 0 where none is documented.</summary>
    public int InitialValue { get; init; }

    /// <summary>The unit of one count in words, for example <c>0.229 rev/min</c>; null for plain numbers.</summary>
    public string? Unit { get; init; }

    /// <summary>The first address after the item.</summary>
    public int End => Address + Size;

    /// <summary>Whether the item shares any byte with <c>[address, address + length)</c>.</summary>
    /// <param name="address">Start of the range.</param>
    /// <param name="length">Length of the range.</param>
    /// <returns>True when they overlap.</returns>
    public bool Overlaps(int address, int length) => address < End && Address < address + length;

    /// <summary>Whether <paramref name="value"/> fits the item's size and signedness.</summary>
    /// <param name="value">The value.</param>
    /// <returns>True when it can be encoded.</returns>
    public bool CanRepresent(int value) => (Size, IsSigned) switch
    {
        (1, false) => value is >= byte.MinValue and <= byte.MaxValue,
        (1, true) => value is >= sbyte.MinValue and <= sbyte.MaxValue,
        (2, false) => value is >= ushort.MinValue and <= ushort.MaxValue,
        (2, true) => value is >= short.MinValue and <= short.MaxValue,
        _ => true,
    };

    /// <summary>Whether <paramref name="value"/> lies within <see cref="Minimum"/> and <see cref="Maximum"/> (when set).</summary>
    /// <param name="value">The value.</param>
    /// <returns>True when the servo's fixed range allows it.</returns>
    public bool IsInRange(int value) => value >= (Minimum ?? int.MinValue) && value <= (Maximum ?? int.MaxValue);

    /// <summary>Decodes the item's value from its bytes (little-endian, sign-extended when signed).</summary>
    /// <param name="data">At least <see cref="Size"/> bytes, starting at the item.</param>
    /// <returns>The value; 4-byte items are read as 32-bit signed integers.</returns>
    public int ReadValue(ReadOnlySpan<byte> data) => (Size, IsSigned) switch
    {
        (1, false) => data[0],
        (1, true) => (sbyte)data[0],
        (2, false) => BinaryPrimitives.ReadUInt16LittleEndian(data),
        (2, true) => BinaryPrimitives.ReadInt16LittleEndian(data),
        _ => BinaryPrimitives.ReadInt32LittleEndian(data),
    };

    /// <summary>Encodes <paramref name="value"/> into the item's bytes.</summary>
    /// <param name="value">The value; must satisfy <see cref="CanRepresent"/>.</param>
    /// <param name="destination">At least <see cref="Size"/> bytes.</param>
    /// <exception cref="ArgumentOutOfRangeException">The value does not fit the item.</exception>
    public void WriteValue(int value, Span<byte> destination)
    {
        if (!CanRepresent(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"{Name} is a {(IsSigned ? "signed" : "unsigned")} {Size}-byte item.");
        }

        switch (Size)
        {
            case 1:
                destination[0] = unchecked((byte)value);
                break;
            case 2:
                BinaryPrimitives.WriteUInt16LittleEndian(destination, unchecked((ushort)value));
                break;
            default:
                BinaryPrimitives.WriteInt32LittleEndian(destination, value);
                break;
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Address}, {Size} byte{(Size == 1 ? string.Empty : "s")})";
}
