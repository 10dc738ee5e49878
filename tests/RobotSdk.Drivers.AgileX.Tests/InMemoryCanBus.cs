using System.Collections.Concurrent;
using RobotSdk.Transports;

namespace RobotSdk.Drivers.AgileX.Tests;

/// <summary>
/// A CAN bus in memory, for what only SocketCAN produces here (this kernel has no AF_CAN): the
/// test queues frames, error frames included, and reads what the driver sent.
/// </summary>
internal sealed class InMemoryCanBus : ICanBus
{
    private readonly BlockingCollection<CanFrame> _incoming = new(new ConcurrentQueue<CanFrame>());

    public string Name => "can-test";

    public bool IsOpen { get; private set; }

    public int Bitrate { get; private set; }

    public CanBusStatistics Statistics { get; } = new(0, 0, 0, 0);

    public ConcurrentQueue<CanFrame> Sent { get; } = new();

    public int Opens { get; private set; }

    /// <summary>Called with each frame the driver sends, so a test can answer like an arm.</summary>
    public Action<CanFrame>? OnSent { get; set; }

    public void Open(int bitrate)
    {
        IsOpen = true;
        Bitrate = bitrate;
        Opens++;
    }

    public void Close()
    {
        IsOpen = false;
        Bitrate = 0;
    }

    public void Send(in CanFrame frame)
    {
        if (!IsOpen)
        {
            throw new InvalidOperationException("closed");
        }

        Sent.Enqueue(frame);
        OnSent?.Invoke(frame);
    }

    public bool TryReceive(out CanFrame frame, int timeoutMs)
    {
        if (!IsOpen)
        {
            throw new InvalidOperationException("closed");
        }

        return _incoming.TryTake(out frame, timeoutMs);
    }

    /// <summary>Queues one round of an arm's feedback: status, the three joint frames (all at <paramref name="degrees"/>), the gripper, low-speed with the motors enabled or not.</summary>
    public void QueueFeedback(double degrees = 0, bool enabled = false, ControlMode mode = ControlMode.Standby, ArmStatus status = ArmStatus.Normal)
    {
        double radians = degrees * Math.PI / 180;
        Queue(PiperProtocol.EncodeArmStatus(new ArmStatusFeedback(mode, status, MoveMode.Joint, TeachStatus.Off, MotionStatus.Reached, 0, ArmErrors.None)));
        for (int pair = 0; pair < PiperProtocol.JointPairCount; pair++)
        {
            Queue(PiperProtocol.EncodeJointFeedback(pair, radians, radians));
        }

        Queue(PiperProtocol.EncodeGripperFeedback(new GripperFeedback(0.01, 0, GripperStatus.None)));
        for (int motor = 1; motor <= 6; motor++)
        {
            Queue(PiperProtocol.EncodeLowSpeedFeedback(new MotorLowSpeedFeedback(motor, 24, 30, 30, enabled ? MotorDriverStatus.Enabled : MotorDriverStatus.None, 0)));
        }
    }

    public void Queue(CanFrame frame) => _incoming.Add(frame);

    public void Dispose() => _incoming.Dispose();
}
