namespace RobotSdk.Calibration.Fiducials;

/// <summary>The AprilTag families RobotSdk detects (a subset of what libapriltag ships).</summary>
public enum AprilTagFamily
{
    /// <summary>
    /// tag36h11: 587 ids, 10x10 cells of which the black border square is 8 cells wide
    /// (white quiet ring outside it). The most common printed family.
    /// </summary>
    Tag36h11,

    /// <summary>
    /// tagStandard41h12: 2115 ids, 9x9 cells with a 5-cell border square; data bits lie both
    /// inside and outside the border, so leave white paper around the printed tag.
    /// </summary>
    TagStandard41h12,
}
