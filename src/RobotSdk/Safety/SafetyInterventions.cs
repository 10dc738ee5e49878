namespace RobotSdk.Safety;

/// <summary>What the safety layer changed in a cycle's command. Flags combine.</summary>
[Flags]
public enum SafetyInterventions
{
    /// <summary>The command went out as asked.</summary>
    None = 0,

    /// <summary>A target was clamped to a joint's position range.</summary>
    PositionLimit = 1 << 0,

    /// <summary>A step was shortened to respect a velocity limit.</summary>
    VelocityLimit = 1 << 1,

    /// <summary>A step was changed to respect an acceleration limit.</summary>
    AccelerationLimit = 1 << 2,

    /// <summary>A step was shortened to the per-cycle maximum step.</summary>
    MaxStep = 1 << 3,

    /// <summary>The step would have taken the tool (further) out of the workspace box; the arm held.</summary>
    Workspace = 1 << 4,

    /// <summary>The e-stop is latched; the arm holds (or torque is off).</summary>
    EmergencyStop = 1 << 5,

    /// <summary>Streamed targets went stale; the arm stopped and holds.</summary>
    WatchdogHold = 1 << 6,

    /// <summary>The driver reported a fault; torque is off and nothing is sent.</summary>
    Fault = 1 << 7,
}
