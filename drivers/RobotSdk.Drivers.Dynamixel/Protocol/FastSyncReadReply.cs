namespace RobotSdk.Drivers.Dynamixel;

/// <summary>
/// The single reply to a Fast Sync Read: one status packet from the broadcast ID whose
/// parameters are, per servo in request order, <c>ERR ID DATA CRC</c>; the last block's
/// CRC is the packet's own CRC, so LEN = 1 + k × (n + 4). The inner CRCs are running CRCs
/// written by each servo as it appends its block; the packet CRC covers all of them, so a
/// packet that passes <see cref="PacketDecoder.Decode"/> needs no further check.
/// </summary>
public static class FastSyncReadReply
{
    /// <summary>Bytes per servo besides its data: error, ID and the two CRC bytes.</summary>
    public const int BlockOverhead = 4;

    /// <summary>The number of parameter bytes (after INST, final CRC excluded) of a reply for <paramref name="servoCount"/> servos.</summary>
    /// <param name="servoCount">Servos in the request.</param>
    /// <param name="dataLength">Bytes read from each.</param>
    /// <returns>The parameter length.</returns>
    public static int ParameterLength(int servoCount, int dataLength) => (servoCount * (dataLength + BlockOverhead)) - 2;

    /// <summary>
    /// Splits the parameters of a decoded reply (<see cref="PacketDecoder.Decode"/>: everything
    /// after INST) into each servo's data, in the order of <paramref name="ids"/>.
    /// </summary>
    /// <param name="parameters">The reply's parameters, starting with the first servo's error byte.</param>
    /// <param name="ids">The IDs the request listed.</param>
    /// <param name="dataLength">Bytes read from each servo.</param>
    /// <param name="destination">Receives <c>ids.Length × dataLength</c> bytes, servo after servo.</param>
    /// <param name="firstError">The first non-zero error byte, or <see cref="StatusError.None"/>.</param>
    /// <param name="firstErrorIndex">Its position in <paramref name="ids"/>, or -1.</param>
    /// <returns>Ok, or Malformed when the length or an ID does not match the request.</returns>
    public static PacketDecodeResult Parse(
        ReadOnlySpan<byte> parameters,
        ReadOnlySpan<byte> ids,
        int dataLength,
        Span<byte> destination,
        out StatusError firstError,
        out int firstErrorIndex)
    {
        firstError = StatusError.None;
        firstErrorIndex = -1;
        if (destination.Length < ids.Length * dataLength)
        {
            throw new ArgumentException($"The destination needs {ids.Length * dataLength} bytes.", nameof(destination));
        }

        if (ids.IsEmpty || parameters.Length != ParameterLength(ids.Length, dataLength))
        {
            return PacketDecodeResult.Malformed;
        }

        int blockLength = dataLength + BlockOverhead;
        for (int index = 0; index < ids.Length; index++)
        {
            ReadOnlySpan<byte> block = parameters.Slice(index * blockLength, dataLength + 2);
            if (block[1] != ids[index])
            {
                return PacketDecodeResult.Malformed;
            }

            if (block[0] != 0 && firstErrorIndex < 0)
            {
                firstError = new StatusError(block[0]);
                firstErrorIndex = index;
            }

            block[2..].CopyTo(destination[(index * dataLength)..]);
        }

        return PacketDecodeResult.Ok;
    }
}
