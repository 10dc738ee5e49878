using System.Globalization;
using RobotSdk.Hardware;
using RobotSdk.Drivers.UFactory.Protocol;

namespace RobotSdk.Drivers.UFactory;

/// <summary>Configuration-time exchanges, which throw typed faults, and the user's controller calls.</summary>
public sealed partial class Lite6Driver
{
    private static readonly Version DetectionParameterFirmware = new(1, 10, 0);
    private static readonly Version GripperSyncFirmware = new(2, 4, 101);

    private bool _sendDetectionParameter = true;
    private byte? _gripperSync;

    /// <summary>Reads the controller's error and warning codes. Connects first if the driver is not connected.</summary>
    /// <exception cref="HardwareFaultException">The controller cannot be reached or does not answer.</exception>
    public ControllerCodesReading ReadControllerCodes()
    {
        ObjectDisposedException.ThrowIf(State == DriverState.Disposed, this);
        EnsureConnected();
        return ReadCodes(_options.CommandTimeoutMs);
    }

    /// <summary>
    /// Clears the controller's error and warning (functions 16 and 17) and returns the codes that remain
    /// (an error whose cause persists, such as a pressed emergency stop, comes back at once). Connects
    /// first if the driver is not connected. Afterwards the arm is stopped with motion to be enabled
    /// again: call <c>Robot.ClearFault()</c> and <c>Robot.Activate()</c> (Activate enables motion and
    /// sets state 0, as UFactory's <c>clean_error</c> documentation asks).
    /// </summary>
    /// <exception cref="HardwareFaultException">The controller cannot be reached or does not answer.</exception>
    public ControllerCodesReading ClearControllerErrors()
    {
        ObjectDisposedException.ThrowIf(State == DriverState.Disposed, this);
        EnsureConnected();
        Clean(XArmFunction.CleanError);
        Clean(XArmFunction.CleanWarning);
        return ReadCodes(_options.CommandTimeoutMs);
    }

    /// <summary>Clears the error or warning; its own buffer, as it may run beside the control thread's Read.</summary>
    private void Clean(XArmFunction function)
    {
        Span<byte> data = stackalloc byte[8];
        ThrowUnlessOk(_connection.Exchange(function, [], data, 0, _options.CommandTimeoutMs, out _, out _), function);
    }

    private void EnsureConnected()
    {
        if (!_connection.IsConnected)
        {
            Connect();
        }
    }

    private ControllerVersion ReadVersion()
    {
        Command(XArmFunction.GetVersion, [], 1, _options.CommandTimeoutMs, out int length);
        ControllerVersion version = Protocol.ControllerVersion.Parse(XArmPayloads.ReadVersionText(_data.AsSpan(0, length)));

        // Firmware features the SDK checks before using them; an unreadable version is taken as recent.
        _sendDetectionParameter = version.Firmware is null || version.FirmwareIsAtLeast(DetectionParameterFirmware);
        _gripperSync = version.Firmware is null || version.FirmwareIsAtLeast(GripperSyncFirmware) ? (byte)0 : null;
        return version;
    }

    private ControllerCodesReading ReadCodes(int timeoutMs)
    {
        Span<byte> codes = stackalloc byte[2];
        XArmStatus status = _connection.Exchange(XArmFunction.GetErrorCodes, [], codes, 2, timeoutMs, out _, out _);
        ThrowUnlessOk(status, XArmFunction.GetErrorCodes);
        return new ControllerCodesReading(codes[0], codes[1]);
    }

    private XArmStateBits Command(XArmFunction function, ReadOnlySpan<byte> payload, int minimumDataLength, int timeoutMs) =>
        Command(function, payload, minimumDataLength, timeoutMs, out _);

    private XArmStateBits Command(XArmFunction function, ReadOnlySpan<byte> payload, int minimumDataLength, int timeoutMs, out int dataLength)
    {
        XArmStatus status = _connection.Exchange(function, payload, _data, minimumDataLength, timeoutMs, out XArmStateBits flags, out dataLength);
        ThrowUnlessOk(status, function);
        return flags;
    }

    private void ThrowUnlessOk(XArmStatus status, XArmFunction function)
    {
        if (status != XArmStatus.Ok)
        {
            throw Diagnostics.LastFault ?? new HardwareFaultException(Endpoint, null, TransactionFaults.Name(function), $"exchange failed: {status}");
        }
    }

    /// <summary>Throws the controller's error (code read and decoded) or an invalid-request fault.</summary>
    private void ThrowOnControllerFault(XArmFunction function, XArmStateBits flags)
    {
        if ((flags & XArmStateBits.Error) != 0)
        {
            ControllerCodesReading codes = ReadCodes(_options.CommandTimeoutMs);
            DeviceErrorException error = _faults.ControllerError(codes.ErrorCode);
            Diagnostics.CountDeviceError();
            Diagnostics.RecordFault(error);
            throw error;
        }

        if ((flags & XArmStateBits.Invalid) != 0)
        {
            HardwareFaultException invalid = _faults.Invalid(function);
            Diagnostics.RecordFault(invalid);
            throw invalid;
        }
    }

    /// <summary>Polls the state until the controller no longer says "not ready".</summary>
    private void WaitUntilReady()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            XArmStateBits flags = Command(XArmFunction.GetState, [], 1, _options.CommandTimeoutMs);
            ThrowOnControllerFault(XArmFunction.GetState, flags);
            if ((flags & XArmStateBits.NotReady) == 0)
            {
                return;
            }

            if (clock.ElapsedMilliseconds >= _options.ActivationTimeoutMs)
            {
                throw new HardwareFaultException(Endpoint, null, TransactionFaults.Name(XArmFunction.GetState), string.Create(CultureInfo.InvariantCulture,
                    $"the controller is still not ready to move {_options.ActivationTimeoutMs} ms after motion enable, servo mode and state 0 (it reports state {_data[0]}); check UFactory Studio for a stop, a reduced mode or another client"));
            }

            Thread.Sleep(10);
        }
    }
}
