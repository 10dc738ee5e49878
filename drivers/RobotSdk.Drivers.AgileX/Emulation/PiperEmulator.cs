using System.Diagnostics;
using System.Runtime.Versioning;
using RobotSdk.Emulation;
using RobotSdk.Hardware;
using RobotSdk.Transports;

namespace RobotSdk.Drivers.AgileX.Emulation;

/// <summary>
/// The PiPER's controller as a device on an emulated SLCAN adapter
/// (<see cref="EmulatedSlcanAdapter"/>): it broadcasts the arm's feedback frames and obeys its
/// commands, moving the seven joints of an <see cref="IJointBackend"/> (joints 0 to 5 in radians,
/// joint 6 the gripper's opening in metres). <see cref="PiperDriver"/>, piper_sdk through
/// python-can's <c>slcan</c> interface, or any SLCAN client opens <see cref="PortPath"/> like the
/// arm's USB-CAN adapter.
/// </summary>
/// <remarks>
/// <para>
/// Behaviour, after piper_sdk's protocol documentation: the arm powers on in standby with every
/// motor disabled. Motion control (0x151) sets the control mode, move mode, speed percent and MIT
/// flag. Motor enable (0x471) enables or disables one motor (1-6) or all of them and the gripper
/// (7 or 0xFF); a disabled joint has its torque off in the backend. Joint targets (0x155-0x157)
/// are obeyed only in CAN control, MOVE J, position-speed mode, as on the real arm; they are
/// clamped to <see cref="PiperArm"/>'s limits (the status then says target beyond a limit), and the
/// joints approach them at the speed percent of 3 rad/s. Gripper control (0x159) is obeyed in CAN
/// control: enable codes, the stroke (clamped to 0-70 mm) and set-zero. The backend keeps every
/// joint position; the emulator keeps only targets and the intermediate setpoint.
/// </para>
/// <para>
/// Feedback: the arm status, end pose (the URDF tool point of <see cref="PiperArm.Kinematics"/>;
/// the real arm reports its own model's pose), joint, gripper and high-speed motor frames at
/// <see cref="PiperEmulatorOptions.FeedbackRateHz"/> (200 Hz), the low-speed motor frames at
/// <see cref="PiperEmulatorOptions.LowSpeedFeedbackRateHz"/> (40 Hz): 14 frames every 5 ms and 6
/// more every 25 ms, 3040 frames/s, the figure piper_sdk's maintainers give for the arm's complete
/// feedback (piper_sdk issue 42); 200 Hz for joint feedback is what piper_ros publishes (piper_ros
/// issue 19). The split between 200 and 40 Hz is this SDK's reading of that total.
/// </para>
/// <para>
/// Faults: <see cref="PowerOff"/> (the arm falls silent and limp) and <see cref="PowerOn"/>;
/// <see cref="SetArmStatus"/> (emergency stop, collision, joint communication error...: reported
/// in 0x2A1, and a fault status freezes the joints where they are and ignores targets);
/// <see cref="LoseFrames"/>; <see cref="SetBusOff"/>; <see cref="Unplug"/> and <see cref="Replug"/>.
/// Lifecycle like the servo emulators: the constructor only validates, <see cref="Start"/>
/// creates the pty and link, <see cref="Dispose"/> removes them.
/// </para>
/// </remarks>
[SupportedOSPlatform("linux")]
public sealed partial class PiperEmulator : ICanDevice, IDisposable
{
    private const int Motors = PiperCanIds.ArmJointCount;
    private const int GripperMotor = 7;

    private readonly Lock _lock = new();
    private readonly IJointBackend _backend;
    private readonly PiperEmulatorOptions _options;
    private readonly EmulatedSlcanAdapter _adapter;
    private readonly double[] _targets = new double[PiperArm.JointCount];
    private readonly double[] _setpoints = new double[Motors];
    private readonly bool[] _enabled = new bool[PiperArm.JointCount];
    private readonly long[] _framesReceived = new long[CanFrame.MaxStandardId + 1];
    private readonly CanFrame[] _outgoing = new CanFrame[PiperProtocol.EndPosePartCount + PiperProtocol.JointPairCount + 2 + (2 * Motors)];
    private ControlMode _controlMode;
    private MoveMode _moveMode;
    private MitMode _mitMode;
    private int _speedPercent;
    private ArmStatus _injectedStatus;
    private ArmErrors _injectedErrors;
    private bool _targetBeyondLimit;
    private double _gripperEffort;
    private double _gripperZero;
    private bool _poweredOn = true;
    private long _feedbackFramesSent;
    private Thread? _thread;
    private volatile bool _stopping;
    private bool _disposed;

