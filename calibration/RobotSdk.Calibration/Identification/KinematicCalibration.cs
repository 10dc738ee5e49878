using RobotSdk.Geometry;

namespace RobotSdk.Calibration.Identification;

/// <summary>The outcome of kinematic identification.</summary>
/// <param name="Calibrated">
/// The nominal chain corrected: each joint's zero offset folded into its origin (origin * motion(offset)),
/// each link length error added along its nominal translation. Forward and inverse kinematics over it
/// take the measured joint positions unchanged.
/// </param>
/// <param name="JointOffsetsRadians">Per chain joint: true position = measured + offset (0 where held); metres for a slide.</param>
/// <param name="LinkLengthErrorsMeters">Per link (joint origins base to wrist, then the tool): the length added (0 where held).</param>
/// <param name="Mount">Where the camera is.</param>
/// <param name="CameraPose">Fixed camera: in the chain's world frame. Wrist camera: in the tool frame (of the calibrated chain).</param>
/// <param name="TagPose">Fixed camera: the tag in the tool frame. Wrist camera: the tag in the world frame. Tag frame of <see cref="Fiducials.AprilTagGeometry"/>.</param>
/// <param name="RmsReprojectionErrorPixels">Root-mean-square reprojection error per image coordinate at the solution, pixels (about the corner noise's standard deviation when the model fits).</param>
/// <param name="Iterations">Levenberg-Marquardt iterations of the final stage.</param>
/// <param name="Converged">Whether the final stage met its convergence test.</param>
/// <param name="Identifiability">What the data could and could not determine.</param>
public sealed record KinematicCalibration(
    KinematicChainDescription Calibrated,
    IReadOnlyList<double> JointOffsetsRadians,
    IReadOnlyList<double> LinkLengthErrorsMeters,
    CameraMount Mount,
    Pose CameraPose,
    Pose TagPose,
    double RmsReprojectionErrorPixels,
    int Iterations,
    bool Converged,
    IdentifiabilityReport Identifiability);
