namespace RobotSdk.Drivers.AgileX;

/// <summary>
/// Motion control 2 (0x151): who commands the arm and how it moves. Layout per piper_sdk's
/// <c>ArmMsgMotionCtrl_2</c>: byte 0 control mode, 1 move mode, 2 speed percent (0-100),
/// 3 MIT flag, 4 offline-trajectory residence time (s), 5 installation position, 6-7 zero.
/// </summary>
/// <param name="ControlMode">Who commands the arm (<see cref="ControlMode.CanControl"/> for this SDK).</param>
/// <param name="MoveMode">How targets are interpreted (<see cref="MoveMode.Joint"/> for this SDK).</param>
/// <param name="SpeedPercent">Speed as a percentage of the arm's maximum, 0 to 100.</param>
/// <param name="MitMode">Position-speed or MIT control.</param>
public readonly record struct MotionControlCommand(ControlMode ControlMode, MoveMode MoveMode, int SpeedPercent, MitMode MitMode)
{
    /// <summary>How long the arm stays at each offline-trajectory point, seconds (0-255); 0 here.</summary>
    public byte ResidenceTimeSeconds { get; init; }

    /// <summary>Installation position (firmware V1.5-2+): 0 unchanged, 1 upright, 2 left side, 3 right side.</summary>
    public byte InstallationPosition { get; init; }
}
