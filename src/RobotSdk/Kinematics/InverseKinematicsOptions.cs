namespace RobotSdk.Kinematics;

/// <summary>Settings of <see cref="SerialChain.SolveInverseKinematics"/>.</summary>
public sealed record InverseKinematicsOptions
{
    /// <summary>Defaults: 1e-4 m, 1e-3 rad, 200 iterations, damping 0.05, position only.</summary>
    public static InverseKinematicsOptions Default { get; } = new();

    /// <summary>Stop when the tool is this close to the target, metres.</summary>
    public double PositionToleranceMeters { get; init; } = 1e-4;

    /// <summary>Stop when the orientation error is below this, radians (when orientation counts).</summary>
    public double OrientationToleranceRadians { get; init; } = 1e-3;

    /// <summary>Iteration cap.</summary>
    public int MaxIterations { get; init; } = 200;

    /// <summary>Damping lambda, metres; larger is more robust near singularities, slower to converge.</summary>
    public double Damping { get; init; } = 0.05;

    /// <summary>Largest joint change per iteration, radians.</summary>
    public double MaxStepRadians { get; init; } = 0.2;

    /// <summary>
    /// Further attempts from spread-out seeds when the solve from the caller's seed fails
    /// (the converged solution nearest that seed wins). Default 16; 0 for a single attempt.
    /// </summary>
    public int Restarts { get; init; } = 16;

    /// <summary>Metres of position error one radian of orientation error is worth; 0 ignores orientation.</summary>
    public double OrientationWeight { get; init; }
}
