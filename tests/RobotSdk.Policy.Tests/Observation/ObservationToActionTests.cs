using RobotSdk.Hardware;
using RobotSdk.Policy.Backends;
using RobotSdk.Policy.Embodiment;
using RobotSdk.Policy.Manifest;
using RobotSdk.Policy.Observation;
using RobotSdk.Policy.Onnx.Authoring;
using RobotSdk.Policy.Runner;
using RobotSdk.Policy.Tests.Backends;
using RobotSdk.Policy.Tests.Embodiment;

namespace RobotSdk.Policy.Tests.Observation;

/// <summary>
/// One inference cycle with the real parts: an SO-101 robot (mirror driver) with a camera serving
/// generated frames, the embodiment adapter, the observation source, and the flow-matching backend
/// on the tiny pi0; the chunk's first action maps onto the arm.
/// </summary>
public sealed class ObservationToActionTests : IDisposable
{
    private readonly BackendWorkspace workspace = new();

    [Fact]
    public async Task ObservationFromARobot_ThroughTheTinyPi0_GivesActionsTheAdapterMapsOntoTheArm()
    {
        PolicyManifest manifest = PolicyManifestFile.Load(TinyPi0Model.WriteTo(workspace.Directory));
        RobotDescription description = TestArms.Describe("so101");
        var camera = new GeneratedCamera(TinyPi0Model.CameraName);
        camera.Publish(64, 48, seed: 9);
        using var robot = new Robot(new MirrorDriver(description, new MirrorDriverOptions { LagMs = 0 }), cameras: [camera]);
        robot.Connect();
        robot.Activate();
        EmbodimentAdapter embodiment = EmbodimentAdapter.Create(manifest, robot);
        var source = new RobotObservationSource(robot, manifest.Inputs, embodiment);
        await using IPolicyBackend backend = PolicyBackends.Create(manifest, OnnxPolicyBackendTests.Options());
        await backend.StartAsync(CancellationToken.None);
        var observation = new PolicyObservation(manifest.Inputs);
        ActionAnchor anchor = embodiment.CreateAnchor();
        var chunk = new float[manifest.Actions.ChunkLength * manifest.Actions.Dimensions];

        await source.CaptureAsync(observation, anchor, CancellationToken.None);
        await backend.InferAsync(observation, null, chunk, CancellationToken.None);

        Assert.Equal(1, observation.Images[0].FrameSequenceNumber);
        Assert.Contains(observation.Images[0].Floats!, value => value > -1f);
        Assert.All(chunk, value => Assert.True(float.IsFinite(value)));
        var armTargets = new double[embodiment.ArmJointCount];
        var gripperTargets = new double[embodiment.GripperCount];
        bool mapped = embodiment.TryMapAction(chunk.AsSpan(0, manifest.Actions.Dimensions), anchor, armTargets, gripperTargets, out string? problem);
        Assert.True(mapped, problem);

        // Joint deltas: each target is the observed position plus the action.
        for (int joint = 0; joint < armTargets.Length; joint++)
        {
            Assert.Equal(anchor.ArmPositions[joint] + chunk[joint], armTargets[joint], 5);
        }
    }

    public void Dispose() => workspace.Dispose();
}
