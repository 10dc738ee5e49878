namespace RobotSdk.Hardware;

/// <summary>Outcome of one real-time <see cref="IRobotDriver.Read"/> or <see cref="IRobotDriver.Write"/>.</summary>
public enum DriverStatus
{
    /// <summary>The transaction completed.</summary>
    Ok,

    /// <summary>
    /// The transaction failed after its bounded retries (timeout, corrupt reply); the frame
    /// is not valid this cycle but the hardware may recover. Details are in
    /// <see cref="IRobotDriver.Diagnostics"/>.
    /// </summary>
    Error,

    /// <summary>
    /// The hardware is in a state where commanding it is unsafe (device gone, hardware alert,
    /// too many consecutive errors). The control loop deactivates the driver.
    /// </summary>
    MustDeactivate,
}
