using System.Collections.Concurrent;
using System.Diagnostics;
using RobotSdk.Emulation;

namespace RobotSdk.Transports.Tests;

/// <summary>A CAN device that records every frame it receives, with the Stopwatch time it arrived.</summary>
internal sealed class RecordingCanDevice(int bitrate = 1_000_000) : ICanDevice
{
    public int Bitrate { get; } = bitrate;

    public ConcurrentQueue<(CanFrame Frame, long Ticks)> Received { get; } = new();

    public void OnFrameReceived(in CanFrame frame) => Received.Enqueue((frame, Stopwatch.GetTimestamp()));
}
