namespace RobotSdk.Drivers.Feetech;

/// <summary>
/// One item of a servo's control table, as data: where it is, how wide, whether it can be
/// written, whether it persists, and how its bytes encode a number (unsigned or sign-magnitude
/// with a given sign bit, see <see cref="StsEncoding"/>).
/// </summary>
/// <param name="Name">Name as in Feetech's memory table, for example <c>Present_Position</c>; used in error messages.</param>
/// <param name="Address">First byte address (0 to 255).</param>
/// <param name="Size">Width in bytes, 1 or 2.</param>
/// <param name="Access">Whether it can be written.</param>
/// <param name="Area">EEPROM (persists when unlocked) or RAM.</param>
/// <param name="SignBit">The sign bit of a sign-magnitude value, or null when unsigned.</param>
public sealed record ControlTableItem(string Name, byte Address, int Size, ControlTableAccess Access, MemoryArea Area, int? SignBit = null)
{
    /// <summary>Smallest value the item can hold.</summary>
    public int MinValue => SignBit is { } bit ? -StsEncoding.MaxMagnitude(bit) : 0;

    /// <summary>Largest value the item can hold.</summary>
    public int MaxValue => SignBit is { } bit ? StsEncoding.MaxMagnitude(bit) : (1 << (8 * Size)) - 1;

    /// <summary>Whether the item can be written.</summary>
    public bool IsWritable => Access == ControlTableAccess.ReadWrite;

    /// <summary>Decodes the item's value from its <see cref="Size"/> bytes.</summary>
    public int Decode(ReadOnlySpan<byte> source) => StsEncoding.Decode(source, Size, SignBit);

    /// <summary>Encodes <paramref name="value"/> into <see cref="Size"/> bytes.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside <see cref="MinValue"/>..<see cref="MaxValue"/>.</exception>
    public void Encode(int value, Span<byte> destination)
    {
        if (value < MinValue || value > MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"{Name} ranges from {MinValue} to {MaxValue}.");
        }

        StsEncoding.Encode(value, destination, Size, SignBit);
    }

    /// <summary>Whether the item covers <paramref name="address"/>.</summary>
    public bool Contains(int address) => address >= Address && address < Address + Size;

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Address}, {Size} byte{(Size == 1 ? string.Empty : "s")})";
}
