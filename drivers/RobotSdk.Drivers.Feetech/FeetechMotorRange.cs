namespace RobotSdk.Drivers.Feetech;

/// <summary>
/// Where one motor is and how far it has travelled while a <see cref="FeetechCalibrationRecorder"/>
/// records the range of motion, in the servo's position counts (after the new homing offset: the
/// home pose reads 2048).
/// </summary>
/// <param name="MotorName">The motor.</param>
/// <param name="Id">Its bus ID.</param>
/// <param name="PresentCounts">Its position at the latest sample.</param>
/// <param name="MinCounts">The lowest position sampled.</param>
/// <param name="MaxCounts">The highest position sampled.</param>
public sealed record FeetechMotorRange(string MotorName, byte Id, int PresentCounts, int MinCounts, int MaxCounts)
{
    /// <summary>The range sampled so far, radians (a UI can show it growing).</summary>
    public double RangeRadians => StsUnits.CountsToRadians(MaxCounts) - StsUnits.CountsToRadians(MinCounts);
}
