namespace RobotSdk.Calibration.Files;

/// <summary>How well a kinematic calibration fits, as stored in the file.</summary>
/// <param name="RmsReprojectionErrorPixels">Root-mean-square reprojection error per image coordinate at the solution, pixels.</param>
/// <param name="PoseCount">Poses used to solve.</param>
/// <param name="Converged">Whether the solver met its convergence test.</param>
public sealed record CalibrationResiduals(double RmsReprojectionErrorPixels, int PoseCount, bool Converged)
{
    /// <summary>Poses held out of the solve to check it; 0 when none were.</summary>
    public int HeldOutPoseCount { get; init; }

    /// <summary>Median tool position error over the held-out poses, millimetres; null when none were held out.</summary>
    public double? HeldOutToolErrorMedianMillimetres { get; init; }

    /// <summary>95th percentile tool position error over the held-out poses, millimetres; null when none were held out.</summary>
    public double? HeldOutToolErrorP95Millimetres { get; init; }
}
