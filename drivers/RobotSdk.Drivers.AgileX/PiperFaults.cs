using System.Globalization;

namespace RobotSdk.Drivers.AgileX;

/// <summary>
/// The exceptions the driver's real-time path records in its diagnostics, made once and reused
/// while the same fault repeats, so a fault that persists for many cycles allocates nothing
/// after its first occurrence.
/// </summary>
internal sealed class PiperFaults
{
    /// <summary>SocketCAN's CAN_ERR_TX_TIMEOUT.</summary>
    public const uint ErrorTransmitTimeout = 0x001;

    /// <summary>SocketCAN's CAN_ERR_LOSTARB: lost arbitration, normal on a shared bus.</summary>
    public const uint ErrorLostArbitration = 0x002;

    /// <summary>SocketCAN's CAN_ERR_CRTL: controller problems (error warning or passive, overflow).</summary>
    public const uint ErrorController = 0x004;

    /// <summary>SocketCAN's CAN_ERR_PROT: protocol violations.</summary>
    public const uint ErrorProtocol = 0x008;

    /// <summary>SocketCAN's CAN_ERR_TRX: transceiver status.</summary>
    public const uint ErrorTransceiver = 0x010;

    /// <summary>SocketCAN's CAN_ERR_ACK: nobody acknowledged a transmitted frame.</summary>
    public const uint ErrorNoAcknowledgement = 0x020;

    /// <summary>SocketCAN's CAN_ERR_BUSOFF.</summary>
    public const uint ErrorBusOff = 0x040;

    /// <summary>SocketCAN's CAN_ERR_BUSERROR.</summary>
    public const uint ErrorBus = 0x080;

    /// <summary>SocketCAN's CAN_ERR_RESTARTED: the controller came back after bus-off.</summary>
    public const uint ErrorRestarted = 0x100;

    private readonly string _bus;
    private ArmStatusFeedback _armFaultKey;
    private DeviceErrorException? _armFault;
    private uint _busErrorKey;
    private DeviceErrorException? _busError;
    private ControlMode _controlModeKey;
    private DeviceErrorException? _leftCanControl;

    public PiperFaults(string bus, int feedbackTimeoutMs)
    {
        _bus = bus;
        Stale = new HardwareTimeoutException(bus, null, "joint feedback (0x2A5-0x2A8)", string.Create(CultureInfo.InvariantCulture,
            $"no joint feedback from the arm for more than {feedbackTimeoutMs} ms; is the arm still powered and its CAN cable connected?"));
        AdapterRefused = new DeviceErrorException(bus, null, null, 0x07,
            "the CAN adapter refused frames (answered BEL): the bus is off or error-passive; is the arm powered (nobody acknowledges frames otherwise) and the bitrate 1 Mbps?",
            isHardwareAlert: false);
        NotConfigured = new HardwareFaultException(bus, null, null, "the PiPER driver is not configured; configure it (Robot.ClearFault) first");
    }

    /// <summary>The feedback stopped arriving.</summary>
    public HardwareTimeoutException Stale { get; }

    /// <summary>The SLCAN adapter answered BEL to transmitted frames.</summary>
    public DeviceErrorException AdapterRefused { get; }

    /// <summary>Read or Write before Configure, or after the bus was closed.</summary>
    public HardwareFaultException NotConfigured { get; }

    /// <summary>
    /// Whether a SocketCAN error class is serious enough to stop: bus-off, no acknowledgement (nobody
    /// on the bus: the arm is off or the cable is out), a transmit timeout or a transceiver fault.
    /// Single bus or protocol errors, lost arbitration, controller warnings (error-warning or
    /// error-passive counters, overflows) and restart notices are what a working bus reports now and then.
    /// </summary>
    public static bool IsSerious(uint errorClass) =>
        (errorClass & (ErrorBusOff | ErrorNoAcknowledgement | ErrorTransmitTimeout | ErrorTransceiver)) != 0;

    /// <summary>The fault for an arm status that <see cref="ArmStatusFeedback.IsFault"/>.</summary>
    public DeviceErrorException ArmFault(in ArmStatusFeedback status)
    {
        if (_armFault is not null && _armFaultKey.Status == status.Status && _armFaultKey.Errors == status.Errors)
        {
            return _armFault;
        }

        _armFaultKey = status;
        _armFault = status.Status.IsFault()
            ? new DeviceErrorException(_bus, status.Errors.FirstJoint(), "arm status (0x2A1)", (int)status.Status, string.Create(CultureInfo.InvariantCulture,
                $"the arm reports {status.Status.Describe()} (status 0x{(int)status.Status:X2}, error code 0x{(int)status.Errors:X4}: {status.Errors.Describe()})"), isHardwareAlert: true)
            : new DeviceErrorException(_bus, status.Errors.FirstJoint(), "arm error code (0x2A1)", (int)status.Errors, string.Create(CultureInfo.InvariantCulture,
                $"the arm reports error code 0x{(int)status.Errors:X4}: {status.Errors.Describe()}"), isHardwareAlert: true);
        return _armFault;
    }

    /// <summary>The fault for an active arm that reports another control mode than CAN control.</summary>
    public DeviceErrorException LeftCanControl(ControlMode mode)
    {
        if (_leftCanControl is not null && _controlModeKey == mode)
        {
            return _leftCanControl;
        }

        _controlModeKey = mode;
        _leftCanControl = new DeviceErrorException(_bus, null, "control mode (0x2A1)", (int)mode, string.Create(CultureInfo.InvariantCulture,
            $"the arm left CAN control (it now reports control mode {mode}, 0x{(int)mode:X2}) and no longer obeys this driver; was the teach button pressed, or does another program command it?"),
            isHardwareAlert: false);
        return _leftCanControl;
    }

    /// <summary>The fault for a SocketCAN error frame of class <paramref name="errorClass"/>.</summary>
    public DeviceErrorException BusError(uint errorClass)
    {
        if (_busError is not null && _busErrorKey == errorClass)
        {
            return _busError;
        }

        _busErrorKey = errorClass;
        _busError = new DeviceErrorException(_bus, null, null, (int)errorClass, string.Create(CultureInfo.InvariantCulture,
            $"the CAN controller reported {DescribeErrorClass(errorClass)} (error class 0x{errorClass:X}); check the wiring, the 120 ohm termination and that every node runs at 1 Mbps"),
            isHardwareAlert: (errorClass & ErrorBusOff) != 0);
        return _busError;
    }

    /// <summary>SocketCAN error class bits in words, for example <c>bus-off, no acknowledgement</c>.</summary>
    public static string DescribeErrorClass(uint errorClass)
    {
        var parts = new List<string>();
        void Add(uint bit, string text)
        {
            if ((errorClass & bit) != 0)
            {
                parts.Add(text);
            }
        }

        Add(ErrorBusOff, "bus-off");
        Add(ErrorController, "controller problems (error warning or passive)");
        Add(ErrorNoAcknowledgement, "no acknowledgement");
        Add(ErrorTransmitTimeout, "transmit timeout");
        Add(ErrorProtocol, "protocol violation");
        Add(ErrorTransceiver, "transceiver error");
        Add(ErrorBus, "bus error");
        Add(ErrorLostArbitration, "lost arbitration");
        Add(ErrorRestarted, "controller restarted");
        return parts.Count == 0 ? "an error" : string.Join(", ", parts);
    }
}
