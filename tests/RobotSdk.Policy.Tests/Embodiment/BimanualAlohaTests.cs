using System.Runtime.Versioning;
using RobotSdk.Drivers.Dynamixel;
using RobotSdk.Drivers.Dynamixel.Emulation;
using RobotSdk.Hardware;
using RobotSdk.Policy.Embodiment;
using RobotSdk.Policy.Manifest;
using RobotSdk.Policy.Runner;
using RobotSdk.Policy.Tests.Runner;

namespace RobotSdk.Policy.Tests.Embodiment;

/// <summary>
/// An ALOHA-style 14-number action on two arms paired by <see cref="BimanualDriver"/>: the sample
/// manifest <c>aloha-bimanual-wx250s.json</c> names the left and right joints, one runner drives both.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class BimanualAlohaTests
{
    private static readonly float[] Action = [0.2f, -0.3f, 0.3f, 0.1f, 0.2f, -0.2f, 0.8f, -0.2f, -0.2f, 0.25f, -0.1f, 0.3f, 0.2f, 0.3f];

    [Fact]
    public void TheAdapter_MapsIndices0To6OntoTheLeftArm_And7To13OntoTheRight_AndReadsBothIntoTheState()
    {
        PolicyManifest manifest = TestManifests.Sample("aloha-bimanual-wx250s.json");
        RobotDescription widowX = DynamixelArms.WidowX250s.Description;
        double[] left = [0.1, -0.5, 0.6, 0, 0.2, 0, 0];
        double[] right = [-0.1, -0.4, 0.5, 0, 0.1, 0, 0];
        using var robot = new Robot(new BimanualDriver(Mirror(widowX, left), Mirror(widowX, right)));
        robot.Connect();
        robot.Activate();
        EmbodimentAdapter adapter = EmbodimentAdapter.Create(manifest, robot);
        var observation = new PolicyObservation(manifest.Inputs);
        ActionAnchor anchor = adapter.CreateAnchor();
        adapter.CaptureState(observation, anchor);
        var targets = new double[12];
        var grippers = new double[2];

        Assert.True(adapter.TryMapAction(Action, anchor, targets, grippers, out string? problem), problem);

        Assert.Equal((12, 2, 14), (adapter.ArmJointCount, adapter.GripperCount, adapter.ActionDimensions));
        Assert.Equal([.. Action[..6].Select(a => (double)a), .. Action[7..13].Select(a => (double)a)], targets, JointMappingTests.DoubleComparer(1e-6));
        Assert.Equal([0.8, 0.3], grippers, JointMappingTests.DoubleComparer(1e-6));
        float[] state = observation.State[0];
        Assert.Equal([.. left[..6].Select(p => (float)p)], state[..6], JointMappingTests.FloatComparer(1e-5f));
        Assert.Equal([.. right[..6].Select(p => (float)p)], state[7..13], JointMappingTests.FloatComparer(1e-5f));
    }

    [Fact]
    public async Task OneRunner_MovesTwoEmulatedWidowXs_ThroughTheirRealDrivers_ToTheModelsTargets()
    {
        using var pair = new EmulatedPair();

        PolicyRunReport report = await pair.Runner.RunAsync(TimeSpan.FromSeconds(4));

        Assert.Equal(PolicyRunStopReason.DurationElapsed, report.StopReason);
        Assert.True(report.ChunksReceived >= 2, $"{report.ChunksReceived} chunks");
        Assert.Equal(0, report.MapFailures);
        for (int joint = 0; joint < 6; joint++)
        {
            // Joint i of an emulator's backend is joint i of the arm: what the servos reached, not what was sent.
            Assert.Equal(Action[joint], pair.Left.Backend.GetPresentPosition(joint), 0.02);
            Assert.Equal(Action[7 + joint], pair.Right.Backend.GetPresentPosition(joint), 0.02);
        }

        Assert.Equal(0.8, pair.Robot.Grippers[0].OpenFraction, 0.05);
        Assert.Equal(0.3, pair.Robot.Grippers[1].OpenFraction, 0.05);
        Assert.Equal(RobotState.Active, pair.Robot.State);
    }

    [Fact]
    public async Task OneArmFailing_FaultsThePair_NamingThatArmsPort_AndBothGoLimp()
    {
        using var pair = new EmulatedPair();

        Task<PolicyRunReport> run = pair.Runner.RunAsync(TimeSpan.FromSeconds(20));
        await Task.Delay(500);
        pair.Right.Emulator.RemoveServo(pair.Right.Arm.Motors[0].Id);
        PolicyRunReport report = await run.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(PolicyRunStopReason.RobotInactive, report.StopReason);
        Assert.Equal(RobotState.Faulted, pair.Robot.State);
        Assert.Contains(pair.Right.PortPath, pair.Robot.Fault!.Message, StringComparison.Ordinal);
        Assert.Equal(DriverState.Inactive, pair.Driver.Left.State); // torque off on the arm that did not fail too
    }

    private static MirrorDriver Mirror(RobotDescription description, double[] positions) =>
        new(description, new MirrorDriverOptions { LagMs = 0, InitialPositions = positions });

    /// <summary>
    /// Two emulated WidowX 250s, each behind its real Dynamixel driver on its own pty, paired into one
    /// active robot, and a runner of the sample manifest whose policy always answers <see cref="Action"/>.
    /// </summary>
    private sealed class EmulatedPair : IDisposable
    {
        public EmulatedPair()
        {
            PolicyManifest manifest = TestManifests.Sample("aloha-bimanual-wx250s.json");
            Left.Start();
            Right.Start();
            Driver = new BimanualDriver(CreateDriver(Left), CreateDriver(Right));
            Robot = new Robot(Driver, new RobotOptions { ControlRateHz = 100 });
            Robot.Connect();
            Robot.Activate();
            EmbodimentAdapter adapter = EmbodimentAdapter.Create(manifest, Robot);
            Runner = new PolicyRunner(Robot, adapter, new FakeObservationSource { Embodiment = adapter }, new ConstantBackend(Action), new PolicyRunnerOptions { Manifest = manifest });
        }

        public DynamixelArmEmulator Left { get; } = new(DynamixelArms.WidowX250s);

        public DynamixelArmEmulator Right { get; } = new(DynamixelArms.WidowX250s);

        public BimanualDriver Driver { get; }

        public Robot Robot { get; }

        public PolicyRunner Runner { get; }

        public void Dispose()
        {
            Robot.Dispose();
            Left.Dispose();
            Right.Dispose();
        }

        private static DynamixelArmDriver CreateDriver(DynamixelArmEmulator emulator) =>
            new(emulator.PortPath, emulator.Arm, new DynamixelArmDriverOptions { Bus = new DynamixelBusOptions { ReplyTimeoutMs = 50 }, MaxConsecutiveFailures = 5 });
    }

    /// <summary>Every row of every chunk is the same action: the arms go there and stay.</summary>
    private sealed class ConstantBackend(float[] action) : IPolicyBackend
    {
        public string Description => "constant";

        public bool InpaintsPrefix => false;

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task InferAsync(PolicyObservation observation, ChunkPrefix? prefix, Memory<float> chunk, CancellationToken cancellationToken)
        {
            Span<float> values = chunk.Span;
            for (int row = 0; row < values.Length / action.Length; row++)
            {
                action.CopyTo(values[(row * action.Length)..]);
            }

            return Task.CompletedTask;
        }

        public void Terminate()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
