namespace RobotSdk.Tests.Infrastructure;

/// <summary>
/// Tests that run the real control thread. They run one at a time, after the parallel
/// ones, so their loops do not compete with each other for the machine's two cores.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RealTimeTests
{
    public const string Name = "Real-time control loop";
}