    /// <summary>Creates the emulated arm; nothing is opened until <see cref="Start"/>.</summary>
    /// <param name="backend">The joints the arm moves, at least seven (six revolute in radians, the gripper in metres); <see cref="CreateBackend"/> when null.</param>
    /// <param name="options">Link path, bitrate and feedback rates; defaults when null.</param>
    /// <exception cref="ArgumentException">The backend has fewer than seven joints, or an option is invalid.</exception>
    public PiperEmulator(IJointBackend? backend = null, PiperEmulatorOptions? options = null)
    {
        options ??= new PiperEmulatorOptions();
        options.Validate();
        backend ??= CreateBackend();
        if (backend.JointCount < PiperArm.JointCount)
        {
            throw new ArgumentException($"The PiPER has {PiperArm.JointCount} joints (six and the gripper); the backend has only {backend.JointCount}.", nameof(backend));
        }

        _backend = backend;
        _options = options.Copy();
        _adapter = new EmulatedSlcanAdapter(this, new EmulatedSlcanAdapterOptions { LinkPath = _options.LinkPath, ModelWireTime = _options.ModelWireTime });
        ResetController();
    }

    /// <summary>What clients open: the link when one was made, else the pty (valid after <see cref="Start"/>).</summary>
    public string PortPath => _adapter.ClientPath;

    /// <summary>The joints the arm moves.</summary>
    public IJointBackend Backend => _backend;

    /// <summary>The emulated USB-CAN adapter, for its counters and finer fault injection.</summary>
    public EmulatedSlcanAdapter Adapter => _adapter;

    /// <inheritdoc />
    public int Bitrate => _options.Bitrate;

    /// <summary>The control mode the arm is in.</summary>
    public ControlMode ControlMode
    {
        get
        {
            lock (_lock)
            {
                return _controlMode;
            }
        }
    }

    /// <summary>The move mode the arm is in.</summary>
    public MoveMode MoveMode
    {
        get
        {
            lock (_lock)
            {
                return _moveMode;
            }
        }
    }

    /// <summary>The speed percent last set by motion control (0 after power-on: nothing moves until a client sets it).</summary>
    public int SpeedPercent
    {
        get
        {
            lock (_lock)
            {
                return _speedPercent;
            }
        }
    }

    /// <summary>The gripper effort last commanded, N·m.</summary>
    public double GripperEffortNewtonMeters
    {
        get
        {
            lock (_lock)
            {
                return _gripperEffort;
            }
        }
    }

    /// <summary>Whether the arm is powered (see <see cref="PowerOff"/>).</summary>
    public bool IsPoweredOn
    {
        get
        {
            lock (_lock)
            {
                return _poweredOn;
            }
        }
    }

    /// <summary>Feedback frames handed to the adapter so far.</summary>
    public long FeedbackFramesSent => Interlocked.Read(ref _feedbackFramesSent);

    /// <summary>
    /// The default backend: seven first-order joints (time constant 50 ms; speed cap 3 rad/s, the
    /// firmware's maximum joint speed), all at 0 (the arm's rest pose, gripper closed), torque off.
    /// </summary>
    public static FirstOrderJointBackend CreateBackend() =>
        new(PiperArm.JointCount, timeConstantSeconds: 0.05, maxVelocity: PiperArm.MaxJointSpeedRadiansPerSecond);

