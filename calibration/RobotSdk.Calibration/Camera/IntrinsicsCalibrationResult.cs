using RobotSdk.Geometry;

namespace RobotSdk.Calibration;

/// <summary>What <see cref="IntrinsicsCalibration.Calibrate"/> found.</summary>
/// <param name="Intrinsics">The camera: focal lengths, principal point and distortion (k1, k2, k3, p1, p2; held ones 0).</param>
/// <param name="CameraFromBoard">Each view's board pose in the camera frame, in the order of the views.</param>
/// <param name="ReprojectionRmsPixels">Root-mean-square pixel distance between observed and reprojected points over all views.</param>
/// <param name="ViewReprojectionRmsPixels">The same per view: a view far above the rest has a bad detection.</param>
/// <param name="StandardDeviations">One-sigma uncertainty of each intrinsic parameter from the final Jacobian, scaled by the residual variance.</param>
/// <param name="Iterations">Levenberg-Marquardt iterations.</param>
/// <param name="Converged">Whether the refinement stopped on its convergence test rather than the iteration cap.</param>
public sealed record IntrinsicsCalibrationResult(
    CameraIntrinsics Intrinsics,
    IReadOnlyList<Pose> CameraFromBoard,
    double ReprojectionRmsPixels,
    IReadOnlyList<double> ViewReprojectionRmsPixels,
    IntrinsicsUncertainty StandardDeviations,
    int Iterations,
    bool Converged);
