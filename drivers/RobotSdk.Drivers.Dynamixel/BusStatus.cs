namespace RobotSdk.Drivers.Dynamixel;

/// <summary>Outcome of a real-time <see cref="DynamixelBus"/> transaction (after its bounded retries).</summary>
public enum BusStatus
{
    /// <summary>Every expected reply arrived intact and without error.</summary>
    Ok,

    /// <summary>A reply did not arrive (completely) in time on every attempt: servo missing, unpowered, wrong baud rate or ID.</summary>
    Timeout,

    /// <summary>A reply failed its CRC or was malformed on the last attempt: noise, a bad cable, two servos with one ID.</summary>
    Corrupt,

    /// <summary>A servo answered with an error code (range, limit, access, ...); data that came back is still written.</summary>
    DeviceError,

    /// <summary>A servo set the hardware alert bit (overload, overheating, voltage, ...); data that came back is still written. Needs a reboot.</summary>
    HardwareAlert,

    /// <summary>The port is closed or the device vanished (adapter unplugged, emulator gone).</summary>
    Disconnected,
}
