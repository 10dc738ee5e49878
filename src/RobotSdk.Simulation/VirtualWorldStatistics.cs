namespace RobotSdk.Simulation;

/// <summary>How well a <see cref="VirtualWorld"/> keeps real time, since it was started.</summary>
/// <param name="Steps">Physics steps taken since the world was made (manual and real-time).</param>
/// <param name="SimulatedSeconds">Simulated time advanced while running in real time, seconds.</param>
/// <param name="WallSeconds">Wall time spent running in real time, seconds.</param>
/// <param name="LateSteps">Steps that ran later than <see cref="VirtualWorldOptions.LateStepThreshold"/> after their due time.</param>
/// <param name="DroppedSeconds">Backlog given up when the simulation fell more than <see cref="VirtualWorldOptions.MaxLag"/> behind, seconds.</param>
/// <param name="WorstLagSeconds">The latest any step ran after its due time, seconds.</param>
/// <param name="StepCostSeconds">Mean CPU time of one step (controls, physics, publishing), seconds.</param>
public readonly record struct VirtualWorldStatistics(
    long Steps,
    double SimulatedSeconds,
    double WallSeconds,
    long LateSteps,
    double DroppedSeconds,
    double WorstLagSeconds,
    double StepCostSeconds)
{
    /// <summary>Simulated over wall time while running (1 when keeping up; 0 before it runs).</summary>
    public double RealTimeFactor => WallSeconds > 0 ? SimulatedSeconds / WallSeconds : 0;

    /// <summary>How long one step may take before the world cannot keep real time: the timestep over the mean step cost.</summary>
    /// <param name="timestepSeconds">The model's timestep.</param>
    public double Headroom(double timestepSeconds) => StepCostSeconds > 0 ? timestepSeconds / StepCostSeconds : double.PositiveInfinity;

    /// <inheritdoc />
    public override string ToString() =>
        $"{Steps} steps, real-time factor {RealTimeFactor:F3} over {WallSeconds:F2} s, {LateSteps} late, {DroppedSeconds * 1000:F0} ms dropped, worst lag {WorstLagSeconds * 1000:F1} ms, {StepCostSeconds * 1e6:F0} us/step";
}
