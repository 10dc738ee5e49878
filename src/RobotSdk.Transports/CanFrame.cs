using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace RobotSdk.Transports;

/// <summary>
/// A classic CAN 2.0 frame: an 11-bit (standard) or 29-bit (extended) identifier and up to
/// eight data bytes, held inline so frames can be sent and received without allocation.
/// </summary>
/// <remarks>
/// <see cref="ToString"/> uses candump's compact notation, for example <c>155#00002710FFFFB1E0</c>
/// (standard), <c>12345678#01</c> (extended), <c>123#R</c> (remote); <see cref="Parse"/> reads it back.
/// </remarks>
public readonly struct CanFrame : IEquatable<CanFrame>
{
    /// <summary>Largest standard (11-bit) identifier, 0x7FF.</summary>
    public const uint MaxStandardId = 0x7FF;

    /// <summary>Largest extended (29-bit) identifier, 0x1FFFFFFF.</summary>
    public const uint MaxExtendedId = 0x1FFFFFFF;

    /// <summary>Most data bytes a classic CAN frame carries.</summary>
    public const int MaxLength = 8;

    private readonly CanFrameData _data;

    /// <summary>Creates a data frame.</summary>
    /// <param name="id">Identifier: 0 to 0x7FF, or 0 to 0x1FFFFFFF when <paramref name="isExtended"/>.</param>
    /// <param name="data">Payload, 0 to 8 bytes.</param>
    /// <param name="isExtended">Whether the identifier is 29-bit.</param>
    /// <exception cref="ArgumentOutOfRangeException">The identifier or the length is out of range.</exception>
    public CanFrame(uint id, ReadOnlySpan<byte> data, bool isExtended = false)
    {
        ValidateId(id, isExtended);
        ValidateLength(data.Length);
        Id = id;
        IsExtended = isExtended;
        Length = (byte)data.Length;
        data.CopyTo(_data);
    }

    private CanFrame(uint id, int length, bool isExtended, bool isRemote, bool isError, ReadOnlySpan<byte> data)
    {
        Id = id;
        Length = (byte)length;
        IsExtended = isExtended;
        IsRemote = isRemote;
        IsError = isError;
        data.CopyTo(_data);
    }

    /// <summary>The identifier (11 or 29 bits; for an error frame, the error class bits).</summary>
    public uint Id { get; }

    /// <summary>Whether the identifier is 29-bit.</summary>
    public bool IsExtended { get; }

    /// <summary>Whether this is a remote transmission request (it carries a length but no data).</summary>
    public bool IsRemote { get; }

    /// <summary>Whether this is an error frame reported by the controller (SocketCAN only).</summary>
    public bool IsError { get; }

    /// <summary>Data length code, 0 to 8.</summary>
    public byte Length { get; }

    /// <summary>The payload (empty for a remote frame). The span points into this frame.</summary>
    [UnscopedRef]
    public ReadOnlySpan<byte> Data => IsRemote ? [] : ((ReadOnlySpan<byte>)_data)[..Length];

    /// <summary>Creates a remote transmission request.</summary>
    /// <param name="id">Identifier, as for a data frame.</param>
    /// <param name="length">Requested length, 0 to 8.</param>
    /// <param name="isExtended">Whether the identifier is 29-bit.</param>
    /// <returns>The frame.</returns>
    public static CanFrame CreateRemote(uint id, int length, bool isExtended = false)
    {
        ValidateId(id, isExtended);
        ValidateLength(length);
        return new CanFrame(id, length, isExtended, isRemote: true, isError: false, []);
    }

    /// <summary>Creates an error frame as a CAN controller reports it (for emulators and tests).</summary>
    /// <param name="errorClass">Error class bits (SocketCAN's CAN_ERR_* values), up to 29 bits.</param>
    /// <param name="data">Error details, 0 to 8 bytes.</param>
    /// <returns>The frame.</returns>
    public static CanFrame CreateError(uint errorClass, ReadOnlySpan<byte> data)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(errorClass, MaxExtendedId);
        ValidateLength(data.Length);
        return new CanFrame(errorClass, data.Length, isExtended: false, isRemote: false, isError: true, data);
    }

    /// <summary>
    /// Parses candump's compact notation: <c>155#00002710FFFFB1E0</c>, <c>12345678#01</c>
    /// (eight identifier digits mean extended), <c>123#R</c> or <c>123#R4</c> (remote).
    /// </summary>
    /// <param name="text">The text.</param>
    /// <returns>The frame.</returns>
    /// <exception cref="FormatException">The text is not a frame.</exception>
    public static CanFrame Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int separator = text.IndexOf('#', StringComparison.Ordinal);
        if (separator is not (3 or 8)
            || !uint.TryParse(text.AsSpan(0, separator), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out uint id))
        {
            throw new FormatException($"'{text}' is not a CAN frame; expected III#DATA or IIIIIIII#DATA, for example 155#00002710FFFFB1E0.");
        }

        bool isExtended = separator == 8;
        ReadOnlySpan<byte> noData = [];
        ReadOnlySpan<char> payload = text.AsSpan(separator + 1);
        try
        {
            if (payload.Length > 0 && payload[0] is 'R' or 'r')
            {
                int length = payload.Length == 1 ? 0 : int.Parse(payload[1..], NumberStyles.None, CultureInfo.InvariantCulture);
                return CreateRemote(id, length, isExtended);
            }

            return payload.Length > 2 * MaxLength
                ? throw new ArgumentOutOfRangeException(nameof(text), payload.Length / 2, "A classic CAN frame carries at most 8 data bytes.")
                : new CanFrame(id, payload.IsEmpty ? noData : Convert.FromHexString(payload), isExtended);
        }
        catch (ArgumentOutOfRangeException exception)
        {
            throw new FormatException($"'{text}' is not a valid CAN frame: {exception.Message}", exception);
        }
    }

    /// <summary>Compares identifier, kind, length and data.</summary>
    /// <param name="left">A frame.</param>
    /// <param name="right">Another frame.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(CanFrame left, CanFrame right) => left.Equals(right);

    /// <summary>Compares identifier, kind, length and data.</summary>
    /// <param name="left">A frame.</param>
    /// <param name="right">Another frame.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(CanFrame left, CanFrame right) => !left.Equals(right);

    /// <summary>Copies the payload into <paramref name="destination"/> and returns its length.</summary>
    /// <param name="destination">At least <see cref="Length"/> bytes.</param>
    /// <returns>The number of bytes copied.</returns>
    public int CopyDataTo(Span<byte> destination)
    {
        Data.CopyTo(destination);
        return Data.Length;
    }

    /// <inheritdoc />
    public bool Equals(CanFrame other) =>
        Id == other.Id && IsExtended == other.IsExtended && IsRemote == other.IsRemote && IsError == other.IsError
        && Length == other.Length && Data.SequenceEqual(other.Data);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is CanFrame other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() =>
        HashCode.Combine(Id, IsExtended, IsRemote, IsError, Length, MemoryMarshal.Read<ulong>(_data));

    /// <summary>candump's compact notation, for example <c>155#00002710FFFFB1E0</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        var text = new StringBuilder(32);
        if (IsError)
        {
            // candump prints error frames with the CAN_ERR_FLAG bit in the identifier.
            text.Append(CultureInfo.InvariantCulture, $"{Id | 0x20000000:X8}#");
        }
        else
        {
            text.Append(IsExtended ? Id.ToString("X8", CultureInfo.InvariantCulture) : Id.ToString("X3", CultureInfo.InvariantCulture)).Append('#');
        }

        if (IsRemote)
        {
            text.Append('R');
            if (Length > 0)
            {
                text.Append((char)('0' + Length));
            }
        }
        else
        {
            text.Append(Convert.ToHexString(Data));
        }

        return text.ToString();
    }

    private static void ValidateId(uint id, bool isExtended)
    {
        uint max = isExtended ? MaxExtendedId : MaxStandardId;
        if (id > max)
        {
            throw new ArgumentOutOfRangeException(
                nameof(id),
                id,
                string.Create(CultureInfo.InvariantCulture, $"CAN identifier 0x{id:X} is out of range 0 to 0x{max:X} for a {(isExtended ? "29" : "11")}-bit identifier."));
        }
    }

    private static void ValidateLength(int length)
    {
        if ((uint)length > MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, "A classic CAN frame carries 0 to 8 data bytes.");
        }
    }
}
