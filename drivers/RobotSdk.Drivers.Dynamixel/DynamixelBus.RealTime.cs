using System.Buffers.Binary;

namespace RobotSdk.Drivers.Dynamixel;

/// <summary>The real-time half of the bus: group reads and writes for the control loop.</summary>
public sealed partial class DynamixelBus
{
    /// <summary>
    /// Reads the same range from several servos (Sync Read); each answers with its own status
    /// packet, in list order. Allocates nothing; never throws for hardware faults.
    /// </summary>
    /// <param name="address">First address, for example 132 (Present Position).</param>
    /// <param name="length">Bytes per servo.</param>
    /// <param name="ids">The servos, 1 to 253 of them.</param>
    /// <param name="destination">Receives <c>ids.Length × length</c> bytes, servo after servo.</param>
    /// <returns>
    /// The outcome. On <see cref="BusStatus.DeviceError"/> and <see cref="BusStatus.HardwareAlert"/>
    /// the data of every servo that sent data is valid; on other failures the destination is partly stale.
    /// </returns>
    /// <exception cref="ArgumentException">Misuse: bad lengths or IDs.</exception>
    public BusStatus SyncRead(ushort address, ushort length, ReadOnlySpan<byte> ids, Span<byte> destination) =>
        GroupRead(Instruction.SyncRead, address, length, ids, destination);

    /// <summary>
    /// Like <see cref="SyncRead"/>, but the servos answer together in one packet from the
    /// broadcast ID, which saves a header and return delay per servo (firmware 45+ on X-series).
    /// </summary>
    /// <param name="address">First address.</param>
    /// <param name="length">Bytes per servo.</param>
    /// <param name="ids">The servos, 1 to 253 of them.</param>
    /// <param name="destination">Receives <c>ids.Length × length</c> bytes, servo after servo.</param>
    /// <returns>The outcome; a missing servo truncates the shared packet, which reads as <see cref="BusStatus.Timeout"/>.</returns>
    /// <exception cref="ArgumentException">Misuse: bad lengths or IDs.</exception>
    public BusStatus FastSyncRead(ushort address, ushort length, ReadOnlySpan<byte> ids, Span<byte> destination) =>
        GroupRead(Instruction.FastSyncRead, address, length, ids, destination);

    /// <summary>Writes the same range of several servos in one broadcast packet (Sync Write); no servo answers.</summary>
    /// <param name="address">First address, for example 116 (Goal Position).</param>
    /// <param name="length">Bytes per servo.</param>
    /// <param name="ids">The servos, 1 to 253 of them.</param>
    /// <param name="data"><c>ids.Length × length</c> bytes, servo after servo.</param>
    /// <returns><see cref="BusStatus.Ok"/> once the packet is sent, else Timeout or Disconnected.</returns>
    /// <exception cref="ArgumentException">Misuse: bad lengths or IDs.</exception>
    public BusStatus SyncWrite(ushort address, ushort length, ReadOnlySpan<byte> ids, ReadOnlySpan<byte> data)
    {
        ValidateGroup(length, ids, data.Length, nameof(data));
        int parameterLength = 4 + (ids.Length * (length + 1));
        Span<byte> parameters = Parameters(parameterLength);
        BinaryPrimitives.WriteUInt16LittleEndian(parameters, address);
        BinaryPrimitives.WriteUInt16LittleEndian(parameters[2..], length);
        for (int index = 0; index < ids.Length; index++)
        {
            int offset = 4 + (index * (length + 1));
            parameters[offset] = ids[index];
            data.Slice(index * length, length).CopyTo(parameters[(offset + 1)..]);
        }

        _faultAddress = address;
        _faultLength = length;
        return SendOnly(Instruction.SyncWrite, parameters, "Sync Write");
    }

    /// <summary>Reads a different range from each servo (Bulk Read); each answers in entry order.</summary>
    /// <param name="entries">One entry per servo, 1 to 253 of them.</param>
    /// <param name="destination">Receives the sum of the entries' lengths, entry after entry.</param>
    /// <returns>The outcome, as for <see cref="SyncRead"/>.</returns>
    /// <exception cref="ArgumentException">Misuse: bad lengths or IDs.</exception>
    public BusStatus BulkRead(ReadOnlySpan<BulkReadEntry> entries, Span<byte> destination)
    {
        ValidateCount(entries.Length, nameof(entries));
        Span<byte> parameters = Parameters(entries.Length * 5);
        int total = 0;
        for (int index = 0; index < entries.Length; index++)
        {
            BulkReadEntry entry = entries[index];
            ValidateEntry(entry.Id, entry.Length, nameof(entries));
            Span<byte> block = parameters.Slice(index * 5, 5);
            block[0] = entry.Id;
            BinaryPrimitives.WriteUInt16LittleEndian(block[1..], entry.Address);
            BinaryPrimitives.WriteUInt16LittleEndian(block[3..], entry.Length);
            _expected[index] = new ExpectedReply(entry.Id, entry.Address, entry.Length, total);
            total += entry.Length;
        }

        ThrowIfWrongLength(destination.Length, total, nameof(destination));
        int transmitLength = PacketEncoder.EncodeInstruction(_transmit, ServoIds.Broadcast, Instruction.BulkRead, parameters);
        _faultId = ServoIds.Broadcast;
        _faultAddress = entries[0].Address;
        _faultLength = entries[0].Length;
        return Run(transmitLength, ReplyKind.EachServo, entries.Length, destination, _retries, "Bulk Read", realTime: true);
    }

