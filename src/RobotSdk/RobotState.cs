namespace RobotSdk;

/// <summary>Lifecycle state of a <see cref="Robot"/>.</summary>
public enum RobotState
{
    /// <summary>Not connected to its hardware.</summary>
    Disconnected,

    /// <summary>Connected; state is read every cycle, torque off, no commands.</summary>
    Inactive,

    /// <summary>Torque on; commands pass the safety layer to the hardware.</summary>
    Active,

    /// <summary>The driver reported a fault; torque was turned off. See <see cref="Robot.Fault"/>.</summary>
    Faulted,

    /// <summary>Disposed.</summary>
    Disposed,
}
