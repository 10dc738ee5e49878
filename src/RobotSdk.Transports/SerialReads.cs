namespace RobotSdk.Transports;

/// <summary>Read loops shared by the <see cref="ISerialPort"/> implementations.</summary>
internal static class SerialReads
{
    /// <summary>Reads until the buffer is full or the total timeout expires; returns the count read.</summary>
    public static int ReadExactly<TPort>(TPort port, Span<byte> buffer, int timeoutMs)
        where TPort : ISerialPort
    {
        Deadline deadline = Deadline.FromTimeout(timeoutMs);
        int total = 0;
        while (total < buffer.Length)
        {
            int count = port.Read(buffer[total..], deadline.RemainingMilliseconds);
            if (count == 0)
            {
                break;
            }

            total += count;
        }

        return total;
    }
}
