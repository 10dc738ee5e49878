namespace RobotSdk.Calibration;

/// <summary>What a Levenberg-Marquardt run did.</summary>
/// <param name="Iterations">Jacobian evaluations.</param>
/// <param name="Converged">Whether it stopped on a convergence test rather than the cap.</param>
/// <param name="Cost">Final (Huber) cost.</param>
/// <param name="Residuals">Final residuals.</param>
internal sealed record LevenbergMarquardtOutcome(int Iterations, bool Converged, double Cost, double[] Residuals);
