namespace RobotSdk.Drivers.AgileX;

/// <summary>
/// Motor enable/disable (0x471). Layout per piper_sdk's <c>ArmMsgMotorEnableDisableConfig</c>:
/// byte 0 the motor, byte 1 0x02 enable or 0x01 disable, bytes 2-7 zero.
/// </summary>
/// <param name="Motor">
/// 1 to 6 one joint; 7 all motors, as piper_sdk's <c>EnableArm</c>/<c>DisableArm</c> send it by default
/// ("7 represents all motors"; the message definition calls 7 the gripper and 0xFF all motors,
/// which this SDK's emulator also accepts).
/// </param>
/// <param name="Enable">True enables (0x02), false disables (0x01).</param>
public readonly record struct MotorEnableCommand(byte Motor, bool Enable)
{
    /// <summary>Motor number 7: every motor, as piper_sdk's EnableArm sends it (the golden vector <c>t47180702000000000000</c>).</summary>
    public const byte AllMotors = 7;

    /// <summary>Motor number 0xFF: every motor, per piper_sdk's message definition.</summary>
    public const byte AllMotorsAlternative = 0xFF;

    /// <summary>Byte 1 value that enables.</summary>
    public const byte EnableFlag = 0x02;

    /// <summary>Byte 1 value that disables.</summary>
    public const byte DisableFlag = 0x01;

    /// <summary>Whether the command concerns every motor (7 or 0xFF).</summary>
    public bool IsAllMotors => Motor is AllMotors or AllMotorsAlternative;
}
