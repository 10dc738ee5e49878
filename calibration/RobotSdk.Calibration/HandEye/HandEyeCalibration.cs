using RobotSdk.Calibration.Fiducials;
using RobotSdk.Calibration.Identification;
using RobotSdk.Geometry;

namespace RobotSdk.Calibration.HandEye;

/// <summary>
/// Hand-eye calibration from tag observations: where the camera is relative to the arm, and where
/// the tag is. Eye-to-hand: a fixed camera watches a tag on the gripper. Eye-in-hand: a wrist
/// camera watches a tag fixed in the scene. A closed form (Park-Martin on AX = XB) starts a joint
/// nonlinear refinement of both poses on the corners' reprojection error.
/// </summary>
public static class HandEyeCalibration
{
    /// <summary>Fewest poses: two motions with non-parallel rotation axes need three poses.</summary>
    public const int MinimumPoses = 3;

    /// <summary>
    /// Closed form from tool poses (world to tool, from forward kinematics) and tag poses measured in
    /// the camera frame (camera to tag, from a tag detector). Motions should rotate about at least two
    /// different axes; more and larger rotations give better conditioning.
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than <see cref="MinimumPoses"/> poses, mismatched counts or non-finite poses.</exception>
    public static HandEyeResult SolveClosedForm(IReadOnlyList<Pose> toolPoses, IReadOnlyList<Pose> tagInCamera, CameraMount mount)
    {
        ArgumentNullException.ThrowIfNull(toolPoses);
        ArgumentNullException.ThrowIfNull(tagInCamera);
        CheckPoseCount(toolPoses.Count, nameof(toolPoses));
        ObservationValidation.CheckCounts(toolPoses.Count, tagInCamera.Count, "tag poses", nameof(tagInCamera));
        RigidMotion[] tools = ToMotions(toolPoses, nameof(toolPoses));
        RigidMotion[] tags = ToMotions(tagInCamera, nameof(tagInCamera));
        (RigidMotion camera, RigidMotion tag) = ClosedForm(tools, tags, mount);
        return new HandEyeResult(mount, camera.ToPose(), tag.ToPose(), double.NaN);
    }

    /// <summary>
    /// Calibrates from the tag's corners in each image: a tag pose per image, the closed form, then
    /// Levenberg-Marquardt on every corner's reprojection error over the camera and tag poses.
    /// </summary>
    /// <param name="toolPoses">World-to-tool transform of each pose (forward kinematics of the measured joints).</param>
    /// <param name="corners">The four tag corners in each image, in <see cref="AprilTagDetection.Corners"/>'s order (pass a detection's corners as they are).</param>
    /// <param name="intrinsics">The camera's intrinsics.</param>
    /// <param name="tagSizeMeters">Side of the tag's black square, metres.</param>
    /// <param name="mount">Fixed (eye-to-hand) or wrist (eye-in-hand).</param>
    /// <exception cref="ArgumentException">Too few poses, mismatched counts, non-finite values or a bad tag size.</exception>
    public static HandEyeResult Solve(IReadOnlyList<Pose> toolPoses, IReadOnlyList<IReadOnlyList<PixelPoint>> corners, CameraIntrinsics intrinsics, double tagSizeMeters, CameraMount mount)
    {
        ArgumentNullException.ThrowIfNull(toolPoses);
        ArgumentNullException.ThrowIfNull(corners);
        CheckPoseCount(toolPoses.Count, nameof(toolPoses));
        ObservationValidation.CheckCounts(toolPoses.Count, corners.Count, "corner sets", nameof(corners));
        CameraModel camera = ObservationValidation.CameraModelOf(intrinsics, nameof(intrinsics));
        ObservationValidation.CheckTagSize(tagSizeMeters, nameof(tagSizeMeters));
        RigidMotion[] tools = ToMotions(toolPoses, nameof(toolPoses));
        PixelPoint[] flat = ObservationValidation.FlattenCorners(corners, nameof(corners));
        var model = new CalibrationModel(tools, flat, camera, tagSizeMeters, mount);
        (RigidMotion cameraPose, RigidMotion tagPose) = Initialize(tools, flat, camera, tagSizeMeters, mount);
        model.SetPoses(cameraPose, tagPose);
        LevenbergMarquardtOutcome outcome = LevenbergMarquardt.Minimize(model, 100, 0);
        double rms = Math.Sqrt(2 * outcome.Cost / outcome.Residuals.Length);
        return new HandEyeResult(mount, model.Camera.ToPose(), model.Tag.ToPose(), rms);
    }

    /// <summary>Camera and tag poses from corners: a tag pose per image (<see cref="TagPoseEstimator"/>), then the closed form.</summary>
    internal static (RigidMotion Camera, RigidMotion Tag) Initialize(RigidMotion[] tools, PixelPoint[] corners, CameraModel camera, double tagSizeMeters, CameraMount mount)
    {
        var tags = new RigidMotion[tools.Length];
        for (int i = 0; i < tools.Length; i++)
        {
            var imageCorners = new ArraySegment<PixelPoint>(corners, i * AprilTagGeometry.CornerCount, AprilTagGeometry.CornerCount);
            tags[i] = RigidMotion.FromPose(TagPoseEstimator.Estimate(camera, imageCorners, tagSizeMeters).CameraFromObject);
        }

        return ClosedForm(tools, tags, mount);
    }

    /// <summary>
    /// Fixed camera X (world to camera), tag Y (tool to tag): X C_i = F_i Y, so F_j F_i^-1 X = X C_j C_i^-1.
    /// Wrist camera X (tool to camera), tag Z (world to tag): F_i X C_i = Z, so F_j^-1 F_i X = X C_j C_i^-1.
    /// </summary>
    internal static (RigidMotion Camera, RigidMotion Tag) ClosedForm(RigidMotion[] tools, RigidMotion[] tags, CameraMount mount)
    {
        var a = new List<RigidMotion>();
        var b = new List<RigidMotion>();
        int n = tools.Length;
        for (int i = 0; i < n; i++)
        {
            // Pairs up to 20 poses apart: plenty of distinct motions without n^2 cost.
            for (int j = i + 1; j < Math.Min(n, i + 21); j++)
            {
                a.Add(mount == CameraMount.Fixed ? tools[j] * tools[i].Inverse() : tools[j].Inverse() * tools[i]);
                b.Add(tags[j] * tags[i].Inverse());
            }
        }

        RigidMotion camera = ParkMartin.Solve(a, b);
        var second = new RigidMotion[n];
        for (int i = 0; i < n; i++)
        {
            second[i] = mount == CameraMount.Fixed ? tools[i].Inverse() * camera * tags[i] : tools[i] * camera * tags[i];
        }

        return (camera, ParkMartin.Mean(second));
    }

    private static void CheckPoseCount(int count, string parameterName)
    {
        if (count < MinimumPoses)
        {
            throw new ArgumentException($"Hand-eye calibration needs at least {MinimumPoses} poses; got {count}.", parameterName);
        }
    }

    private static RigidMotion[] ToMotions(IReadOnlyList<Pose> poses, string parameterName)
    {
        var motions = new RigidMotion[poses.Count];
        for (int i = 0; i < poses.Count; i++)
        {
            ObservationValidation.CheckPose(poses[i], i, parameterName);
            motions[i] = RigidMotion.FromPose(poses[i]);
        }

        return motions;
    }
}
