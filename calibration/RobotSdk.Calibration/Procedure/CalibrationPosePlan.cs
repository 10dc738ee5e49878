namespace RobotSdk.Calibration.Procedure;

/// <summary>Generated calibration poses: joint positions in chain order, radians (metres for a slide).</summary>
/// <param name="Calibration">Poses for identification.</param>
/// <param name="HeldOut">Poses kept out of identification, to score it.</param>
/// <param name="Attempts">Random configurations drawn to find them.</param>
public sealed record CalibrationPosePlan(IReadOnlyList<IReadOnlyList<double>> Calibration, IReadOnlyList<IReadOnlyList<double>> HeldOut, int Attempts);
