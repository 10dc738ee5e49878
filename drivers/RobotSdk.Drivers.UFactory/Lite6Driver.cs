using System.Globalization;
using System.Net.Sockets;
using RobotSdk.Drivers.UFactory.Protocol;
using RobotSdk.Hardware;
using RobotSdk.Transports;

namespace RobotSdk.Drivers.UFactory;

/// <summary>
/// The driver of a UFactory Lite 6 arm: the <see cref="IRobotDriver"/> lifecycle over the xArm
/// private protocol on TCP port 502 of its control box. Each control cycle is one joint read
/// (function 42) and one servo-j (function 29); the gripper costs two tool-GPIO writes when it
/// switches between open and closed.
/// </summary>
/// <remarks>
/// <para>
/// Joints: <c>joint1</c>..<c>joint6</c> in radians (<see cref="Lite6Arm"/>), then <c>gripper</c>.
/// The Lite 6 gripper opens and closes through two tool digital outputs and reports nothing, so
/// its joint is a command, not a measurement: a prismatic joint from 0 (closed) to 0.0089 m (open).
/// A command above two thirds of that range sends "open", below one third "close" (what the SDK's
/// <c>open_lite6_gripper</c>/<c>close_lite6_gripper</c> send), each only when it changes what was
/// last sent; in between nothing changes. The joint reads back what was last sent: open, closed, or
/// the middle of the range while nothing has been sent since Configure (the gripper is then wherever
/// it was, so Activate moves nothing).
/// </para>
/// <para>
/// Configure (also what <c>Robot.ClearFault()</c> calls) closes and reopens the connection, reads
/// the controller's version (refusing an arm that is not a Lite 6), state and error codes, and the
/// joints once. A latched controller error stops it with a <see cref="DeviceErrorException"/> naming
/// the code and its meaning; the driver never clears errors on its own: call
/// <see cref="ClearControllerErrors"/> once the cause is fixed. Activate enables motion on every joint
/// (function 11), selects servo mode (19, mode 1), sets state 0 (12), waits until the controller says
/// it is ready, and seeds the goals with the present joints, so nothing jumps.
/// </para>
/// <para>
/// Real time: Read and Write neither allocate nor throw for hardware faults. Every reply's state
/// bits are checked: the error bit reads the error code once and gives
/// <see cref="DriverStatus.MustDeactivate"/> with a <see cref="DeviceErrorException"/>; the warning
/// bit reads the warning code once and records it (the arm keeps going); "not ready" while active,
/// "invalid", timeouts and malformed replies give <see cref="DriverStatus.Error"/>, and
/// MustDeactivate after <see cref="Lite6DriverOptions.MaxConsecutiveFailures"/> in a row; a lost
/// connection gives MustDeactivate at once. A NaN goal repeats the last goal sent; goals are clamped
/// into the joint limits.
/// </para>
/// <para>
/// Deactivate sends "stop" (state 4), what the SDK's <c>emergency_stop</c> sends: the controller
/// ends the motion and refuses more until state 0 is set, while the motors stay enabled and hold the
/// arm. It does not disable the motors (a "torque off" with <c>motion_enable(False)</c>) unless
/// <see cref="Lite6DriverOptions.DisableMotorsOnDeactivate"/> says so, because then only brakes, if
/// any, hold the arm. If the connection was lost, it opens a fresh one for the stop
/// (<see cref="Lite6DriverOptions.StopReconnectTimeoutMs"/>). The gripper is left as it is, so it
/// does not drop what it holds.
/// </para>
/// </remarks>
public sealed partial class Lite6Driver : IRobotDriver
{
    /// <summary>The controller's command port.</summary>
    public const int DefaultPort = 502;

    private readonly TcpTransport _transport;
    private readonly Lite6DriverOptions _options;
    private readonly TransactionFaults _faults;
    private readonly XArmConnection _connection;
    private readonly byte[] _payload = new byte[XArmPayloads.JointMotionLength];
    private readonly byte[] _data = new byte[3 * XArmPayloads.JointPositionsLength];
    private readonly byte[] _codes = new byte[2];
    private readonly float[] _goals = new float[XArmPayloads.JointSlots];
    private readonly HardwareFaultException _notConfigured;

