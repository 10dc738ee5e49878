namespace RobotSdk;

/// <summary>What a command frame asks the joints to track.</summary>
public enum CommandMode
{
    /// <summary>Joint positions (radians or metres).</summary>
    Position,

    /// <summary>Joint velocities (rad/s or m/s).</summary>
    Velocity,

    /// <summary>Motor currents (amperes).</summary>
    Current,
}
