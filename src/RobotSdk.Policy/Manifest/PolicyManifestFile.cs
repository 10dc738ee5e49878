using System.Text.Json;
using System.Text.Json.Nodes;
using RobotSdk.Policy.Onnx;
using RobotSdk.Policy.Remote;

namespace RobotSdk.Policy.Manifest;

/// <summary>
/// Reads and writes <see cref="PolicyManifest"/>s as versioned JSON
/// (<c>{"format": "robotsdk.policy-manifest", "version": 1, "model", "inputs", "normalization"?, "actions"}</c>;
/// docs/policy-manifest.md lists every field). File paths in the file are relative to the file.
/// Loading reports every problem at once, each with its JSON path: missing fields, wrong types,
/// unknown fields and enum values, files that do not exist, and inconsistencies (shapes, indices,
/// statistics lengths).
/// </summary>
public static class PolicyManifestFile
{
    /// <summary>The <c>format</c> value of policy manifests.</summary>
    public const string Format = "robotsdk.policy-manifest";

    /// <summary>The file version this code writes and reads.</summary>
    public const int Version = 1;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Reads a policy manifest; file paths in the result are full paths.</summary>
    /// <exception cref="PolicyManifestException">The file is unreadable, not a version 1 policy manifest, or has problems; all of them are listed with their JSON paths.</exception>
    public static PolicyManifest Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var reader = new ManifestJsonReader(path);
        PolicyManifest? manifest = Read(reader);
        if (manifest is null || reader.HasProblems)
        {
            throw new PolicyManifestException(path, reader.Problems);
        }

        IReadOnlyList<PolicyManifestProblem> problems = PolicyManifestValidator.Validate(manifest);
        if (problems.Count > 0)
        {
            throw new PolicyManifestException(path, problems);
        }

