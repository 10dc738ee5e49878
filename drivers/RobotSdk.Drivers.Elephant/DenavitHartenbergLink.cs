namespace RobotSdk.Drivers.Elephant;

/// <summary>
/// One row of a standard Denavit-Hartenberg table: the link transform is
/// Rz(theta = q + <see cref="OffsetRadians"/>) · Tz(<see cref="DMeters"/>) · Tx(<see cref="AMeters"/>) · Rx(<see cref="AlphaRadians"/>).
/// </summary>
/// <param name="DMeters">Offset along the previous z axis, metres.</param>
/// <param name="AMeters">Length along the new x axis, metres.</param>
/// <param name="AlphaRadians">Twist about the new x axis, radians.</param>
/// <param name="OffsetRadians">Added to the joint angle the firmware reports, radians.</param>
public readonly record struct DenavitHartenbergLink(double DMeters, double AMeters, double AlphaRadians, double OffsetRadians);
