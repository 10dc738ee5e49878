namespace RobotSdk.Calibration.Fiducials;

/// <summary>Layout facts of each family (libapriltag's <c>width_at_border</c> and <c>total_width</c>).</summary>
public static class AprilTagFamilyInfo
{
    /// <summary>
    /// Cells across the border square whose edge is the tag size that poses use (36h11: 8, 41h12: 5).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Unknown family.</exception>
    public static int BorderWidthCells(AprilTagFamily family) => family switch
    {
        AprilTagFamily.Tag36h11 => 8,
        AprilTagFamily.TagStandard41h12 => 5,
        _ => throw new ArgumentOutOfRangeException(nameof(family), family, "Unknown AprilTag family."),
    };

    /// <summary>Cells across the whole printed bitmap (36h11: 10, 41h12: 9).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Unknown family.</exception>
    public static int TotalWidthCells(AprilTagFamily family) => family switch
    {
        AprilTagFamily.Tag36h11 => 10,
        AprilTagFamily.TagStandard41h12 => 9,
        _ => throw new ArgumentOutOfRangeException(nameof(family), family, "Unknown AprilTag family."),
    };

    /// <summary>Number of distinct ids (36h11: 587, 41h12: 2115).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Unknown family.</exception>
    public static int IdCount(AprilTagFamily family) => family switch
    {
        AprilTagFamily.Tag36h11 => 587,
        AprilTagFamily.TagStandard41h12 => 2115,
        _ => throw new ArgumentOutOfRangeException(nameof(family), family, "Unknown AprilTag family."),
    };
}
