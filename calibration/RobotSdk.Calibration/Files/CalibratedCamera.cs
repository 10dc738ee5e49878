using RobotSdk.Geometry;

namespace RobotSdk.Calibration.Files;

/// <summary>The camera a kinematic calibration was made with, as stored in the file.</summary>
/// <param name="Name">The camera's name on the robot, for example <c>overhead</c>.</param>
/// <param name="Intrinsics">Its intrinsics, distortion included.</param>
/// <param name="Mount">Fixed in the scene or carried on the wrist.</param>
/// <param name="Pose">Fixed camera: in the chain's world frame. Wrist camera: in the tool frame of the calibrated chain.</param>
public sealed record CalibratedCamera(string Name, CameraIntrinsics Intrinsics, CameraMount Mount, Pose Pose);
