using RobotSdk.Geometry;

namespace RobotSdk.Calibration;

/// <summary>A pose solved from image points, with how well it explains them.</summary>
/// <param name="CameraFromObject">The object's frame in the camera frame: <c>CameraFromObject.Transform(p)</c> maps an object point to camera coordinates (metres).</param>
/// <param name="ReprojectionRmsPixels">Root-mean-square distance between the observed and the reprojected points, in pixels.</param>
/// <param name="PointCount">How many point correspondences were used.</param>
public sealed record PoseEstimate(Pose CameraFromObject, double ReprojectionRmsPixels, int PointCount);
