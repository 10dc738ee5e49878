using RobotSdk.Transports;

namespace RobotSdk.Drivers.AgileX;

/// <summary>What one received frame was, for the driver's counters.</summary>
internal enum FeedbackFrameKind
{
    /// <summary>A PiPER feedback frame, decoded.</summary>
    Decoded,

    /// <summary>A PiPER identifier with the wrong length or kind: ignored and counted.</summary>
    Malformed,

    /// <summary>Anything else on the bus (other nodes, commands from another host): ignored.</summary>
    Other,
}

/// <summary>
/// The latest feedback of the arm, updated frame by frame on the control thread without
/// allocation: joint and gripper positions, motor speeds and currents, motor and arm status, end
/// pose, each with the Stopwatch time it arrived (0 = never since <see cref="Reset"/>).
/// </summary>
internal sealed class PiperFeedback
{
    private const int Motors = PiperCanIds.ArmJointCount;
    private readonly long[] _jointPairTicks = new long[PiperProtocol.JointPairCount];
    private readonly long[] _highSpeedTicks = new long[Motors];
    private readonly long[] _lowSpeedTicks = new long[Motors];

    /// <summary>Joint positions in radians (0-5) and the gripper stroke in metres (6).</summary>
    public double[] Positions { get; } = new double[PiperArm.JointCount];

    /// <summary>Motor speeds from the high-speed feedback, rad/s.</summary>
    public double[] Velocities { get; } = new double[Motors];

    /// <summary>Motor currents from the high-speed feedback, amperes.</summary>
    public double[] Currents { get; } = new double[Motors];

    /// <summary>Motor driver flags from the low-speed feedback.</summary>
    public MotorDriverStatus[] MotorStatus { get; } = new MotorDriverStatus[Motors];

    /// <summary>End pose: X, Y, Z in metres, RX, RY, RZ in radians.</summary>
    public double[] EndPose { get; } = new double[6];

    /// <summary>The latest arm status.</summary>
    public ArmStatusFeedback ArmStatus { get; private set; }

    /// <summary>The latest gripper feedback.</summary>
    public GripperFeedback Gripper { get; private set; }

    /// <summary>When the latest arm status arrived; 0 = never.</summary>
    public long ArmStatusTicks { get; private set; }

    /// <summary>When the latest gripper feedback arrived; 0 = never.</summary>
    public long GripperTicks { get; private set; }

    /// <summary>Whether every joint pair and the gripper have reported at least once.</summary>
    public bool HasPositions => OldestPositionTicks != 0;

    /// <summary>The arrival time of the stalest of the three joint frames and the gripper frame; 0 when one never came.</summary>
    public long OldestPositionTicks
    {
        get
        {
            long oldest = GripperTicks;
            foreach (long ticks in _jointPairTicks)
            {
                if (ticks == 0)
                {
                    return 0;
                }

                oldest = Math.Min(oldest, ticks);
            }

            return oldest;
        }
    }

    /// <summary>The arrival time of the newest joint frame; 0 when none came.</summary>
    public long NewestJointTicks => Math.Max(_jointPairTicks[0], Math.Max(_jointPairTicks[1], _jointPairTicks[2]));

    /// <summary>Forgets everything (a new connection).</summary>
    public void Reset()
    {
        Array.Clear(_jointPairTicks);
        Array.Clear(_highSpeedTicks);
        Array.Clear(_lowSpeedTicks);
        Array.Clear(Positions);
        Array.Clear(Velocities);
        Array.Clear(Currents);
        Array.Clear(MotorStatus);
        Array.Clear(EndPose);
        ArmStatus = default;
        Gripper = default;
        ArmStatusTicks = 0;
        GripperTicks = 0;
    }

    /// <summary>Whether joint pair <paramref name="pair"/> (0 to 2) has reported.</summary>
    public bool HasJointPair(int pair) => _jointPairTicks[pair] != 0;

    /// <summary>Whether motor <paramref name="motor"/> (1 to 6) has sent high-speed feedback.</summary>
    public bool HasHighSpeed(int motor) => _highSpeedTicks[motor - 1] != 0;

    /// <summary>Whether motor <paramref name="motor"/> (1 to 6) has sent low-speed feedback.</summary>
    public bool HasLowSpeed(int motor) => _lowSpeedTicks[motor - 1] != 0;

    /// <summary>Takes one frame into the state.</summary>
    public FeedbackFrameKind Apply(in CanFrame frame, long nowTicks)
    {
        if (PiperProtocol.TryDecodeJointFeedback(frame, out int pair, out double first, out double second))
        {
            Positions[2 * pair] = first;
            Positions[(2 * pair) + 1] = second;
            _jointPairTicks[pair] = nowTicks;
        }
        else if (PiperProtocol.TryDecodeHighSpeedFeedback(frame, out MotorHighSpeedFeedback fast))
        {
            Velocities[fast.Motor - 1] = fast.VelocityRadiansPerSecond;
            Currents[fast.Motor - 1] = fast.CurrentAmperes;
            _highSpeedTicks[fast.Motor - 1] = nowTicks;
        }
        else if (PiperProtocol.TryDecodeGripperFeedback(frame, out GripperFeedback gripper))
        {
            Gripper = gripper;
            Positions[PiperArm.GripperJointIndex] = gripper.StrokeMeters;
            GripperTicks = nowTicks;
        }
        else if (PiperProtocol.TryDecodeArmStatus(frame, out ArmStatusFeedback status))
        {
            ArmStatus = status;
            ArmStatusTicks = nowTicks;
        }
        else if (PiperProtocol.TryDecodeEndPose(frame, out int part, out double a, out double b))
        {
            EndPose[2 * part] = a;
            EndPose[(2 * part) + 1] = b;
        }
        else if (PiperProtocol.TryDecodeLowSpeedFeedback(frame, out MotorLowSpeedFeedback slow))
        {
            MotorStatus[slow.Motor - 1] = slow.Status;
            _lowSpeedTicks[slow.Motor - 1] = nowTicks;
        }
        else
        {
            return PiperProtocol.IsMalformed(frame) ? FeedbackFrameKind.Malformed : FeedbackFrameKind.Other;
        }

        return FeedbackFrameKind.Decoded;
    }

    /// <summary>
    /// Whether every motor that sends low-speed feedback has reported <see cref="MotorDriverStatus.Enabled"/>
    /// in a frame that arrived after <paramref name="sinceTicks"/> (true when no motor sends it:
    /// then the feedback cannot say).
    /// </summary>
    public bool MotorsReportEnabled(long sinceTicks)
    {
        for (int motor = 1; motor <= Motors; motor++)
        {
            if (HasLowSpeed(motor) && (_lowSpeedTicks[motor - 1] <= sinceTicks || (MotorStatus[motor - 1] & MotorDriverStatus.Enabled) == 0))
            {
                return false;
            }
        }

        return true;
    }
}
