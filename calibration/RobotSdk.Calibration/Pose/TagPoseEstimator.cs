using RobotSdk.Calibration.Fiducials;

namespace RobotSdk.Calibration;

/// <summary>The pose of a single AprilTag from its four detected corners, computed in C#.</summary>
public static class TagPoseEstimator
{
    /// <summary>
    /// The camera-from-tag pose (tag frame of <see cref="AprilTagGeometry"/>) of one detection.
    /// </summary>
    /// <param name="camera">The camera model (with distortion, if any).</param>
    /// <param name="detection">The detected tag.</param>
    /// <param name="tagSizeMetres">Edge of the tag's black border square, in metres.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The size is not positive.</exception>
    public static PoseEstimate Estimate(CameraModel camera, AprilTagDetection detection, double tagSizeMetres)
    {
        ArgumentNullException.ThrowIfNull(detection);
        return Estimate(camera, detection.Corners, tagSizeMetres);
    }

    /// <summary>The camera-from-tag pose from four corners in <see cref="AprilTagDetection.Corners"/> order.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The size is not positive.</exception>
    /// <exception cref="ArgumentException">Not exactly four corners.</exception>
    public static PoseEstimate Estimate(CameraModel camera, IReadOnlyList<PixelPoint> corners, double tagSizeMetres)
    {
        ArgumentNullException.ThrowIfNull(corners);
        if (corners.Count != 4)
        {
            throw new ArgumentException($"A tag has 4 corners, got {corners.Count}.", nameof(corners));
        }

        return PerspectivePose.EstimatePlanar(camera, AprilTagGeometry.Corners(tagSizeMetres), corners);
    }
}
