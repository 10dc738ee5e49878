namespace RobotSdk.Drivers.AgileX;

/// <summary>
/// The gripper feedback frame (0x2A8), per piper_sdk's <c>ArmMsgFeedbackGripper</c>: bytes 0-3
/// stroke (int32, 0.001 mm), 4-5 torque (int16, 0.001 N·m), 6 status, 7 reserved.
/// </summary>
/// <param name="StrokeMeters">Opening between the fingers, metres.</param>
/// <param name="EffortNewtonMeters">Gripper torque, N·m.</param>
/// <param name="Status">The gripper driver's flags (enabled, errors).</param>
public readonly record struct GripperFeedback(double StrokeMeters, double EffortNewtonMeters, GripperStatus Status);