    /// <summary>Creates a driver for the controller at <paramref name="host"/>; nothing is opened until Configure.</summary>
    /// <param name="host">The control box's IP address or host name, for example <c>192.168.1.185</c> (UFactory Studio shows it).</param>
    /// <param name="port">The command port, 502 unless something forwards it.</param>
    /// <param name="options">Timeouts and fault thresholds; defaults when null.</param>
    /// <exception cref="ArgumentException">The host is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The port or an option is out of range.</exception>
    public Lite6Driver(string host, int port = DefaultPort, Lite6DriverOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        _options = options ?? new Lite6DriverOptions();
        _options.Validate();
        _transport = new TcpTransport(host, port, new TcpTransportOptions { ConnectTimeoutMs = _options.ConnectTimeoutMs, WriteTimeoutMs = Math.Max(_options.ReplyTimeoutMs, 100) });
        _faults = new TransactionFaults(_transport.Endpoint);
        _connection = new XArmConnection(_transport, new DriverDiagnostics(), _faults);
        _notConfigured = new HardwareFaultException(_transport.Endpoint, null, null, "the Lite 6 driver is not configured; configure it (Robot.ClearFault) first");
        // The control box's address identifies the arm before anything is opened; its serial number
        // (ControllerVersion.RobotSerialNumber) is only known after Configure.
        Description = Lite6Arm.CreateDescription() with { Identity = $"{Lite6Arm.Model} at {_transport.Host}" };
    }

    /// <summary>The controller's host.</summary>
    public string Host => _transport.Host;

    /// <summary>The controller's port.</summary>
    public int Port => _transport.Port;

    /// <summary><c>host:port</c>, as named in every fault.</summary>
    public string Endpoint => _transport.Endpoint;

    /// <inheritdoc />
    public RobotDescription Description { get; }

    /// <inheritdoc />
    public DriverState State { get; private set; } = DriverState.Unconfigured;

    /// <inheritdoc />
    public DriverDiagnostics Diagnostics => _connection.Diagnostics;

    /// <summary>Transient failures in a row so far (reset by a successful read).</summary>
    public int ConsecutiveFailures { get; private set; }

    /// <summary>What the controller said about itself at the last Configure, or null before.</summary>
    public ControllerVersion? ControllerVersion { get; private set; }

    /// <summary>What the driver last sent the gripper (<see cref="Lite6GripperState.Unknown"/> after Configure).</summary>
    public Lite6GripperState GripperState { get; private set; }

    /// <summary>Late replies (to requests that had timed out) dropped so far.</summary>
    public long StaleReplies => _connection.StaleReplies;

    /// <inheritdoc />
    /// <exception cref="DeviceUnavailableException">The controller cannot be reached (refused, unreachable, no answer).</exception>
    /// <exception cref="DeviceErrorException">The controller has a latched error; the message names the code and its meaning.</exception>
    /// <exception cref="HardwareFaultException">The controller is not a Lite 6, or does not answer properly.</exception>
    public void Configure()
    {
        ObjectDisposedException.ThrowIf(State == DriverState.Disposed, this);
        State = DriverState.Unconfigured;
        ResetRealTimeState();
        try
        {
            Connect();
            ControllerVersion version = ReadVersion();
            if (version.Axes != 0 && !version.IsLite6)
            {
                throw new HardwareFaultException(Endpoint, null, TransactionFaults.Name(XArmFunction.GetVersion), string.Create(CultureInfo.InvariantCulture,
                    $"the controller drives a {version.Axes}-axis arm of type {version.RobotType} ('{version.Text}'), not a Lite 6 (6 axes, type {Protocol.ControllerVersion.Lite6Type})"));
            }

            ControllerVersion = version;
            Command(XArmFunction.GetState, [], minimumDataLength: 1, _options.CommandTimeoutMs);
            ControllerCodesReading codes = ReadCodes(_options.CommandTimeoutMs);
            if (codes.ErrorCode != 0)
            {
                DeviceErrorException error = _faults.ControllerError(codes.ErrorCode);
                Diagnostics.CountDeviceError();
                Diagnostics.RecordFault(error);
                throw error;
            }

            if (codes.WarningCode != 0)
            {
                Diagnostics.RecordFault(_faults.ControllerWarning(codes.WarningCode));
                _warningKnown = true;
            }

            Command(XArmFunction.GetJointPositions, [], XArmPayloads.JointPositionsLength, _options.CommandTimeoutMs);
            State = DriverState.Inactive;
        }
        catch
        {
            _connection.Disconnect();
            throw;
        }
    }

