using System.Text.Json.Nodes;
using RobotSdk.Policy.Manifest;

namespace RobotSdk.Policy.Tests.Manifest;

/// <summary>Each kind of mistake is reported with the file, the JSON path of the field and what is wrong.</summary>
public sealed class PolicyManifestValidationTests : IDisposable
{
    private static readonly Dictionary<string, Action<JsonObject>> Mistakes = new()
    {
        ["missing chunk length"] = document => Actions(document).Remove("chunk_length"),
        ["missing model"] = document => document.Remove("model"),
        ["unknown layout"] = document => Image(document, 0)["layout"] = "nhwc",
        ["unknown dtype"] = document => Image(document, 0)["dtype"] = "float16",
        ["unknown model kind"] = document => document["model"]!["kind"] = "tensorrt",
        ["unknown action kind"] = document => Actions(document)["kind"] = "joint-torque",
        ["unknown method"] = document => document["normalization"]!["actions"]!["method"] = "min-max",
        ["misspelt field"] = document => Actions(document)["chunk_lenght"] = 10,
        ["wrong type"] = document => Actions(document)["dimensions"] = "8",
        ["model file missing"] = document => document["model"]!["path"] = "models/missing.onnx",
        ["tokenizer file missing"] = document => document["inputs"]!["prompt"]!["tokenizer"] = "missing.model",
        ["norm stats file missing"] = document => document["normalization"]!["state"]!["file"] = "assets/norm_stats.json",
        ["norm stats key missing"] = document => document["normalization"]!["state"]!["key"] = "observation.state",
        ["state stats shorter than state"] = document => document["normalization"]!["state"] = Inline("quantile", q01: 5, q99: 5),
        ["action stats longer than model output"] = document => document["normalization"]!["actions"] = Inline("z-score", mean: 33, std: 33),
        ["stats lengths differ"] = document => document["normalization"]!["actions"] = Inline("z-score", mean: 8, std: 7),
        ["quantile without quantiles"] = document => document["normalization"]!["actions"] = Inline("quantile", mean: 8, std: 8),
        ["file and inline stats"] = document => document["normalization"]!["state"]!["mean"] = new JsonArray(1.0),
        ["horizon beyond chunk"] = document => Actions(document)["execution_horizon"] = 12,
        ["non-positive rate"] = document => Actions(document)["control_rate_hz"] = 0,
        ["model dimensions below dimensions"] = document => Actions(document)["model_dimensions"] = 6,
        ["index outside dimensions"] = document => Actions(document)["grippers"]![0]!["index"] = 8,
        ["index taken twice"] = document => Actions(document)["joints"]![6]!["index"] = 5,
        ["bad sign"] = document => Actions(document)["joints"]![0]!["sign"] = 2,
        ["delta joint not in state"] = document => Actions(document)["joints"]![0]!["joint"] = "elbow",
        ["end effector on joint actions"] = document => Actions(document)["end_effector"] = JsonNode.Parse("""{"position": [0, 1, 2], "rotation": [3, 4, 5], "representation": "axis-angle", "delta": true}"""),
        ["float image without range"] = document => Image(document, 1).Remove("range"),
        ["uint8 image with range"] = document => Image(document, 0)["range"] = new JsonArray(0, 1),
        ["range of three"] = document => Image(document, 1)["range"] = new JsonArray(-1, 0, 1),
        ["zero width"] = document => Image(document, 0)["width"] = 0,
        ["group on a local model"] = document => Image(document, 0)["group"] = "images",
        ["duplicate input name"] = document => Image(document, 1)["name"] = "exterior_image",
        ["pad below joint count"] = document => document["inputs"]!["state"]![0]!["pad_to"] = 6,
        ["local prompt without tokenizer"] = document => document["inputs"]!["prompt"]!.AsObject().Remove("tokenizer"),
        ["wrong format"] = document => document["format"] = "robotsdk.camera-rig",
        ["newer version"] = document => document["version"] = 2,
        ["unused index outside dimensions"] = document => Actions(document)["unused"] = new JsonArray(8),
        ["unused index also driven"] = document => Actions(document)["unused"] = new JsonArray(2),
        ["constant that is no number"] = document => document["inputs"]!["state"]![0]!["joints"]![2] = "constant:zero",
    };

    private readonly ManifestWorkspace workspace = new();

    public void Dispose() => workspace.Dispose();

