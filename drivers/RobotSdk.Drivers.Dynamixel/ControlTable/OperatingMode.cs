namespace RobotSdk.Drivers.Dynamixel;

/// <summary>Values of the Operating Mode item (address 11) on X-series servos.</summary>
public enum OperatingMode
{
    /// <summary>Current (torque) control; Goal Current drives the motor.</summary>
    Current = 0,

    /// <summary>Velocity control; Goal Velocity drives the motor.</summary>
    Velocity = 1,

    /// <summary>Position control within one turn (0 to 4095), Min/Max Position Limit apply. The factory default.</summary>
    Position = 3,

    /// <summary>Multi-turn position control (±256 turns); position limits do not apply.</summary>
    ExtendedPosition = 4,

    /// <summary>Multi-turn position control with the current bounded by Goal Current (grippers).</summary>
    CurrentBasedPosition = 5,

    /// <summary>Direct PWM (voltage) control; Goal PWM drives the motor.</summary>
    Pwm = 16,
}
