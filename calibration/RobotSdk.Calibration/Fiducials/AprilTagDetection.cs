namespace RobotSdk.Calibration.Fiducials;

/// <summary>One decoded AprilTag in an image.</summary>
/// <param name="Family">The tag's family.</param>
/// <param name="Id">The tag's id within its family.</param>
/// <param name="Hamming">Bit errors corrected to decode it (0 is best).</param>
/// <param name="DecisionMargin">libapriltag's decoding confidence (average gap between bit values and threshold); small values suggest a false detection.</param>
/// <param name="Center">The tag centre (projection of the tag-frame origin), in RobotSdk's pixel convention.</param>
/// <param name="Corners">
/// The border-square corners in RobotSdk's pixel convention (centres at +0.5), in libapriltag's order:
/// tag-frame (-s,+s), (+s,+s), (+s,-s), (-s,-s) with s half the tag size; for an upright tag seen head-on:
/// bottom-left, bottom-right, top-right, top-left (see <see cref="AprilTagGeometry"/>).
/// </param>
public sealed record AprilTagDetection(AprilTagFamily Family, int Id, int Hamming, double DecisionMargin, PixelPoint Center, IReadOnlyList<PixelPoint> Corners);
