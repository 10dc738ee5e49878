namespace RobotSdk.Drivers.Feetech;

/// <summary>Outcome of one real-time bus transaction (<see cref="FeetechBus.SyncRead"/>, <see cref="FeetechBus.SyncWrite"/>).</summary>
public enum FeetechStatus
{
    /// <summary>Every expected reply arrived intact with a clear error byte.</summary>
    Ok,

    /// <summary>A reply did not arrive (completely) within the reply timeout, after all retries.</summary>
    Timeout,

    /// <summary>A reply failed its checksum or was malformed, after all retries.</summary>
    Corrupt,

    /// <summary>
    /// Every reply arrived intact but at least one servo set bits in its error byte (overload,
    /// overheat...). The data read is valid; <see cref="FeetechBus.LastErrorId"/> and
    /// <see cref="FeetechBus.LastErrorFlags"/> say who and what.
    /// </summary>
    DeviceError,

    /// <summary>The port vanished (adapter unplugged, emulator closed); nothing more will get through.</summary>
    Disconnected,
}
