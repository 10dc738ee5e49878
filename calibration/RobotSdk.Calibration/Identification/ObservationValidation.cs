using RobotSdk.Calibration.Fiducials;
using RobotSdk.Geometry;

namespace RobotSdk.Calibration.Identification;

/// <summary>Argument checks shared by the calibration entry points, with messages that say which pose is wrong.</summary>
internal static class ObservationValidation
{
    public static void CheckTagSize(double tagSizeMeters, string parameterName)
    {
        if (!double.IsFinite(tagSizeMeters) || tagSizeMeters <= 0)
        {
            throw new ArgumentOutOfRangeException(parameterName, tagSizeMeters, "The tag size must be a positive number of metres.");
        }
    }

    /// <summary>The camera model of checked intrinsics: positive finite focal lengths, finite principal point, five finite distortion coefficients.</summary>
    public static CameraModel CameraModelOf(CameraIntrinsics intrinsics, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(intrinsics, parameterName);
        if (!(intrinsics.FocalLengthX > 0) || !(intrinsics.FocalLengthY > 0) || !double.IsFinite(intrinsics.FocalLengthX) || !double.IsFinite(intrinsics.FocalLengthY)
            || !double.IsFinite(intrinsics.PrincipalPointX) || !double.IsFinite(intrinsics.PrincipalPointY)
            || intrinsics.Distortion is null || intrinsics.Distortion.Count != 5 || intrinsics.Distortion.Any(d => !double.IsFinite(d)))
        {
            throw new ArgumentException("The camera intrinsics need positive focal lengths, a finite principal point and five finite distortion coefficients (k1, k2, k3, p1, p2).", parameterName);
        }

        return new CameraModel(intrinsics);
    }

    /// <summary>Flattens per-pose corners, checking four finite corners per pose.</summary>
    public static PixelPoint[] FlattenCorners(IReadOnlyList<IReadOnlyList<PixelPoint>> corners, string parameterName)
    {
        var flat = new PixelPoint[corners.Count * AprilTagGeometry.CornerCount];
        for (int i = 0; i < corners.Count; i++)
        {
            IReadOnlyList<PixelPoint>? pose = corners[i];
            if (pose is null || pose.Count != AprilTagGeometry.CornerCount)
            {
                throw new ArgumentException($"Pose {i} has {pose?.Count ?? 0} tag corners; every pose needs exactly {AprilTagGeometry.CornerCount}.", parameterName);
            }

            for (int k = 0; k < AprilTagGeometry.CornerCount; k++)
            {
                PixelPoint point = pose[k];
                if (!double.IsFinite(point.X) || !double.IsFinite(point.Y))
                {
                    throw new ArgumentException($"Pose {i}, corner {k} is not a finite pixel position ({point.X}, {point.Y}).", parameterName);
                }

                flat[(i * AprilTagGeometry.CornerCount) + k] = point;
            }
        }

        return flat;
    }

    public static void CheckPose(Pose pose, int index, string parameterName)
    {
        Rotation q = pose.Orientation;
        double norm = Math.Sqrt((q.W * q.W) + (q.X * q.X) + (q.Y * q.Y) + (q.Z * q.Z));
        if (!double.IsFinite(pose.Position.X) || !double.IsFinite(pose.Position.Y) || !double.IsFinite(pose.Position.Z) || !double.IsFinite(norm) || norm < 1e-9)
        {
            throw new ArgumentException($"Pose {index} is not a finite rigid transform.", parameterName);
        }
    }

    public static void CheckCounts(int expected, int actual, string what, string parameterName)
    {
        if (expected != actual)
        {
            throw new ArgumentException($"Got {actual} {what} for {expected} poses; the counts must match.", parameterName);
        }
    }
}