    /// <inheritdoc />
    /// <exception cref="NotSupportedException"><paramref name="mode"/> is not <see cref="CommandMode.Position"/>.</exception>
    /// <exception cref="InvalidOperationException">The driver is not configured and inactive.</exception>
    /// <exception cref="DeviceErrorException">The controller has a latched error.</exception>
    /// <exception cref="HardwareFaultException">The controller refused, or did not become ready in time.</exception>
    public void Activate(CommandMode mode)
    {
        ObjectDisposedException.ThrowIf(State == DriverState.Disposed, this);
        if (mode != CommandMode.Position)
        {
            throw new NotSupportedException($"The Lite 6 driver accepts position commands only, not {mode}.");
        }

        if (State != DriverState.Inactive)
        {
            throw new InvalidOperationException($"The Lite 6 driver is {State}; configure it before activating.");
        }

        try
        {
            int length = XArmPayloads.WriteMotionEnable(_payload, XArmPayloads.AllServos, enable: true);
            ThrowOnControllerFault(XArmFunction.MotionEnable, Command(XArmFunction.MotionEnable, _payload.AsSpan(0, length), 0, Math.Max(_options.CommandTimeoutMs, 5000)));
            length = XArmPayloads.WriteSetMode(_payload, ControllerMode.Servo, _sendDetectionParameter);
            ThrowOnControllerFault(XArmFunction.SetMode, Command(XArmFunction.SetMode, _payload.AsSpan(0, length), 0, _options.CommandTimeoutMs));
            length = XArmPayloads.WriteSetState(_payload, ControllerStateCommand.Move);
            ThrowOnControllerFault(XArmFunction.SetState, Command(XArmFunction.SetState, _payload.AsSpan(0, length), 0, _options.CommandTimeoutMs));
            WaitUntilReady();

            // Goals := present, so the first servo-j (and any NaN command) holds the arm where it is.
            ThrowOnControllerFault(XArmFunction.GetJointPositions, Command(XArmFunction.GetJointPositions, [], XArmPayloads.JointPositionsLength, _options.CommandTimeoutMs));
            for (int i = 0; i < Lite6Arm.ArmJointCount; i++)
            {
                _goals[i] = XArmPayloads.ReadFloat(_data.AsSpan(4 * i));
            }

            ConsecutiveFailures = 0;
            State = DriverState.Active;
        }
        catch (HardwareFaultException)
        {
            SendStop(_connection);
            throw;
        }
    }

    /// <inheritdoc />
    public void Deactivate()
    {
        if (State != DriverState.Active)
        {
            return;
        }

        try
        {
            if (_connection.IsConnected)
            {
                SendStop(_connection);
            }
            else if (_options.StopReconnectTimeoutMs > 0)
            {
                StopOverFreshConnection();
            }
        }
        catch (Exception exception) when (exception is HardwareFaultException or InvalidOperationException or ObjectDisposedException or IOException or SocketException)
        {
            // Best effort: the controller may be gone; the fault that led here is already recorded.
        }

        State = DriverState.Inactive;
    }

    /// <summary>Stops the arm if active (best effort), closes the connection; the driver cannot be used again.</summary>
    public void Dispose()
    {
        if (State == DriverState.Disposed)
        {
            return;
        }

        Deactivate();
        _connection.Disconnect();
        _transport.Dispose();
        State = DriverState.Disposed;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Lite6Arm.Model} at {Endpoint} ({State})";

    private void Connect()
    {
        try
        {
            _connection.Reconnect();
        }
        catch (DeviceUnavailableException unavailable)
        {
            throw new DeviceUnavailableException(Endpoint, unavailable.UnavailableReason, string.Create(CultureInfo.InvariantCulture,
                $"cannot reach the Lite 6 controller ({unavailable.Reason}); check that the control box is on, that {Host} is its address (UFactory Studio shows it) and that this computer is on its network"), unavailable);
        }
    }

    /// <summary>Sends "stop" (and motion disable when configured to), ignoring the replies.</summary>
    private void SendStop(XArmConnection connection)
    {
        Span<byte> payload = stackalloc byte[2];
        int length = XArmPayloads.WriteSetState(payload, ControllerStateCommand.Stop);
        connection.Exchange(XArmFunction.SetState, payload[..length], _codes, 0, _options.ReplyTimeoutMs, out _, out _);
        if (_options.DisableMotorsOnDeactivate)
        {
            length = XArmPayloads.WriteMotionEnable(payload, XArmPayloads.AllServos, enable: false);
            connection.Exchange(XArmFunction.MotionEnable, payload[..length], _codes, 0, _options.ReplyTimeoutMs, out _, out _);
        }
    }

    /// <summary>The connection was lost while active: a fresh, short-lived one carries the stop.</summary>
    private void StopOverFreshConnection()
    {
        using var transport = new TcpTransport(Host, Port, new TcpTransportOptions { ConnectTimeoutMs = _options.StopReconnectTimeoutMs });
        transport.Connect();

        // Its own counters, so the fault that led here stays the driver's last fault.
        SendStop(new XArmConnection(transport, new DriverDiagnostics(), _faults));
    }
}