    /// <summary>Creates the adapter's pty (and link) and starts the arm's controller; does nothing when started.</summary>
    /// <exception cref="DeviceUnavailableException">No pseudo-terminal could be created.</exception>
    /// <exception cref="IOException">The link path is taken by something other than a link.</exception>
    public void Start()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_thread is not null)
        {
            return;
        }

        _adapter.Start();
        _stopping = false;
        _thread = new Thread(Run) { IsBackground = true, Name = "PiPER emulator" };
        _thread.Start();
    }

    /// <summary>Whether motor <paramref name="motor"/> (1 to 6, or 7 for the gripper) is enabled.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The motor is not 1 to 7.</exception>
    public bool IsMotorEnabled(int motor)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(motor, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(motor, GripperMotor);
        lock (_lock)
        {
            return _enabled[motor - 1];
        }
    }

    /// <summary>Whether any motor, the gripper's included, is enabled.</summary>
    public bool AnyMotorEnabled()
    {
        lock (_lock)
        {
            return Array.IndexOf(_enabled, true) >= 0;
        }
    }

    /// <summary>The target of joint <paramref name="joint"/> (0 to 5 radians, 6 the gripper in metres) as last commanded (or held).</summary>
    public double GetTarget(int joint)
    {
        lock (_lock)
        {
            return _targets[joint];
        }
    }

    /// <summary>Frames with identifier <paramref name="id"/> the arm has received (whether obeyed or not).</summary>
    public long GetFramesReceived(uint id) => Interlocked.Read(ref _framesReceived[id & CanFrame.MaxStandardId]);

    /// <summary>
    /// Powers the arm off: it falls silent (no feedback; the driver sees its feedback go stale),
    /// ignores commands, and its joints go limp (torque off).
    /// </summary>
    public void PowerOff()
    {
        lock (_lock)
        {
            _poweredOn = false;
            for (int joint = 0; joint < PiperArm.JointCount; joint++)
            {
                SetEnabled(joint, false);
            }
        }
    }

    /// <summary>Powers the arm on again: standby, every motor disabled, no injected status, feedback resumes.</summary>
    public void PowerOn()
    {
        lock (_lock)
        {
            ResetController();
            _poweredOn = true;
        }
    }

    /// <summary>
    /// Makes the arm report <paramref name="status"/> and <paramref name="errors"/> in its status
    /// frame (0x2A1). A fault status (<see cref="ArmStatusExtensions.IsFault"/>) or a joint
    /// communication error also freezes the joints where they are and makes the arm ignore targets,
    /// until the status is set back to normal.
    /// </summary>
    public void SetArmStatus(ArmStatus status, ArmErrors errors = ArmErrors.None)
    {
        lock (_lock)
        {
            _injectedStatus = status;
            _injectedErrors = errors;
            if (IsFaultedLocked())
            {
                HoldWhereTheJointsAre();
            }
        }
    }

    /// <summary>Loses each frame in either direction with <paramref name="probability"/> (0 stops it), repeatably for a seed.</summary>
    public void LoseFrames(double probability, int seed = 1) => _adapter.SetFrameLoss(probability, seed);

    /// <summary>Holds the bus off (true) or releases it (false); see <see cref="EmulatedSlcanAdapter.SetBusOff"/>.</summary>
    public void SetBusOff(bool busOff) => _adapter.SetBusOff(busOff);

    /// <summary>Unplugs the USB-CAN adapter: the pty and its link vanish; the arm keeps running (holding its targets).</summary>
    public void Unplug() => _adapter.Unplug();

    /// <summary>Plugs the USB-CAN adapter back in: a new pty behind the same link.</summary>
    public void Replug() => _adapter.Replug();

    /// <summary>Stops the controller and removes the adapter's pty and link.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _stopping = true;
        _thread?.Join();
        _adapter.Dispose();
    }

    /// <inheritdoc />
    public override string ToString() => _adapter.IsPluggedIn ? $"emulated PiPER at {PortPath}" : "emulated PiPER (adapter unplugged)";

    /// <summary>The controller's thread: move the setpoints, broadcast the feedback, at the feedback rate.</summary>
    private void Run()
    {
        long period = Stopwatch.Frequency / _options.FeedbackRateHz;
        long lowPeriod = Stopwatch.Frequency / _options.LowSpeedFeedbackRateHz;
        long next = Stopwatch.GetTimestamp();
        long nextLow = next;
        long last = next;
        while (!_stopping)
        {
            long now = Stopwatch.GetTimestamp();
            if (now < next)
            {
                Thread.Sleep(Math.Max(1, (int)((next - now) * 1000 / Stopwatch.Frequency)));
                continue;
            }

            // A late tick does not make up for missed ones: the arm's timer would not either.
            next = Math.Max(next + period, now - period);
            bool lowSpeed = now >= nextLow;
            if (lowSpeed)
            {
                nextLow = Math.Max(nextLow + lowPeriod, now - lowPeriod);
            }

            double dt = Math.Min((now - last) / (double)Stopwatch.Frequency, 0.05);
            last = now;
            int count;
            lock (_lock)
            {
                MoveSetpoints(dt);
                count = _poweredOn ? BuildFeedback(lowSpeed) : 0;
            }

            for (int i = 0; i < count; i++)
            {
                _adapter.Transmit(_outgoing[i]);
            }

            Interlocked.Add(ref _feedbackFramesSent, count);
        }
    }
}
