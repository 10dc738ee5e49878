using System.Globalization;
using RobotSdk.Drivers.UFactory.Protocol;

namespace RobotSdk.Drivers.UFactory;

/// <summary>
/// The exceptions the real-time path records in <see cref="Hardware.DriverDiagnostics"/>, made once
/// per (kind, function) and reused, so a fault repeating every cycle (a silent controller, a
/// latched error) allocates nothing after its first occurrence. The register of each fault is the
/// function's name, for example <c>GetJointPositions (42)</c>.
/// </summary>
internal sealed class TransactionFaults
{
    private readonly string _endpoint;
    private readonly HardwareFaultException?[] _timeouts = new HardwareFaultException?[256];
    private readonly HardwareFaultException?[] _corrupt = new HardwareFaultException?[256];
    private readonly HardwareFaultException?[] _stale = new HardwareFaultException?[256];
    private readonly HardwareFaultException?[] _invalid = new HardwareFaultException?[256];
    private readonly HardwareFaultException?[] _notReady = new HardwareFaultException?[256];
    private readonly Dictionary<int, DeviceErrorException> _errors = [];
    private readonly Dictionary<int, DeviceErrorException> _warnings = [];
    private readonly Lock _lock = new();

    public TransactionFaults(string endpoint)
    {
        _endpoint = endpoint;
        NotConnected = new DeviceDisconnectedException(endpoint, "not connected to the Lite 6 controller; configure the driver (Robot.ClearFault) to reconnect");
    }

    /// <summary>The fault for a transaction attempted without a connection.</summary>
    public DeviceDisconnectedException NotConnected { get; }

    public static string Name(XArmFunction function) => string.Create(CultureInfo.InvariantCulture, $"{function} ({(byte)function})");

    public HardwareFaultException Timeout(XArmFunction function, int timeoutMs) =>
        _timeouts[(byte)function] ??= new HardwareTimeoutException(_endpoint, null, Name(function), string.Create(CultureInfo.InvariantCulture, $"no reply within {timeoutMs} ms"));

    public HardwareFaultException Corrupt(XArmFunction function) =>
        _corrupt[(byte)function] ??= new CorruptPacketException(_endpoint, null, Name(function), "malformed reply (protocol identifier, LEN, function code or data length wrong); the input was discarded");

    public HardwareFaultException Stale(XArmFunction function, int timeoutMs) =>
        _stale[(byte)function] ??= new CorruptPacketException(_endpoint, null, Name(function), string.Create(CultureInfo.InvariantCulture,
            $"only replies with other transaction IDs (late answers to earlier requests) arrived within {timeoutMs} ms"));

    public HardwareFaultException Invalid(XArmFunction function) =>
        _invalid[(byte)function] ??= new HardwareFaultException(_endpoint, null, Name(function), "the controller marked the reply invalid (state bit 0x08: the request failed)");

    public HardwareFaultException NotReady(XArmFunction function) =>
        _notReady[(byte)function] ??= new HardwareFaultException(_endpoint, null, Name(function),
            "the controller is not ready to move (state bit 0x10: motion disabled, stopped or paused, for example by UFactory Studio or another client); the command was not executed");

    /// <summary>The fault for controller error <paramref name="code"/> (0: the code could not be read).</summary>
    public DeviceErrorException ControllerError(int code)
    {
        using Lock.Scope scope = _lock.EnterScope();
        if (!_errors.TryGetValue(code, out DeviceErrorException? fault))
        {
            string message = code == 0
                ? "the controller reports an error (state bit 0x40) and stopped the arm; reading its code failed"
                : $"controller error {ControllerCodes.DescribeError(code).Describe('C')}. The controller stopped the arm; fix the cause, then call Lite6Driver.ClearControllerErrors() and Robot.ClearFault()";
            // C11..C17 name the servo of joint 1..7: that servo is the device at fault.
            int? servo = code is >= 11 and <= 17 ? code - 10 : null;
            fault = new DeviceErrorException(_endpoint, servo, Name(XArmFunction.GetErrorCodes), code, message, code != 0 && ControllerCodes.DescribeError(code).NeedsRestart);
            _errors.Add(code, fault);
        }

        return fault;
    }

    /// <summary>The record of controller warning <paramref name="code"/>: the arm keeps moving.</summary>
    public DeviceErrorException ControllerWarning(int code)
    {
        using Lock.Scope scope = _lock.EnterScope();
        if (!_warnings.TryGetValue(code, out DeviceErrorException? fault))
        {
            fault = new DeviceErrorException(_endpoint, null, Name(XArmFunction.GetErrorCodes), code,
                $"controller warning {ControllerCodes.DescribeWarning(code).Describe('W')} (the arm keeps moving; Lite6Driver.ClearControllerErrors() clears it)", isHardwareAlert: false);
            _warnings.Add(code, fault);
        }

        return fault;
    }
}