    public static TheoryData<string, string, string> Cases => new()
    {
        { "missing chunk length", "$.actions.chunk_length", "is required." },
        { "missing model", "$.model", "is required." },
        { "unknown layout", "$.inputs.images[0].layout", "'nhwc' is not one of: hwc, chw." },
        { "unknown dtype", "$.inputs.images[0].dtype", "'float16' is not one of: uint8, float32." },
        { "unknown model kind", "$.model.kind", "'tensorrt' is not one of: onnx, flow-matching, remote." },
        { "unknown action kind", "$.actions.kind", "'joint-torque' is not one of: joint-absolute, joint-delta, joint-velocity, end-effector." },
        { "unknown method", "$.normalization.actions.method", "'min-max' is not one of: z-score, quantile." },
        { "misspelt field", "$.actions.chunk_lenght", "is not a known field here" },
        { "wrong type", "$.actions.dimensions", "must be an integer, found \"8\"." },
        { "model file missing", "$.model.path", "file 'models/missing.onnx' does not exist" },
        { "tokenizer file missing", "$.inputs.prompt.tokenizer", "file 'missing.model' does not exist" },
        { "norm stats file missing", "$.normalization.state.file", "file 'assets/norm_stats.json' does not exist" },
        { "norm stats key missing", "$.normalization.state.file", "$.norm_stats.observation.state: is required." },
        { "state stats shorter than state", "$.normalization.state", "has 5 dimensions but the state inputs hold 8 joints." },
        { "action stats longer than model output", "$.normalization.actions", "has 33 dimensions; expected from 8 (actions.dimensions) to 32 (actions.model_dimensions)." },
        { "stats lengths differ", "$.normalization.actions.std", "has 7 values but the statistics have 8 dimensions." },
        { "quantile without quantiles", "$.normalization.actions.q01", "is required." },
        { "file and inline stats", "$.normalization.state.mean", "cannot be given together with 'file'" },
        { "horizon beyond chunk", "$.actions.execution_horizon", "must be from 1 to the chunk length 10, found 12." },
        { "non-positive rate", "$.actions.control_rate_hz", "must be a positive number, found 0." },
        { "model dimensions below dimensions", "$.actions.model_dimensions", "is 6, fewer than the 8 dimensions used." },
        { "index outside dimensions", "$.actions.grippers[0].index", "index 8 is outside the 8 action dimensions." },
        { "index taken twice", "$.actions.joints[6].index", "index 5 is already taken by $.actions.joints[5].index." },
        { "bad sign", "$.actions.joints[0].sign", "must be 1 or -1, found 2." },
        { "delta joint not in state", "$.actions.joints[0].joint", "'elbow' is a delta joint but no state input lists it" },
        { "end effector on joint actions", "$.actions.end_effector", "only applies to end-effector actions." },
        { "float image without range", "$.inputs.images[1].range", "is required for float32 images" },
        { "uint8 image with range", "$.inputs.images[0].range", "only applies to float32 images" },
        { "range of three", "$.inputs.images[1].range", "must be [black, white], two numbers; found 3." },
        { "zero width", "$.inputs.images[0].width", "must be at least 1, found 0." },
        { "group on a local model", "$.inputs.images[0].group", "only applies to remote policies" },
        { "duplicate input name", "$.inputs.images[1].name", "'exterior_image' is used by another input." },
        { "pad below joint count", "$.inputs.state[0].pad_to", "is 6, fewer than the 7 joints." },
        { "local prompt without tokenizer", "$.inputs.prompt.tokenizer", "is required for local models" },
        { "wrong format", "$.format", "is 'robotsdk.camera-rig', expected 'robotsdk.policy-manifest'." },
        { "newer version", "$.version", "policy manifest version 2 is not supported" },
        { "unused index outside dimensions", "$.actions.unused[0]", "index 8 is outside the 8 action dimensions." },
        { "unused index also driven", "$.actions.unused[0]", "index 2 is already taken by $.actions.joints[2].index." },
        { "constant that is no number", "$.inputs.state[0].joints[2]", "'constant:zero' is not a constant: write constant: followed by a finite number" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Load_ReportsTheFileThePathAndTheProblem(string mistake, string jsonPath, string message)
    {
        JsonObject document = ManifestWorkspace.ValidDocument();
        Mistakes[mistake](document);
        string path = workspace.Write(document);

        var error = Assert.Throws<PolicyManifestException>(() => PolicyManifestFile.Load(path));

        Assert.Equal(path, error.File);
        Assert.StartsWith(path, error.Message, StringComparison.Ordinal);
        Assert.Contains(error.Problems, problem => problem.JsonPath == jsonPath && problem.Message.Contains(message, StringComparison.Ordinal));
        Assert.Contains($"{jsonPath}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ReportsEveryProblemAtOnce()
    {
        JsonObject document = ManifestWorkspace.ValidDocument();
        Mistakes["unknown layout"](document);
        Mistakes["missing chunk length"](document);
        Mistakes["model file missing"](document);
        string path = workspace.Write(document);

        var error = Assert.Throws<PolicyManifestException>(() => PolicyManifestFile.Load(path));

        Assert.Equal(["$.model.path", "$.inputs.images[0].layout", "$.actions.chunk_length"], error.Problems.Select(problem => problem.JsonPath));
        Assert.Contains("3 problems:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ReportsEveryUndescribedActionDimension()
    {
        JsonObject document = ManifestWorkspace.ValidDocument();
        Actions(document)["dimensions"] = 10;
        document["normalization"]!.AsObject().Remove("actions");
        string path = workspace.Write(document);

        var error = Assert.Throws<PolicyManifestException>(() => PolicyManifestFile.Load(path));

        Assert.Equal(
            ["dimension 8 is not described by any joint, gripper, end_effector or unused entry.", "dimension 9 is not described by any joint, gripper, end_effector or unused entry."],
            error.Problems.Where(problem => problem.JsonPath == "$.actions").Select(problem => problem.Message));
    }

    [Fact]
    public void Load_ReportsInvalidJsonAndAMissingFile()
    {
        string broken = workspace.PathOf("broken.json");
        File.WriteAllText(broken, "{ \"format\": ");
        string missing = workspace.PathOf("absent.json");

        var invalid = Assert.Throws<PolicyManifestException>(() => PolicyManifestFile.Load(broken));
        var absent = Assert.Throws<PolicyManifestException>(() => PolicyManifestFile.Load(missing));

        Assert.Contains("$: is not valid JSON", invalid.Message, StringComparison.Ordinal);
        Assert.Contains("$: cannot be read", absent.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RejectsNormalizationForARemotePolicy_WhichNormalizesItself()
    {
        JsonObject document = ManifestWorkspace.ValidDocument();
        document["model"] = new JsonObject { ["kind"] = "remote" };

        var error = Assert.Throws<PolicyManifestException>(() => PolicyManifestFile.Load(workspace.Write(document)));

        Assert.Contains(error.Problems, problem => problem.JsonPath == "$.normalization" && problem.Message.Contains("openpi servers normalize", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_RejectsAFlowMatchingModelWithoutSteps_AndARotationOfTheWrongLength()
    {
        File.WriteAllBytes(workspace.PathOf("step.onnx"), [1]);
        JsonObject document = ManifestWorkspace.ValidDocument();
        document["model"] = JsonNode.Parse("""{"kind": "flow-matching", "step_graph": "step.onnx", "noisy_actions": "x_t", "time": "t", "velocity": "v_t", "steps": 0}""");
        JsonObject actions = Actions(document);
        actions["kind"] = "end-effector";
        actions.Remove("joints");
        actions["end_effector"] = JsonNode.Parse("""{"position": [0, 1, 2], "rotation": [3, 4, 5, 6], "representation": "axis-angle", "delta": true}""");
        document["normalization"]!.AsObject().Remove("actions");

        var error = Assert.Throws<PolicyManifestException>(() => PolicyManifestFile.Load(workspace.Write(document)));

        Assert.Contains(error.Problems, problem => problem.ToString() == "$.model.steps: must be at least 1, found 0.");
        Assert.Contains(error.Problems, problem => problem.ToString() == "$.actions.end_effector.rotation: must hold 3 indices for axis-angle, found 4.");
    }

    [Fact]
    public void Load_AcceptsUnusedDimensionsAndRepeatedConstants_ForAJointTheArmLacks()
    {
        JsonObject document = ManifestWorkspace.ValidDocument();
        JsonArray joints = Actions(document)["joints"]!.AsArray();
        joints.RemoveAt(4);
        joints.RemoveAt(2);
        Actions(document)["unused"] = new JsonArray(2, 4);
        Actions(document)["kind"] = "joint-absolute";
        JsonArray state = document["inputs"]!["state"]![0]!["joints"]!.AsArray();
        state[2] = "constant:0";
        state[4] = "constant:0";

        PolicyManifest manifest = PolicyManifestFile.Load(workspace.Write(document));

        Assert.Equal([2, 4], manifest.Actions.UnusedIndices);
        Assert.Equal(["joint_1", "joint_2", "constant:0", "joint_4", "constant:0", "joint_6", "joint_7"], manifest.Inputs.State[0].Joints);
    }

    [Fact]
    public void Load_ReportsAnUnusedDimensionThatIsAlsoDriven_AndAnUndescribedOne()
    {
        JsonObject document = ManifestWorkspace.ValidDocument();
        Actions(document)["joints"]!.AsArray().RemoveAt(6);
        Actions(document)["unused"] = new JsonArray(7);

        var error = Assert.Throws<PolicyManifestException>(() => PolicyManifestFile.Load(workspace.Write(document)));

        Assert.Contains(error.Problems, problem => problem.ToString() == "$.actions.unused[0]: index 7 is already taken by $.actions.grippers[0].index.");
        Assert.Contains(error.Problems, problem => problem.ToString() == "$.actions: dimension 6 is not described by any joint, gripper, end_effector or unused entry.");
    }

    [Fact]
    public void Load_AcceptsPositionOnlyEndEffectorActions_WithOrWithoutAnEmptyRotation()
    {
        foreach (JsonNode? rotation in new JsonNode?[] { null, new JsonArray() })
        {
            JsonObject document = PositionOnlyDocument();
            if (rotation is not null)
            {
                Actions(document)["end_effector"]!["rotation"] = rotation;
            }

            PolicyManifest manifest = PolicyManifestFile.Load(workspace.Write(document));

            EndEffectorActions pose = manifest.Actions.EndEffector!;
            Assert.Equal(RotationRepresentation.None, pose.Representation);
            Assert.Empty(pose.Rotation);
            Assert.Equal([0, 1, 2], pose.Position);
        }
    }

    [Fact]
    public void Load_RejectsRotationIndicesForRepresentationNone_AndAMissingRotationForAxisAngle()
    {
        JsonObject withIndices = PositionOnlyDocument();
        Actions(withIndices)["end_effector"]!["rotation"] = new JsonArray(3);
        JsonObject axisAngle = PositionOnlyDocument();
        Actions(axisAngle)["end_effector"]!["representation"] = "axis-angle";

        var indices = Assert.Throws<PolicyManifestException>(() => PolicyManifestFile.Load(workspace.Write(withIndices, "indices.json")));
        var missing = Assert.Throws<PolicyManifestException>(() => PolicyManifestFile.Load(workspace.Write(axisAngle, "missing.json")));

        Assert.Contains(indices.Problems, problem => problem.ToString() == "$.actions.end_effector.rotation: must be empty (or absent) for representation none, found 1 indices.");
        Assert.Contains(missing.Problems, problem => problem.ToString() == "$.actions.end_effector.rotation: is required.");
    }

    [Fact]
    public void SaveThenLoad_RoundTripsPositionOnlyActionsAndUnusedDimensions()
    {
        PolicyManifest manifest = PolicyManifestFile.Load(workspace.Write(PositionOnlyDocument()));
        manifest = manifest with { Actions = manifest.Actions with { Dimensions = 6, ModelDimensions = 6, UnusedIndices = [4, 5] } };
        string path = workspace.PathOf("saved.json");

        PolicyManifestFile.Save(manifest, path);
        PolicyManifest loaded = PolicyManifestFile.Load(path);
        JsonObject saved = JsonNode.Parse(File.ReadAllText(path))!.AsObject();

        Assert.Equal([4, 5], loaded.Actions.UnusedIndices);
        Assert.Equal(RotationRepresentation.None, loaded.Actions.EndEffector!.Representation);
        Assert.Equal("none", (string?)saved["actions"]!["end_effector"]!["representation"]);
        Assert.False(saved["actions"]!["end_effector"]!.AsObject().ContainsKey("rotation"));
    }

    private static JsonObject PositionOnlyDocument()
    {
        JsonObject document = ManifestWorkspace.ValidDocument();
        document["inputs"]!["state"]![0]!["joints"] = new JsonArray("tool.x", "tool.y", "tool.z", "joint_4", "joint_5", "joint_6", "joint_7");
        document["normalization"]!.AsObject().Remove("actions");
        JsonObject actions = Actions(document);
        actions["kind"] = "end-effector";
        actions["dimensions"] = 4;
        actions["model_dimensions"] = 4;
        actions.Remove("joints");
        actions["grippers"] = JsonNode.Parse("""[{ "index": 3, "gripper": "gripper", "closed": 0, "open": 1 }]""");
        actions["end_effector"] = JsonNode.Parse("""{ "position": [0, 1, 2], "representation": "none", "frame": "base", "delta": false }""");
        return document;
    }

    private static JsonObject Actions(JsonObject document) => document["actions"]!.AsObject();

    private static JsonObject Image(JsonObject document, int index) => document["inputs"]!["images"]![index]!.AsObject();

    private static JsonObject Inline(string method, int mean = 0, int std = 0, int q01 = 0, int q99 = 0)
    {
        var node = new JsonObject { ["method"] = method };
        foreach ((string key, int count) in new[] { ("mean", mean), ("std", std), ("q01", q01), ("q99", q99) })
        {
            if (count > 0)
            {
                node[key] = new JsonArray([.. Enumerable.Range(0, count).Select(i => (JsonNode)(i * 0.1))]);
            }
        }

        return node;
    }
}
