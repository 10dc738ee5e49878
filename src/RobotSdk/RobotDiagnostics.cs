namespace RobotSdk;

/// <summary>Counters of a robot's control loop and safety layer since it connected.</summary>
/// <param name="Cycles">Control cycles run while connected.</param>
/// <param name="ReadErrors">Cycles whose driver read failed transiently.</param>
/// <param name="WriteErrors">Cycles whose driver write failed transiently.</param>
/// <param name="WatchdogTrips">Times streamed commands went stale and the arm stopped.</param>
/// <param name="WorkspaceRejections">Cycles in which a step toward or beyond the workspace box was refused.</param>
/// <param name="LimitedCycles">Cycles in which a position, velocity, acceleration or step limit changed the command.</param>
public sealed record RobotDiagnostics(long Cycles, long ReadErrors, long WriteErrors, long WatchdogTrips, long WorkspaceRejections, long LimitedCycles);
