namespace RobotSdk.Hardware;

/// <summary>
/// What a device emulator moves: a set of joints in SI units. An emulator speaks its bus
/// protocol and converts register values to calls on this interface; a first-order model
/// implements it for protocol tests, a physics simulation for virtual arms. Emulators
/// never know which. Implementations are thread-safe.
/// </summary>
public interface IJointBackend
{
    /// <summary>Number of joints, indexed from 0.</summary>
    int JointCount { get; }

    /// <summary>Turns a joint's actuator on (tracks its goal) or off (free to move, holds nothing).</summary>
    void SetTorqueEnabled(int joint, bool enabled);

    /// <summary>Sets a joint's goal position, radians (or metres).</summary>
    void SetGoalPosition(int joint, double position);

    /// <summary>The joint's present position, radians (or metres).</summary>
    double GetPresentPosition(int joint);

    /// <summary>The joint's present velocity, rad/s (or m/s).</summary>
    double GetPresentVelocity(int joint);

    /// <summary>The joint's present motor current, amperes (0 where not modelled).</summary>
    double GetPresentCurrent(int joint);
}