        return manifest;
    }

    /// <summary>Checks <paramref name="manifest"/> without a file: the consistency rules <see cref="Load"/> applies after reading.</summary>
    /// <returns>The problems, empty when there are none.</returns>
    public static IReadOnlyList<PolicyManifestProblem> Validate(PolicyManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return PolicyManifestValidator.Validate(manifest);
    }

    /// <summary>
    /// Writes <paramref name="manifest"/> to <paramref name="path"/>, with file paths relative to it.
    /// Statistics read from an openpi <c>norm_stats.json</c> are written as a reference to that file, others inline.
    /// </summary>
    /// <exception cref="PolicyManifestException">The manifest is inconsistent (see <see cref="Validate"/>).</exception>
    public static void Save(PolicyManifest manifest, string path)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(path);
        IReadOnlyList<PolicyManifestProblem> problems = PolicyManifestValidator.Validate(manifest);
        if (problems.Count > 0)
        {
            throw new PolicyManifestException(path, problems);
        }

        string directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        var root = new JsonObject
        {
            ["format"] = Format,
            ["version"] = Version,
            ["model"] = PolicyManifestWriter.Model(manifest.Model, directory),
            ["inputs"] = PolicyManifestWriter.Inputs(manifest.Inputs, directory),
        };
        if (manifest.Normalization is { } normalization)
        {
            root["normalization"] = PolicyManifestWriter.Normalization(normalization, directory);
        }

        root["actions"] = PolicyManifestWriter.Actions(manifest.Actions);
        File.WriteAllText(path, root.ToJsonString(Indented) + Environment.NewLine);
    }

    private static PolicyManifest? Read(ManifestJsonReader reader)
    {
        JsonObject? root = reader.ParseFile();
        if (root is null)
        {
            return null;
        }

        string? format = reader.String(root, "format", "$", required: true);
        if (format is not null && format != Format)
        {
            reader.Report("$.format", $"is '{format}', expected '{Format}'.");
            return null;
        }

        int? version = reader.Integer(root, "version", "$", required: true);
        if (version is not null && version != Version)
        {
            reader.Report("$.version", $"policy manifest version {version} is not supported (this RobotSdk reads version {Version}).");
            return null;
        }

        reader.RejectUnknown(root, "$", "format", "version", "model", "inputs", "normalization", "actions");
        JsonObject? modelNode = reader.Object(root, "model", "$", required: true);
        JsonObject? inputsNode = reader.Object(root, "inputs", "$", required: true);
        JsonObject? normalizationNode = reader.Object(root, "normalization", "$", required: false);
        JsonObject? actionsNode = reader.Object(root, "actions", "$", required: true);

        PolicyModel? model = modelNode is null ? null : ReadModel(reader, modelNode, "$.model");
        PolicyInputs? inputs = inputsNode is null ? null : ReadInputs(reader, inputsNode, "$.inputs");
        PolicyNormalization? normalization = normalizationNode is null ? null : ReadNormalization(reader, normalizationNode, "$.normalization");
        ActionSpace? actions = actionsNode is null ? null : ReadActions(reader, actionsNode, "$.actions");
        return model is null || inputs is null || actions is null || reader.HasProblems
            ? null
            : new PolicyManifest(model, inputs, normalization, actions);
    }

    private static PolicyModel? ReadModel(ManifestJsonReader reader, JsonObject node, string path)
    {
        string? kind = reader.String(node, "kind", path, required: true);
        switch (kind)
        {
            case null:
                return null;
            case "onnx":
                reader.RejectUnknown(node, path, "kind", "path");
                string? file = reader.ExistingFile(node, "path", path, required: true);
                return file is null ? null : new OnnxPolicyModel(file);
            case "flow-matching":
                reader.RejectUnknown(node, path, "kind", "step_graph", "observation_graph", "context", "noisy_actions", "time", "velocity", "steps", "noise_seed", "time_start", "time_end");
                string? step = reader.ExistingFile(node, "step_graph", path, required: true);
                string? observation = reader.ExistingFile(node, "observation_graph", path, required: false);
                List<string> context = reader.Strings(node, "context", path, required: false) ?? [];
                string? noisy = reader.String(node, "noisy_actions", path, required: true);
                string? time = reader.String(node, "time", path, required: true);
                string? velocity = reader.String(node, "velocity", path, required: true);
                int steps = reader.Integer(node, "steps", path, required: false) ?? FlowMatchingPolicyModel.DefaultSteps;
                int? seed = reader.Integer(node, "noise_seed", path, required: false);
                double start = reader.Number(node, "time_start", path, required: false) ?? 1.0;
                double end = reader.Number(node, "time_end", path, required: false) ?? 0.0;
                return step is null || noisy is null || time is null || velocity is null
                    ? null
                    : new FlowMatchingPolicyModel(step, observation, context, noisy, time, velocity, steps, seed, start, end);
            case "remote":
                reader.RejectUnknown(node, path, "kind", "address");
                string? address = reader.String(node, "address", path, required: false);
                if (address is null)
                {
                    return new RemotePolicyModel(null);
                }

                if (Uri.TryCreate(address, UriKind.Absolute, out Uri? uri) && uri.Scheme is "ws" or "wss")
                {
                    return new RemotePolicyModel(uri);
                }

                reader.Report($"{path}.address", $"'{address}' is not a ws:// or wss:// address.");
                return null;
            default:
                reader.Report($"{path}.kind", $"'{kind}' is not one of: {string.Join(", ", ManifestNames.ModelKind.Keys)}.");
                return null;
        }
    }

    private static PolicyInputs? ReadInputs(ManifestJsonReader reader, JsonObject node, string path)
    {
        reader.RejectUnknown(node, path, "images", "state", "prompt");
        var images = new List<ImageInput>();
        JsonArray? imageNodes = reader.Array(node, "images", path, required: false);
        for (int i = 0; i < (imageNodes?.Count ?? 0); i++)
        {
            string imagePath = ManifestJsonReader.Element($"{path}.images", i);
            if (imageNodes![i] is JsonObject image)
            {
                if (ReadImage(reader, image, imagePath) is { } input)
                {
                    images.Add(input);
                }
            }
            else
            {
                reader.Report(imagePath, "must be an object.");
            }
        }

        var states = new List<StateInput>();
        JsonArray? stateNodes = reader.Array(node, "state", path, required: false);
        for (int i = 0; i < (stateNodes?.Count ?? 0); i++)
        {
            string statePath = ManifestJsonReader.Element($"{path}.state", i);
            if (stateNodes![i] is JsonObject state)
            {
                reader.RejectUnknown(state, statePath, "name", "joints", "pad_to");
                string? name = reader.String(state, "name", statePath, required: true);
                List<string>? joints = reader.Strings(state, "joints", statePath, required: true);
                int? padTo = reader.Integer(state, "pad_to", statePath, required: false);
                if (name is not null && joints is not null)
                {
                    states.Add(new StateInput(name, joints, padTo));
                }
            }
            else
            {
                reader.Report(statePath, "must be an object.");
            }
        }

        PromptInput? prompt = null;
        if (reader.Object(node, "prompt", path, required: false) is { } promptNode)
        {
            string promptPath = $"{path}.prompt";
            reader.RejectUnknown(promptNode, promptPath, "name", "tokenizer", "max_tokens", "mask", "default");
            string? name = reader.String(promptNode, "name", promptPath, required: true);
            string? tokenizer = reader.ExistingFile(promptNode, "tokenizer", promptPath, required: false);
            int? maxTokens = reader.Integer(promptNode, "max_tokens", promptPath, required: false);
            string? mask = reader.String(promptNode, "mask", promptPath, required: false);
            string? text = reader.String(promptNode, "default", promptPath, required: false);
            prompt = name is null ? null : new PromptInput(name, tokenizer, maxTokens, mask, text);
        }

        return new PolicyInputs(images, states, prompt);
    }

    private static ImageInput? ReadImage(ManifestJsonReader reader, JsonObject node, string path)
    {
        reader.RejectUnknown(node, path, "camera", "name", "group", "width", "height", "resize", "layout", "dtype", "range");
        string? camera = reader.String(node, "camera", path, required: true);
        string? name = reader.String(node, "name", path, required: true);
        string? group = reader.String(node, "group", path, required: false);
        int? width = reader.Integer(node, "width", path, required: true);
        int? height = reader.Integer(node, "height", path, required: true);
        ImageResize? resize = reader.Choice(node, "resize", path, required: false, ManifestNames.Resize) ?? (node["resize"] is null ? ImageResize.WithPadding : null);
        ImageLayout? layout = reader.Choice(node, "layout", path, required: true, ManifestNames.Layout);
        TensorElementType? element = reader.Choice(node, "dtype", path, required: false, ManifestNames.ImageElement) ?? (node["dtype"] is null ? TensorElementType.UInt8 : null);
        ImageValueRange? range = null;
        if (reader.Numbers(node, "range", path, required: false) is { } bounds)
        {
            if (bounds.Count == 2)
            {
                range = new ImageValueRange(bounds[0], bounds[1]);
            }
            else
            {
                reader.Report($"{path}.range", $"must be [black, white], two numbers; found {bounds.Count}.");
            }
        }

        return camera is null || name is null || width is null || height is null || resize is null || layout is null || element is null
            ? null
            : new ImageInput(camera, name, group, width.Value, height.Value, resize.Value, layout.Value, element.Value, range);
    }

    private static PolicyNormalization? ReadNormalization(ManifestJsonReader reader, JsonObject node, string path)
    {
        reader.RejectUnknown(node, path, "state", "actions");
        NormalizationStatistics? state = reader.Object(node, "state", path, required: false) is { } stateNode
            ? ReadStatistics(reader, stateNode, $"{path}.state", "state")
            : null;
        NormalizationStatistics? actions = reader.Object(node, "actions", path, required: false) is { } actionsNode
            ? ReadStatistics(reader, actionsNode, $"{path}.actions", "actions")
            : null;
        return new PolicyNormalization(state, actions);
    }

    private static NormalizationStatistics? ReadStatistics(ManifestJsonReader reader, JsonObject node, string path, string defaultKey)
    {
        reader.RejectUnknown(node, path, "method", "file", "key", "mean", "std", "q01", "q99");
        NormalizationMethod? method = reader.Choice(node, "method", path, required: true, ManifestNames.Method);
        if (node["file"] is not null)
        {
            foreach (string inline in new[] { "mean", "std", "q01", "q99" })
            {
                if (node[inline] is not null)
                {
                    reader.Report($"{path}.{inline}", "cannot be given together with 'file'; take the statistics from one place.");
                }
            }

            string? file = reader.ExistingFile(node, "file", path, required: true);
            string key = reader.String(node, "key", path, required: false) ?? defaultKey;
            if (file is null || method is null)
            {
                return null;
            }

            var statsReader = new ManifestJsonReader(file);
            NormalizationStatistics? statistics = OpenpiNormStatsFile.Read(statsReader, key, method.Value);
            foreach (PolicyManifestProblem problem in statsReader.Problems)
            {
                reader.Report($"{path}.file", $"{file}: {problem}");
            }

            return statistics;
        }

        if (node["key"] is not null)
        {
            reader.Report($"{path}.key", "only applies with 'file'.");
        }

        bool zScore = method == NormalizationMethod.ZScore;
        bool quantile = method == NormalizationMethod.Quantile;
        List<double>? mean = reader.Numbers(node, "mean", path, required: zScore);
        List<double>? deviation = reader.Numbers(node, "std", path, required: zScore);
        List<double>? low = reader.Numbers(node, "q01", path, required: quantile);
        List<double>? high = reader.Numbers(node, "q99", path, required: quantile);
        return method is null ? null : new NormalizationStatistics(method.Value, mean, deviation, low, high);
    }

    private static ActionSpace? ReadActions(ManifestJsonReader reader, JsonObject node, string path)
    {
        reader.RejectUnknown(node, path, "kind", "name", "dimensions", "model_dimensions", "chunk_length", "execution_horizon", "control_rate_hz", "joints", "grippers", "end_effector", "unused");
        ActionSpaceKind? kind = reader.Choice(node, "kind", path, required: true, ManifestNames.ActionKind);
        string name = reader.String(node, "name", path, required: false) ?? "actions";
        int? dimensions = reader.Integer(node, "dimensions", path, required: true);
        int? modelDimensions = reader.Integer(node, "model_dimensions", path, required: false);
        int? chunkLength = reader.Integer(node, "chunk_length", path, required: true);
        int? horizon = reader.Integer(node, "execution_horizon", path, required: false);
        double? rate = reader.Number(node, "control_rate_hz", path, required: true);

        var joints = new List<ActionJoint>();
        JsonArray? jointNodes = reader.Array(node, "joints", path, required: false);
        for (int i = 0; i < (jointNodes?.Count ?? 0); i++)
        {
            string jointPath = ManifestJsonReader.Element($"{path}.joints", i);
            if (jointNodes![i] is JsonObject joint)
            {
                reader.RejectUnknown(joint, jointPath, "index", "joint", "sign", "offset");
                int? index = reader.Integer(joint, "index", jointPath, required: true);
                string? jointName = reader.String(joint, "joint", jointPath, required: true);
                double sign = reader.Number(joint, "sign", jointPath, required: false) ?? 1.0;
                double offset = reader.Number(joint, "offset", jointPath, required: false) ?? 0.0;
                if (index is not null && jointName is not null)
                {
                    joints.Add(new ActionJoint(index.Value, jointName, sign, offset));
                }
            }
            else
            {
                reader.Report(jointPath, "must be an object.");
            }
        }

        var grippers = new List<ActionGripper>();
        JsonArray? gripperNodes = reader.Array(node, "grippers", path, required: false);
        for (int i = 0; i < (gripperNodes?.Count ?? 0); i++)
        {
            string gripperPath = ManifestJsonReader.Element($"{path}.grippers", i);
            if (gripperNodes![i] is JsonObject gripper)
            {
                reader.RejectUnknown(gripper, gripperPath, "index", "gripper", "closed", "open");
                int? index = reader.Integer(gripper, "index", gripperPath, required: true);
                string? gripperName = reader.String(gripper, "gripper", gripperPath, required: true);
                double? closed = reader.Number(gripper, "closed", gripperPath, required: true);
                double? open = reader.Number(gripper, "open", gripperPath, required: true);
                if (index is not null && gripperName is not null && closed is not null && open is not null)
                {
                    grippers.Add(new ActionGripper(index.Value, gripperName, closed.Value, open.Value));
                }
            }
            else
            {
                reader.Report(gripperPath, "must be an object.");
            }
        }

        EndEffectorActions? endEffector = null;
        if (reader.Object(node, "end_effector", path, required: false) is { } poseNode)
        {
            string posePath = $"{path}.end_effector";
            reader.RejectUnknown(poseNode, posePath, "position", "rotation", "representation", "frame", "delta", "meters_per_unit", "radians_per_unit");
            List<int>? position = reader.Integers(poseNode, "position", posePath, required: true);
            RotationRepresentation? representation = reader.Choice(poseNode, "representation", posePath, required: true, ManifestNames.Rotation);

            // Position-only actions have no rotation indices, so the field may be left out.
            bool positionOnly = representation == RotationRepresentation.None;
            List<int>? rotation = reader.Integers(poseNode, "rotation", posePath, required: !positionOnly) ?? (positionOnly && poseNode["rotation"] is null ? [] : null);
            EndEffectorFrame? frame = reader.Choice(poseNode, "frame", posePath, required: false, ManifestNames.Frame) ?? (poseNode["frame"] is null ? EndEffectorFrame.Base : null);
            bool? delta = reader.Boolean(poseNode, "delta", posePath, required: true);
            double metersPerUnit = reader.Number(poseNode, "meters_per_unit", posePath, required: false) ?? 1.0;
            double radiansPerUnit = reader.Number(poseNode, "radians_per_unit", posePath, required: false) ?? 1.0;
            if (position is not null && rotation is not null && representation is not null && frame is not null && delta is not null)
            {
                endEffector = new EndEffectorActions(position, rotation, representation.Value, frame.Value, delta.Value, metersPerUnit, radiansPerUnit);
            }
        }

        List<int> unused = reader.Integers(node, "unused", path, required: false) ?? [];
        return kind is null || dimensions is null || chunkLength is null || rate is null
            ? null
            : new ActionSpace(kind.Value, name, dimensions.Value, modelDimensions ?? dimensions.Value, chunkLength.Value, horizon ?? chunkLength.Value, rate.Value, joints, grippers, endEffector)
            {
                UnusedIndices = unused,
            };
    }
}
