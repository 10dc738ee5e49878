using RobotSdk.Geometry;

namespace RobotSdk.Calibration.HandEye;

/// <summary>A hand-eye calibration.</summary>
/// <param name="Mount">Fixed camera (eye-to-hand) or wrist camera (eye-in-hand).</param>
/// <param name="CameraPose">
/// Fixed: the camera in the world (robot base) frame. Wrist: the camera in the tool frame.
/// Camera frame: x right, y down, z along the optical axis.
/// </param>
/// <param name="TagPose">Fixed: the tag in the tool frame. Wrist: the tag in the world frame. Tag frame of <see cref="Fiducials.AprilTagGeometry"/>.</param>
/// <param name="RmsReprojectionErrorPixels">Root-mean-square reprojection error per image coordinate, pixels; NaN for a closed-form result from poses alone.</param>
public sealed record HandEyeResult(CameraMount Mount, Pose CameraPose, Pose TagPose, double RmsReprojectionErrorPixels);
