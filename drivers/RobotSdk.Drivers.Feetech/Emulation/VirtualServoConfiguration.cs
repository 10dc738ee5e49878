using System.Runtime.Versioning;

namespace RobotSdk.Drivers.Feetech.Emulation;

/// <summary>One virtual STS3215 on an emulated bus and the joint it drives.</summary>
/// <param name="Id">Servo ID at power-on, 0 to 253 (a client may change it by writing the ID item).</param>
/// <param name="JointIndex">The joint it moves in the emulator's <see cref="RobotSdk.Hardware.IJointBackend"/>.</param>
/// <param name="Direction">+1 when the servo's counts grow with the joint angle, -1 when the servo is mounted reversed.</param>
/// <param name="ZeroOffsetRadians">
/// Where the joint's zero sits on the servo's encoder, relative to its centre count 2048 (a horn
/// mounted off by a few teeth): the servo angle is <c>Direction * joint + ZeroOffsetRadians</c>.
/// Calibration (the homing offset) has to find and cancel it.
/// </param>
/// <param name="ModelNumber">
/// The model number the servo reports at address 3 (default 777, an STS3215). Another value models
/// a wrong servo on the bus; the control table stays the STS3215's.
/// </param>
[SupportedOSPlatform("linux")]
public sealed record VirtualServoConfiguration(byte Id, int JointIndex, int Direction = 1, double ZeroOffsetRadians = 0, int ModelNumber = Sts3215.ModelNumberValue);
