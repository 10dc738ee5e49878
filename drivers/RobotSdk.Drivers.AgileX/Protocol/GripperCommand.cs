namespace RobotSdk.Drivers.AgileX;

/// <summary>
/// Gripper control (0x159). Layout per piper_sdk's <c>ArmMsgGripperCtrl</c>: bytes 0-3 stroke
/// (int32, 0.001 mm, the distance between the fingers), 4-5 effort (u16, 0.001 N·m, 0 to 5000),
/// 6 enable code, 7 set-zero flag (0xAE sets the present stroke as zero, 0x00 otherwise).
/// </summary>
/// <param name="StrokeMeters">Target opening between the fingers, metres (0 to 0.07 on the standard gripper).</param>
/// <param name="EffortNewtonMeters">Gripping effort, N·m, 0 to 5.</param>
/// <param name="Code">Enable, disable, and whether to clear an error.</param>
/// <param name="SetZero">Whether to make the present stroke the zero.</param>
public readonly record struct GripperCommand(double StrokeMeters, double EffortNewtonMeters, GripperCode Code, bool SetZero = false)
{
    /// <summary>The largest effort the gripper accepts, N·m (5000 units of 0.001 N·m).</summary>
    public const double MaxEffortNewtonMeters = 5.0;

    /// <summary>Byte 7 value that sets the zero.</summary>
    public const byte SetZeroFlag = 0xAE;
}
