using System.Text.Json.Nodes;
using RobotSdk.Policy.Manifest;
using RobotSdk.Policy.Onnx;
using RobotSdk.Policy.Remote;

namespace RobotSdk.Policy.Tests.Manifest;

public sealed class PolicyManifestFileTests : IDisposable
{
    private readonly ManifestWorkspace workspace = new();

    public void Dispose() => workspace.Dispose();

    [Fact]
    public void Load_ReadsEveryFieldAndResolvesFilesAgainstTheManifest()
    {
        PolicyManifest manifest = workspace.LoadValid();

        Assert.Equal(new OnnxPolicyModel(workspace.PathOf("policy.onnx")), manifest.Model);
        ImageInput wrist = manifest.Inputs.Images[1];
        Assert.Equal(("wrist", "wrist_image", 224, 224), (wrist.Camera, wrist.Name, wrist.Width, wrist.Height));
        Assert.Equal((ImageResize.WithPadding, ImageLayout.ChannelsHeightWidth, TensorElementType.Float), (wrist.Resize, wrist.Layout, wrist.ElementType));
        Assert.Equal(new ImageValueRange(-1, 1), wrist.ValueRange);
        Assert.Equal(TensorElementType.UInt8, manifest.Inputs.Images[0].ElementType);
        Assert.Null(manifest.Inputs.Images[0].ValueRange);
        Assert.Equal(8, manifest.Inputs.StateJointCount);
        Assert.Null(manifest.Inputs.State[0].PadTo);
        Assert.Equal(1, manifest.Inputs.State[1].PadTo);
        Assert.Equal(new PromptInput("tokens", workspace.PathOf("paligemma_tokenizer.model"), 48, "token_mask", "pick up the cup"), manifest.Inputs.Prompt);
        ActionSpace actions = manifest.Actions;
        Assert.Equal((ActionSpaceKind.JointDelta, "actions", 8, 32, 10, 8, 15.0), (actions.Kind, actions.Name, actions.Dimensions, actions.ModelDimensions, actions.ChunkLength, actions.ExecutionHorizon, actions.ControlRateHertz));
        Assert.Equal(new ActionJoint(1, "joint_2", -1, 0), actions.Joints[1]);
        Assert.Equal(new ActionJoint(3, "joint_4", 1, 0.5), actions.Joints[3]);
        Assert.Equal(new ActionGripper(7, "gripper", 1, 0), Assert.Single(actions.Grippers));
        Assert.True(actions.IsDelta(0));
        Assert.False(actions.IsDelta(7));
        Assert.Null(actions.EndEffector);
    }

    [Fact]
    public void Load_AcceptsOpenpisNormStatsFileAsIs()
    {
        PolicyManifest manifest = workspace.LoadValid();

        NormalizationStatistics state = manifest.Normalization!.State!;
        Assert.Equal(NormalizationMethod.Quantile, state.Method);
        Assert.Equal([-0.6, -1.0, -0.3, -2.9, -0.4, 1.2, -0.5, 0.0], state.Quantile01);
        Assert.Equal([0.8, 0.7, 0.9, -0.8, 0.5, 3.0, 1.9, 1.0], state.Quantile99);
        Assert.Equal([0.1, -0.2, 0.3, -1.9, 0.05, 2.1, 0.7, 0.4], state.Mean);
        Assert.Equal((workspace.PathOf("norm_stats.json"), "state"), (state.SourceFile, state.SourceKey));
        NormalizationStatistics actions = manifest.Normalization.Actions!;
        Assert.Equal(NormalizationMethod.ZScore, actions.Method);
        Assert.Null(actions.SourceFile);
        Assert.Equal(8, actions.Dimensions);
    }

    [Fact]
    public void OpenpiNormStatsFile_AcceptsZScoreStatisticsWithNullQuantiles()
    {
        string path = workspace.PathOf("zscore_stats.json");
        File.WriteAllText(path, """{"norm_stats": {"actions": {"mean": [1.0, 2.0], "std": [0.5, 0.25], "q01": null, "q99": null}}}""");

        NormalizationStatistics statistics = OpenpiNormStatsFile.Load(path, "actions", NormalizationMethod.ZScore);

        Assert.Equal([1.0, 2.0], statistics.Mean);
        Assert.Equal([0.5, 0.25], statistics.StandardDeviation);
        Assert.Null(statistics.Quantile01);
        var error = Assert.Throws<PolicyManifestException>(() => OpenpiNormStatsFile.Load(path, "actions", NormalizationMethod.Quantile));
        Assert.Contains("$.norm_stats.actions.q01: is required.", error.Message);
    }

    [Fact]
    public void SaveThenLoad_RoundTripsEveryField_WithPathsRelativeToTheNewFile()
    {
        PolicyManifest original = workspace.LoadValid();
        System.IO.Directory.CreateDirectory(workspace.PathOf("copies"));
        string copy = workspace.PathOf("copies/policy.json");

        PolicyManifestFile.Save(original, copy);
        PolicyManifest loaded = PolicyManifestFile.Load(copy);

        JsonObject written = JsonNode.Parse(File.ReadAllText(copy))!.AsObject();
        Assert.Equal("../policy.onnx", (string?)written["model"]!["path"]);
        Assert.Equal("../norm_stats.json", (string?)written["normalization"]!["state"]!["file"]);
        Assert.Equal(original.Model, loaded.Model);
        Assert.Equal(original.Inputs.Images, loaded.Inputs.Images);
        Assert.Equal(original.Inputs.Prompt, loaded.Inputs.Prompt);
        Assert.Equal(original.Inputs.State.Select(state => (state.Name, string.Join(",", state.Joints), state.PadTo)), loaded.Inputs.State.Select(state => (state.Name, string.Join(",", state.Joints), state.PadTo)));
        Assert.Equal(original.Actions.Joints, loaded.Actions.Joints);
        Assert.Equal(original.Actions.Grippers, loaded.Actions.Grippers);
        Assert.Equal(original.Actions with { Joints = [], Grippers = [] }, loaded.Actions with { Joints = [], Grippers = [] });
        Assert.Equal(original.Normalization!.State!.Quantile99, loaded.Normalization!.State!.Quantile99);
        Assert.Equal(original.Normalization.Actions!.StandardDeviation, loaded.Normalization.Actions!.StandardDeviation);
        string again = workspace.PathOf("copies/again.json");
        PolicyManifestFile.Save(loaded, again);
        Assert.Equal(File.ReadAllText(copy), File.ReadAllText(again));
    }

