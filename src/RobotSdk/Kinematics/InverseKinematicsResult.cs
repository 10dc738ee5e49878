namespace RobotSdk.Kinematics;

/// <summary>Outcome of an inverse kinematics solve.</summary>
/// <param name="Converged">Whether the tolerances were met.</param>
/// <param name="Iterations">Iterations used.</param>
/// <param name="PositionErrorMeters">Remaining tool position error.</param>
/// <param name="OrientationErrorRadians">Remaining orientation error.</param>
public readonly record struct InverseKinematicsResult(bool Converged, int Iterations, double PositionErrorMeters, double OrientationErrorRadians);
