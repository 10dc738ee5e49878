using RobotSdk.Hardware;
using RobotSdk.Policy.Manifest;
using RobotSdk.Policy.Runner;

namespace RobotSdk.Policy.Tests.Runner;

/// <summary>
/// A real <see cref="Robot"/> (demo arm, mirror driver, real control loop) with a policy manifest of
/// six joint-absolute numbers per action: five arm joints and the gripper's open fraction.
/// </summary>
internal sealed class RunnerTestRig : IDisposable
{
    public const int Dimensions = 6;

    private RunnerTestRig(Robot robot, PolicyManifest manifest)
    {
        Robot = robot;
        Manifest = manifest;
        Observations.Embodiment = Embodiment;
    }

    public Robot Robot { get; }

    public PolicyManifest Manifest { get; }

    public FakeEmbodiment Embodiment { get; } = new();

    public FakeObservationSource Observations { get; } = new();

    public static RunnerTestRig Create(int chunkLength, int executionHorizon, double controlRateHz = 50, ActionSpaceKind kind = ActionSpaceKind.JointAbsolute, IRobotDriver? driver = null)
    {
        var robot = new Robot(driver ?? new MirrorDriver(DemoArm.Description), new RobotOptions { ControlRateHz = 200 });
        robot.Connect();
        robot.Activate();
        string[] arm = ["shoulder_pan", "shoulder_lift", "elbow_flex", "wrist_flex", "wrist_roll"];
        var actions = new ActionSpace(
            kind,
            "actions",
            Dimensions,
            Dimensions,
            chunkLength,
            executionHorizon,
            controlRateHz,
            [.. arm.Select((joint, index) => new ActionJoint(index, joint))],
            [new ActionGripper(5, "gripper", 0, 1)],
            null);
        var inputs = new PolicyInputs([], [new StateInput("state", [.. arm, "gripper"], null)], null);
        var manifest = new PolicyManifest(new RemotePolicyModel(null), inputs, null, actions);
        return new RunnerTestRig(robot, manifest);
    }

    public PolicyRunner CreateRunner(IPolicyBackend backend, Action<PolicyRunnerOptions>? configure = null, Microsoft.Extensions.Logging.ILogger? logger = null)
    {
        var options = new PolicyRunnerOptions { Manifest = Manifest };
        configure?.Invoke(options);
        return new PolicyRunner(Robot, Embodiment, Observations, backend, options, logger);
    }

    public void Dispose() => Robot.Dispose();
}
