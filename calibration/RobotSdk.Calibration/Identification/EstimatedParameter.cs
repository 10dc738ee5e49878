namespace RobotSdk.Calibration.Identification;

/// <summary>A parameter the solver estimated.</summary>
/// <param name="Parameter">The parameter.</param>
/// <param name="Value">Its value: radians or metres (pose entries are 0, the poses themselves are in the result).</param>
/// <param name="StandardDeviation">One-sigma uncertainty from the residuals and the Jacobian at the solution, same unit.</param>
public sealed record EstimatedParameter(KinematicParameter Parameter, double Value, double StandardDeviation);
