using System.Text.Json.Nodes;

namespace RobotSdk.Policy.Manifest;

/// <summary>Turns manifest records into the JSON <see cref="PolicyManifestFile"/> reads, file paths relative to the manifest's directory.</summary>
internal static class PolicyManifestWriter
{
    public static JsonObject Model(PolicyModel model, string directory) => model switch
    {
        OnnxPolicyModel onnx => new JsonObject { ["kind"] = "onnx", ["path"] = Relative(onnx.Path, directory) },
        FlowMatchingPolicyModel flow => FlowMatching(flow, directory),
        RemotePolicyModel remote => remote.Address is null
            ? new JsonObject { ["kind"] = "remote" }
            : new JsonObject { ["kind"] = "remote", ["address"] = remote.Address.OriginalString },
        _ => throw new ArgumentException($"Unknown policy model {model.GetType().Name}.", nameof(model)),
    };

    public static JsonObject Inputs(PolicyInputs inputs, string directory)
    {
        var images = new JsonArray();
        foreach (ImageInput image in inputs.Images)
        {
            var node = new JsonObject { ["camera"] = image.Camera, ["name"] = image.Name };
            if (image.Group is not null)
            {
                node["group"] = image.Group;
            }

            node["width"] = image.Width;
            node["height"] = image.Height;
            node["resize"] = ManifestNames.NameOf(ManifestNames.Resize, image.Resize);
            node["layout"] = ManifestNames.NameOf(ManifestNames.Layout, image.Layout);
            node["dtype"] = ManifestNames.NameOf(ManifestNames.ImageElement, image.ElementType);
            if (image.ValueRange is { } range)
            {
                node["range"] = new JsonArray(range.Black, range.White);
            }

            images.Add(node);
        }

        var states = new JsonArray();
        foreach (StateInput state in inputs.State)
        {
            var node = new JsonObject { ["name"] = state.Name, ["joints"] = new JsonArray([.. state.Joints.Select(joint => (JsonNode)joint)]) };
            if (state.PadTo is { } padTo)
            {
                node["pad_to"] = padTo;
            }

            states.Add(node);
        }

        var result = new JsonObject { ["images"] = images, ["state"] = states };
        if (inputs.Prompt is { } prompt)
        {
            var node = new JsonObject { ["name"] = prompt.Name };
            AddIfSet(node, "tokenizer", prompt.Tokenizer is null ? null : Relative(prompt.Tokenizer, directory));
            if (prompt.MaxTokens is { } maxTokens)
            {
                node["max_tokens"] = maxTokens;
            }

            AddIfSet(node, "mask", prompt.MaskName);
            AddIfSet(node, "default", prompt.DefaultText);
            result["prompt"] = node;
        }

        return result;
    }

    public static JsonObject Normalization(PolicyNormalization normalization, string directory)
    {
        var node = new JsonObject();
        if (normalization.State is { } state)
        {
            node["state"] = Statistics(state, directory);
        }

        if (normalization.Actions is { } actions)
        {
            node["actions"] = Statistics(actions, directory);
        }

        return node;
    }

    public static JsonObject Actions(ActionSpace actions)
    {
        var node = new JsonObject
        {
            ["kind"] = ManifestNames.NameOf(ManifestNames.ActionKind, actions.Kind),
            ["name"] = actions.Name,
            ["dimensions"] = actions.Dimensions,
            ["model_dimensions"] = actions.ModelDimensions,
            ["chunk_length"] = actions.ChunkLength,
            ["execution_horizon"] = actions.ExecutionHorizon,
            ["control_rate_hz"] = actions.ControlRateHertz,
        };
        if (actions.Joints.Count > 0)
        {
            node["joints"] = new JsonArray([.. actions.Joints.Select(joint => (JsonNode)new JsonObject
            {
                ["index"] = joint.Index,
                ["joint"] = joint.Joint,
                ["sign"] = joint.Sign,
                ["offset"] = joint.Offset,
            })]);
        }

        if (actions.Grippers.Count > 0)
        {
            node["grippers"] = new JsonArray([.. actions.Grippers.Select(gripper => (JsonNode)new JsonObject
            {
                ["index"] = gripper.Index,
                ["gripper"] = gripper.Gripper,
                ["closed"] = gripper.Closed,
                ["open"] = gripper.Open,
            })]);
        }

        if (actions.EndEffector is { } pose)
        {
            var poseNode = new JsonObject { ["position"] = Integers(pose.Position) };
            if (pose.Representation != RotationRepresentation.None || pose.Rotation.Count > 0)
            {
                poseNode["rotation"] = Integers(pose.Rotation);
            }

            poseNode["representation"] = ManifestNames.NameOf(ManifestNames.Rotation, pose.Representation);
            poseNode["frame"] = ManifestNames.NameOf(ManifestNames.Frame, pose.Frame);
            poseNode["delta"] = pose.Delta;
            poseNode["meters_per_unit"] = pose.MetersPerUnit;
            poseNode["radians_per_unit"] = pose.RadiansPerUnit;
            node["end_effector"] = poseNode;
        }

        if (actions.UnusedIndices.Count > 0)
        {
            node["unused"] = Integers(actions.UnusedIndices);
        }

        return node;
    }

    private static JsonObject FlowMatching(FlowMatchingPolicyModel flow, string directory)
    {
        var node = new JsonObject { ["kind"] = "flow-matching", ["step_graph"] = Relative(flow.StepGraphPath, directory) };
        if (flow.ObservationGraphPath is not null)
        {
            node["observation_graph"] = Relative(flow.ObservationGraphPath, directory);
            node["context"] = new JsonArray([.. flow.ContextNames.Select(name => (JsonNode)name)]);
        }

        node["noisy_actions"] = flow.NoisyActionsName;
        node["time"] = flow.TimeName;
        node["velocity"] = flow.VelocityName;
        node["steps"] = flow.Steps;
        if (flow.NoiseSeed is { } seed)
        {
            node["noise_seed"] = seed;
        }

        node["time_start"] = flow.TimeStart;
        node["time_end"] = flow.TimeEnd;
        return node;
    }

    private static JsonObject Statistics(NormalizationStatistics statistics, string directory)
    {
        var node = new JsonObject { ["method"] = ManifestNames.NameOf(ManifestNames.Method, statistics.Method) };
        if (statistics.SourceFile is not null)
        {
            node["file"] = Relative(statistics.SourceFile, directory);
            AddIfSet(node, "key", statistics.SourceKey);
            return node;
        }

        AddIfSet(node, "mean", statistics.Mean);
        AddIfSet(node, "std", statistics.StandardDeviation);
        AddIfSet(node, "q01", statistics.Quantile01);
        AddIfSet(node, "q99", statistics.Quantile99);
        return node;
    }

    private static JsonArray Integers(IReadOnlyList<int> values) => new([.. values.Select(value => (JsonNode)value)]);

    private static void AddIfSet(JsonObject node, string key, string? value)
    {
        if (value is not null)
        {
            node[key] = value;
        }
    }

    private static void AddIfSet(JsonObject node, string key, IReadOnlyList<double>? values)
    {
        if (values is not null)
        {
            node[key] = new JsonArray([.. values.Select(value => (JsonNode)value)]);
        }
    }

    // Forward slashes keep a manifest portable between machines.
    private static string Relative(string fullPath, string directory) => Path.GetRelativePath(directory, fullPath).Replace('\\', '/');
}
