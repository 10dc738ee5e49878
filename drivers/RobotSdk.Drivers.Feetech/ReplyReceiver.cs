using System.Diagnostics;
using RobotSdk.Transports;

namespace RobotSdk.Drivers.Feetech;

/// <summary>
/// Reads status packets from a port into a fixed buffer, without allocation: skips line noise
/// and stale bytes by scanning for the header, skips complete replies from other IDs (late
/// answers to an earlier attempt), keeps bytes of the next reply for the next call.
/// </summary>
internal sealed class ReplyReceiver
{
    private readonly ISerialPort _port;
    private readonly byte[] _buffer = new byte[2 * FeetechPacket.MaxPacketLength];
    private int _count;

    public ReplyReceiver(ISerialPort port) => _port = port;

    /// <summary>Forgets buffered bytes (before a new request).</summary>
    public void Clear() => _count = 0;

    /// <summary>
    /// Waits up to <paramref name="timeoutMs"/> for the status packet of <paramref name="expectedId"/>
    /// carrying exactly <c>data.Length</c> bytes, and copies its data.
    /// </summary>
    /// <returns><see cref="FeetechStatus.Ok"/> (see <paramref name="error"/>), Timeout or Corrupt.</returns>
    /// <exception cref="HardwareFaultException">The port failed (for example it vanished).</exception>
    public FeetechStatus Receive(byte expectedId, Span<byte> data, int timeoutMs, out FeetechErrors error)
    {
        error = FeetechErrors.None;
        long deadline = Stopwatch.GetTimestamp() + (timeoutMs * Stopwatch.Frequency / 1000);
        while (true)
        {
            int start = FeetechPacket.FindHeader(_buffer.AsSpan(0, _count));
            Consume(start < 0 ? _count : start);
            switch (FeetechPacket.TryDecode(_buffer.AsSpan(0, _count), out FeetechFrame frame))
            {
                case FeetechDecodeResult.Ok:
                    int length = frame.Length;
                    if (frame.Id != expectedId)
                    {
                        Consume(length);
                        continue;
                    }

                    bool fits = frame.Parameters.Length == data.Length;
                    if (fits)
                    {
                        frame.Parameters.CopyTo(data);
                        error = frame.Error;
                    }

                    Consume(length);
                    return fits ? FeetechStatus.Ok : FeetechStatus.Corrupt;
                case FeetechDecodeResult.BadChecksum:
                    Consume(_buffer[3] + 4);
                    return FeetechStatus.Corrupt;
                case FeetechDecodeResult.Malformed:
                    Consume(2);
                    continue;
            }

            long remainingTicks = deadline - Stopwatch.GetTimestamp();
            if (remainingTicks <= 0 || _count == _buffer.Length)
            {
                return FeetechStatus.Timeout;
            }

            int waitMs = (int)(((remainingTicks * 1000) + Stopwatch.Frequency - 1) / Stopwatch.Frequency);
            int read = _port.Read(_buffer.AsSpan(_count), waitMs);
            if (read == 0)
            {
                return FeetechStatus.Timeout;
            }

            _count += read;
        }
    }

    private void Consume(int count)
    {
        if (count <= 0)
        {
            return;
        }

        _buffer.AsSpan(count, _count - count).CopyTo(_buffer);
        _count -= count;
    }
}
