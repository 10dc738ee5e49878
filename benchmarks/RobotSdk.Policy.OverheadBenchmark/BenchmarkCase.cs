namespace RobotSdk.Policy.OverheadBenchmark;

/// <summary>
/// One comparison: the .NET subjects that run a piece of work and the bare Node.js command that
/// runs the same work, each timed call by call, <see cref="Runs"/> timed calls after
/// <see cref="Warmup"/> untimed ones per round.
/// </summary>
/// <param name="Name">Short name for the report ("tiny-pi0-step").</param>
/// <param name="Description">What one call does.</param>
/// <param name="NodeArguments">The script and its arguments for <c>node</c>, without --runs, --warmup and --threads.</param>
/// <param name="Subjects">Factories of the .NET subjects, each created once and timed every round.</param>
/// <param name="Runs">Timed calls per side and round.</param>
/// <param name="Warmup">Untimed calls before them.</param>
internal sealed record BenchmarkCase(
    string Name,
    string Description,
    IReadOnlyList<string> NodeArguments,
    IReadOnlyList<Func<IInferenceSubject>> Subjects,
    int Runs,
    int Warmup);