    /// <summary>Writes a different range of each servo in one broadcast packet (Bulk Write); no servo answers.</summary>
    /// <param name="entries">One entry per servo, 1 to 253 of them.</param>
    /// <param name="data">The sum of the entries' lengths, entry after entry.</param>
    /// <returns><see cref="BusStatus.Ok"/> once the packet is sent, else Timeout or Disconnected.</returns>
    /// <exception cref="ArgumentException">Misuse: bad lengths or IDs.</exception>
    public BusStatus BulkWrite(ReadOnlySpan<BulkWriteEntry> entries, ReadOnlySpan<byte> data)
    {
        ValidateCount(entries.Length, nameof(entries));
        int total = 0;
        foreach (BulkWriteEntry entry in entries)
        {
            ValidateEntry(entry.Id, entry.Length, nameof(entries));
            total += entry.Length;
        }

        ThrowIfWrongLength(data.Length, total, nameof(data));
        Span<byte> parameters = Parameters((entries.Length * 5) + total);
        int offset = 0;
        int dataOffset = 0;
        foreach (BulkWriteEntry entry in entries)
        {
            parameters[offset] = entry.Id;
            BinaryPrimitives.WriteUInt16LittleEndian(parameters[(offset + 1)..], entry.Address);
            BinaryPrimitives.WriteUInt16LittleEndian(parameters[(offset + 3)..], entry.Length);
            data.Slice(dataOffset, entry.Length).CopyTo(parameters[(offset + 5)..]);
            offset += 5 + entry.Length;
            dataOffset += entry.Length;
        }

        _faultAddress = entries[0].Address;
        _faultLength = entries[0].Length;
        return SendOnly(Instruction.BulkWrite, parameters, "Bulk Write");
    }

    private static void ValidateCount(int count, string parameterName)
    {
        if (count is < 1 or > ServoIds.MaxServoId + 1)
        {
            throw new ArgumentOutOfRangeException(parameterName, count, $"A group transaction addresses 1 to {ServoIds.MaxServoId + 1} servos.");
        }
    }

    private static void ValidateEntry(byte id, ushort length, string parameterName)
    {
        ServoIds.ThrowIfNotServoId(id, parameterName);
        if (length == 0)
        {
            throw new ArgumentOutOfRangeException(parameterName, length, "Every servo needs at least one byte.");
        }
    }

    private static void ThrowIfWrongLength(int actual, int expected, string parameterName)
    {
        if (actual != expected)
        {
            throw new ArgumentException($"Expected {expected} bytes, got {actual}.", parameterName);
        }
    }

    private static void ValidateGroup(ushort length, ReadOnlySpan<byte> ids, int dataLength, string dataName)
    {
        ValidateCount(ids.Length, nameof(ids));
        foreach (byte id in ids)
        {
            ValidateEntry(id, length, nameof(ids));
        }

        ThrowIfWrongLength(dataLength, ids.Length * length, dataName);
    }

    private BusStatus GroupRead(Instruction instruction, ushort address, ushort length, ReadOnlySpan<byte> ids, Span<byte> destination)
    {
        ValidateGroup(length, ids, destination.Length, nameof(destination));
        bool fast = instruction == Instruction.FastSyncRead;
        int replyBytes = fast ? 8 + (ids.Length * (length + FastSyncReadReply.BlockOverhead)) : StatusOverhead + length;
        if (replyBytes > ReceiveCapacity)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, $"A reply may be at most {ReceiveCapacity} bytes.");
        }

        Span<byte> parameters = Parameters(4 + ids.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(parameters, address);
        BinaryPrimitives.WriteUInt16LittleEndian(parameters[2..], length);
        ids.CopyTo(parameters[4..]);
        ids.CopyTo(_ids);
        for (int index = 0; index < ids.Length; index++)
        {
            _expected[index] = new ExpectedReply(ids[index], address, length, index * length);
        }

        int transmitLength = PacketEncoder.EncodeInstruction(_transmit, ServoIds.Broadcast, instruction, parameters);
        _faultId = ServoIds.Broadcast;
        _faultAddress = address;
        _faultLength = length;
        return Run(
            transmitLength,
            fast ? ReplyKind.Fast : ReplyKind.EachServo,
            ids.Length,
            destination,
            _retries,
            fast ? "Fast Sync Read" : "Sync Read",
            realTime: true);
    }

    private BusStatus SendOnly(Instruction instruction, ReadOnlySpan<byte> parameters, string operation)
    {
        int transmitLength = PacketEncoder.EncodeInstruction(_transmit, ServoIds.Broadcast, instruction, parameters);
        _faultId = ServoIds.Broadcast;
        return Run(transmitLength, ReplyKind.None, 0, [], 0, operation, realTime: true);
    }

    private Span<byte> Parameters(int length) => length <= ParameterCapacity
        ? _parameters.AsSpan(0, length)
        : throw new ArgumentOutOfRangeException(nameof(length), length, $"A packet may carry at most {ParameterCapacity} parameter bytes.");
}
