namespace RobotSdk.Cli.Calibration;

/// <summary>One joint's zero offset, identification's convention (true = measured + offset), degrees.</summary>
/// <param name="Name">The chain joint.</param>
/// <param name="Estimated">Whether identification estimated it (false: held at 0, absorbed by the camera or tag pose).</param>
/// <param name="OffsetDeg">The identified offset.</param>
/// <param name="TrueOffsetDeg">Virtual arms only: the simulation's offset in the same convention (its own is encoder = physical + offset, so negated); null for a real arm.</param>
internal sealed record CalibrationRunJoint(string Name, bool Estimated, double OffsetDeg, double? TrueOffsetDeg);
