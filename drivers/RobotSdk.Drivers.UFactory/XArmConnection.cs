using System.Diagnostics;
using RobotSdk.Drivers.UFactory.Protocol;
using RobotSdk.Hardware;
using RobotSdk.Transports;

namespace RobotSdk.Drivers.UFactory;

/// <summary>
/// Request/reply exchanges with an xArm controller over a <see cref="TcpTransport"/>: numbers each
/// request (transaction IDs 1..65535 as the SDK does), waits for the reply carrying the same ID,
/// drops late replies to earlier requests, rejects malformed ones, counts everything in
/// <see cref="Diagnostics"/> and never allocates in steady state. Thread-safe: one exchange at a time.
/// </summary>
/// <remarks>
/// Replies are assembled in a fixed buffer, so a reply that arrives after its request timed out is
/// read (and dropped by its ID) during a later exchange instead of shifting the stream. A reply whose
/// header cannot be trusted (protocol identifier not 2, LEN out of range) ends the exchange as
/// <see cref="XArmStatus.Corrupt"/> and discards everything buffered, so the next exchange starts
/// on a frame boundary again.
/// </remarks>
internal sealed class XArmConnection
{
    private readonly TcpTransport _transport;
    private readonly TransactionFaults _faults;
    private readonly Lock _lock = new();
    private readonly byte[] _request = new byte[XArmPacket.RequestOverhead + 64];
    private readonly byte[] _received = new byte[2 * XArmPacket.MaxFrameLength];
    private int _count;
    private ushort _lastTransactionId;
    private long _staleReplies;

    public XArmConnection(TcpTransport transport, DriverDiagnostics diagnostics, TransactionFaults faults)
    {
        _transport = transport;
        Diagnostics = diagnostics;
        _faults = faults;
    }

    public DriverDiagnostics Diagnostics { get; }

    public string Endpoint => _transport.Endpoint;

    public bool IsConnected => _transport.IsConnected;

    /// <summary>Late replies (to requests that had timed out) dropped so far.</summary>
    public long StaleReplies => Interlocked.Read(ref _staleReplies);

    /// <summary>The transaction ID of the latest request.</summary>
    public ushort LastTransactionId => _lastTransactionId;

    /// <summary>Closes any connection and connects again, forgetting buffered bytes.</summary>
    /// <exception cref="DeviceUnavailableException">Nothing listens, or the host cannot be reached.</exception>
    public void Reconnect()
    {
        lock (_lock)
        {
            _transport.Disconnect();
            _count = 0;
            _transport.Connect();
        }
    }

    public void Disconnect()
    {
        lock (_lock)
        {
            _transport.Disconnect();
            _count = 0;
        }
    }

    /// <summary>
    /// Sends <paramref name="function"/> with <paramref name="payload"/> and waits up to
    /// <paramref name="timeoutMs"/> for its reply, whose data (at least
    /// <paramref name="minimumDataLength"/> bytes) is copied into <paramref name="data"/>.
    /// </summary>
    /// <returns>
    /// <see cref="XArmStatus.Ok"/> with the reply's <paramref name="state"/> bits; otherwise the failure,
    /// whose fault (with endpoint and function) is recorded in <see cref="Diagnostics"/>.
    /// </returns>
    public XArmStatus Exchange(XArmFunction function, ReadOnlySpan<byte> payload, Span<byte> data, int minimumDataLength, int timeoutMs, out XArmStateBits state, out int dataLength)
    {
        state = XArmStateBits.None;
        dataLength = 0;
        lock (_lock)
        {
            if (!_transport.IsConnected)
            {
                Diagnostics.RecordFault(_faults.NotConnected);
                return XArmStatus.Disconnected;
            }

            ushort transactionId = _lastTransactionId = XArmPacket.NextTransactionId(_lastTransactionId);
            int length = XArmPacket.WriteRequest(_request, transactionId, function, payload);
            Diagnostics.CountTransaction();
            try
            {
                _transport.Write(_request.AsSpan(0, length));
                return Receive(function, transactionId, data, minimumDataLength, timeoutMs, out state, out dataLength);
            }
            catch (DeviceDisconnectedException lost)
            {
                _count = 0;
                Diagnostics.RecordFault(lost);
                return XArmStatus.Disconnected;
            }
            catch (HardwareTimeoutException stuck)
            {
                // The controller stopped reading: the send buffer stayed full.
                Diagnostics.CountTimeout();
                Diagnostics.RecordFault(stuck);
                return XArmStatus.Timeout;
            }
        }
    }

    private XArmStatus Receive(XArmFunction function, ushort transactionId, Span<byte> data, int minimumDataLength, int timeoutMs, out XArmStateBits state, out int dataLength)
    {
        state = XArmStateBits.None;
        dataLength = 0;
        long deadline = Stopwatch.GetTimestamp() + (timeoutMs * Stopwatch.Frequency / 1000);
        bool sawStale = false;
        while (true)
        {
            XArmDecodeResult result = XArmPacket.TryDecodeReply(_received.AsSpan(0, _count), out XArmReply reply);
            if (result == XArmDecodeResult.Complete)
            {
                int frameLength = reply.FrameLength;
                if (reply.TransactionId != transactionId)
                {
                    // A late answer to an earlier request that timed out: drop it and keep waiting.
                    sawStale = true;
                    Interlocked.Increment(ref _staleReplies);
                    Diagnostics.CountCorruptReply();
                    Consume(frameLength);
                    continue;
                }

                if (reply.Function != function || reply.Data.Length < minimumDataLength)
                {
                    Consume(frameLength);
                    return Corrupt(function, discardInput: false);
                }

                state = reply.State;
                dataLength = Math.Min(reply.Data.Length, data.Length);
                reply.Data[..dataLength].CopyTo(data);
                Consume(frameLength);
                return XArmStatus.Ok;
            }

            if (result != XArmDecodeResult.Incomplete)
            {
                return Corrupt(function, discardInput: true);
            }

            long remainingTicks = deadline - Stopwatch.GetTimestamp();
            int read = remainingTicks <= 0
                ? 0
                : _transport.Read(_received.AsSpan(_count), (int)(((remainingTicks * 1000) + Stopwatch.Frequency - 1) / Stopwatch.Frequency));
            if (read == 0)
            {
                if (sawStale)
                {
                    Diagnostics.RecordFault(_faults.Stale(function, timeoutMs));
                    return XArmStatus.Corrupt;
                }

                Diagnostics.CountTimeout();
                Diagnostics.RecordFault(_faults.Timeout(function, timeoutMs));
                return XArmStatus.Timeout;
            }

            _count += read;
        }
    }

    private XArmStatus Corrupt(XArmFunction function, bool discardInput)
    {
        Diagnostics.CountCorruptReply();
        Diagnostics.RecordFault(_faults.Corrupt(function));
        if (discardInput)
        {
            // The header cannot be trusted, so neither can any frame boundary after it.
            _count = 0;
            _transport.DiscardInput();
        }

        return XArmStatus.Corrupt;
    }

    private void Consume(int count)
    {
        _received.AsSpan(count, _count - count).CopyTo(_received);
        _count -= count;
    }
}