    [Fact]
    public void SaveThenLoad_RoundTripsFlowMatchingAndEndEffectorActions()
    {
        File.WriteAllBytes(workspace.PathOf("step.onnx"), [1]);
        File.WriteAllBytes(workspace.PathOf("prefix.onnx"), [1]);
        var manifest = new PolicyManifest(
            new FlowMatchingPolicyModel(workspace.PathOf("step.onnx"), workspace.PathOf("prefix.onnx"), ["prefix_keys", "prefix_values"], "x_t", "t", "v_t", Steps: 10, NoiseSeed: 42),
            new PolicyInputs(
                [new ImageInput("front", "image", null, 224, 224, ImageResize.WithPadding, ImageLayout.ChannelsHeightWidth, TensorElementType.Float, new ImageValueRange(0, 1))],
                [new StateInput("state", ["x", "y", "z", "rx", "ry", "rz", "rw", "gripper"], 32)],
                null),
            new PolicyNormalization(
                new NormalizationStatistics(NormalizationMethod.Quantile, null, null, [.. Enumerable.Repeat(-1.0, 8)], [.. Enumerable.Repeat(1.0, 8)]),
                null),
            new ActionSpace(ActionSpaceKind.EndEffector, "velocity", 7, 32, 50, 25, 10, [], [new ActionGripper(6, "gripper", -1, 1)],
                new EndEffectorActions([0, 1, 2], [3, 4, 5], RotationRepresentation.AxisAngle, EndEffectorFrame.Base, Delta: true, MetersPerUnit: 0.05, RadiansPerUnit: 0.5)));
        string path = workspace.PathOf("flow.json");

        PolicyManifestFile.Save(manifest, path);
        PolicyManifest loaded = PolicyManifestFile.Load(path);

        var flow = Assert.IsType<FlowMatchingPolicyModel>(loaded.Model);
        var expected = (FlowMatchingPolicyModel)manifest.Model;
        Assert.Equal(expected.ContextNames, flow.ContextNames);
        Assert.Equal(expected with { ContextNames = [] }, flow with { ContextNames = [] });
        EndEffectorActions pose = loaded.Actions.EndEffector!;
        Assert.Equal([0, 1, 2], pose.Position);
        Assert.Equal([3, 4, 5], pose.Rotation);
        Assert.Equal((RotationRepresentation.AxisAngle, EndEffectorFrame.Base, true, 0.05, 0.5), (pose.Representation, pose.Frame, pose.Delta, pose.MetersPerUnit, pose.RadiansPerUnit));
        Assert.True(loaded.Actions.IsDelta(4));
        Assert.False(loaded.Actions.IsDelta(6));
        Assert.Equal(manifest.Normalization!.State!.Quantile01, loaded.Normalization!.State!.Quantile01);
        Assert.Equal(32, loaded.Inputs.State[0].Length);
    }

    [Fact]
    public void Load_RemoteManifest_NeedsNoFilesAndAllowsNestedKeys()
    {
        JsonObject document = JsonNode.Parse("""
            {
              "format": "robotsdk.policy-manifest", "version": 1,
              "model": { "kind": "remote", "address": "ws://gpu-box:8000" },
              "inputs": {
                "images": [ { "camera": "high", "name": "cam_high", "group": "images", "width": 224, "height": 224, "layout": "chw" } ],
                "state": [ { "name": "state", "joints": ["a", "b"] } ],
                "prompt": { "name": "prompt" }
              },
              "actions": { "kind": "joint-absolute", "dimensions": 2, "chunk_length": 50, "control_rate_hz": 50,
                           "joints": [ { "index": 0, "joint": "a" }, { "index": 1, "joint": "b" } ] }
            }
            """)!.AsObject();

        PolicyManifest manifest = PolicyManifestFile.Load(workspace.Write(document));

        Assert.Equal(new Uri("ws://gpu-box:8000"), Assert.IsType<RemotePolicyModel>(manifest.Model).Address);
        Assert.Equal("images", manifest.Inputs.Images[0].Group);
        Assert.Equal(50, manifest.Actions.ExecutionHorizon);
        Assert.Equal(2, manifest.Actions.ModelDimensions);
        Assert.Null(manifest.Normalization);
    }

    [Fact]
    public void Save_RejectsAnInconsistentManifest()
    {
        PolicyManifest manifest = workspace.LoadValid();
        PolicyManifest broken = manifest with { Actions = manifest.Actions with { ExecutionHorizon = 11 } };

        var error = Assert.Throws<PolicyManifestException>(() => PolicyManifestFile.Save(broken, workspace.PathOf("broken.json")));

        Assert.Contains("$.actions.execution_horizon: must be from 1 to the chunk length 10, found 11.", error.Message);
        Assert.False(File.Exists(workspace.PathOf("broken.json")));
    }
}
