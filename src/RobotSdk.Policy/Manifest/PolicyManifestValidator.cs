using System.Globalization;
using RobotSdk.Policy.Onnx;

namespace RobotSdk.Policy.Manifest;

/// <summary>The consistency rules of a policy manifest, checked on the records; each problem carries the JSON path of the field at fault.</summary>
internal static class PolicyManifestValidator
{
    public static IReadOnlyList<PolicyManifestProblem> Validate(PolicyManifest manifest)
    {
        var problems = new List<PolicyManifestProblem>();
        void Report(string path, string message) => problems.Add(new PolicyManifestProblem(path, message));

        bool remote = manifest.Model is RemotePolicyModel;
        CheckModel(manifest.Model, Report);
        CheckInputs(manifest.Inputs, remote, Report);
        if (manifest.Normalization is { } normalization)
        {
            CheckNormalization(manifest, normalization, remote, Report);
        }

        CheckActions(manifest.Actions, manifest.Inputs, Report);
        return problems;
    }

    /// <summary>The method's statistics are present, all statistics have one length, and the quantile range is not inverted.</summary>
    public static void CheckStatistics(NormalizationStatistics statistics, string path, Action<string, string> report)
    {
        (string Key, IReadOnlyList<double>? Values)[] all =
        [
            ("mean", statistics.Mean), ("std", statistics.StandardDeviation), ("q01", statistics.Quantile01), ("q99", statistics.Quantile99),
        ];
        (string first, string second) = statistics.Method == NormalizationMethod.ZScore ? ("mean", "std") : ("q01", "q99");
        foreach ((string key, IReadOnlyList<double>? values) in all)
        {
            if ((key == first || key == second) && values is null)
            {
                report($"{path}.{key}", $"is required for {ManifestNames.NameOf(ManifestNames.Method, statistics.Method)} normalization.");
            }
        }

        int expected = statistics.Dimensions;
        foreach ((string key, IReadOnlyList<double>? values) in all)
        {
            if (values is not null && values.Count != expected)
            {
                report($"{path}.{key}", Invariant($"has {values.Count} values but the statistics have {expected} dimensions."));
            }
        }

        if (expected == 0 && (statistics.Method == NormalizationMethod.ZScore ? statistics.Mean : statistics.Quantile01) is not null)
        {
            report(path, "statistics must have at least one dimension.");
        }

        if (statistics.StandardDeviation is { } deviation && deviation.Any(value => value < 0))
        {
            report($"{path}.std", "must not be negative.");
        }

        if (statistics.Quantile01 is { } low && statistics.Quantile99 is { } high && low.Count == high.Count)
        {
            for (int i = 0; i < low.Count; i++)
            {
                if (high[i] < low[i])
                {
                    report($"{path}.q99", Invariant($"[{i}] = {high[i]} is below q01[{i}] = {low[i]}."));
                }
            }
        }
    }

    private static void CheckModel(PolicyModel model, Action<string, string> report)
    {
        if (model is FlowMatchingPolicyModel flow)
        {
            if (flow.Steps < 1)
            {
                report("$.model.steps", Invariant($"must be at least 1, found {flow.Steps}."));
            }

            if (flow.TimeStart == flow.TimeEnd)
            {
                report("$.model.time_end", "must differ from time_start.");
            }

            if (flow.ObservationGraphPath is not null && flow.ContextNames.Count == 0)
            {
                report("$.model.context", "must name at least one output of the observation graph for the step graph.");
            }

            if (flow.ObservationGraphPath is null && flow.ContextNames.Count > 0)
            {
                report("$.model.context", "only applies with an observation_graph.");
            }
        }
    }

    private static void CheckInputs(PolicyInputs inputs, bool remote, Action<string, string> report)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < inputs.Images.Count; i++)
        {
            ImageInput image = inputs.Images[i];
            string path = Invariant($"$.inputs.images[{i}]");
            if (image.Width < 1)
            {
                report($"{path}.width", Invariant($"must be at least 1, found {image.Width}."));
            }

            if (image.Height < 1)
            {
                report($"{path}.height", Invariant($"must be at least 1, found {image.Height}."));
            }

            if (image.ElementType == TensorElementType.Float && image.ValueRange is null)
            {
                report($"{path}.range", "is required for float32 images: [black, white], for example [-1, 1] or [0, 1].");
            }
            else if (image.ElementType == TensorElementType.UInt8 && image.ValueRange is not null)
            {
                report($"{path}.range", "only applies to float32 images; uint8 images carry the pixels as they are.");
            }
            else if (image.ElementType is not (TensorElementType.UInt8 or TensorElementType.Float))
            {
                report($"{path}.dtype", $"{image.ElementType} is not supported; images are uint8 or float32.");
            }

            if (image.ValueRange is { } range && (!double.IsFinite(range.Black) || !double.IsFinite(range.White) || range.Black == range.White))
            {
                report($"{path}.range", "must be two different finite numbers.");
            }

            if (image.Group is not null && !remote)
            {
                report($"{path}.group", "only applies to remote policies (nested observation maps such as ALOHA's 'images').");
            }

            if (!keys.Add($"{image.Group}/{image.Name}"))
            {
                report($"{path}.name", $"'{image.Name}' is used by another input.");
            }
        }

        for (int i = 0; i < inputs.State.Count; i++)
        {
            StateInput state = inputs.State[i];
            string path = Invariant($"$.inputs.state[{i}]");
            if (state.Joints.Count == 0)
            {
                report($"{path}.joints", "must list at least one joint.");
            }

            if (state.PadTo is { } padTo && padTo < state.Joints.Count)
            {
                report($"{path}.pad_to", Invariant($"is {padTo}, fewer than the {state.Joints.Count} joints."));
            }

            for (int j = 0; j < state.Joints.Count; j++)
            {
                if (state.Joints[j].StartsWith(StateInput.ConstantPrefix, StringComparison.Ordinal) && !StateInput.TryParseConstant(state.Joints[j], out _))
                {
                    report(Invariant($"{path}.joints[{j}]"), $"'{state.Joints[j]}' is not a constant: write {StateInput.ConstantPrefix} followed by a finite number, for example {StateInput.ConstantPrefix}0.");
                }
            }

            if (!keys.Add($"/{state.Name}"))
            {
                report($"{path}.name", $"'{state.Name}' is used by another input.");
            }
        }

        var seenJoints = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < inputs.State.Count; i++)
        {
            for (int j = 0; j < inputs.State[i].Joints.Count; j++)
            {
                // Constants (a joint the arm lacks, held at one value) may repeat.
                if (!inputs.State[i].Joints[j].StartsWith(StateInput.ConstantPrefix, StringComparison.Ordinal) && !seenJoints.Add(inputs.State[i].Joints[j]))
                {
                    report(Invariant($"$.inputs.state[{i}].joints[{j}]"), $"'{inputs.State[i].Joints[j]}' appears twice in the state.");
                }
            }
        }

        if (inputs.Prompt is { } prompt)
        {
            if (!remote && prompt.Tokenizer is null)
            {
                report("$.inputs.prompt.tokenizer", "is required for local models, which take token ids.");
            }

            if (!remote && prompt.MaxTokens is null)
            {
                report("$.inputs.prompt.max_tokens", "is required for local models (pi0 uses 48).");
            }

            if (prompt.MaxTokens is < 1)
            {
                report("$.inputs.prompt.max_tokens", Invariant($"must be at least 1, found {prompt.MaxTokens}."));
            }

            if (!keys.Add($"/{prompt.Name}"))
            {
                report("$.inputs.prompt.name", $"'{prompt.Name}' is used by another input.");
            }
        }
    }

    private static void CheckNormalization(PolicyManifest manifest, PolicyNormalization normalization, bool remote, Action<string, string> report)
    {
        if (remote && (normalization.State is not null || normalization.Actions is not null))
        {
            report("$.normalization", "must be absent for remote policies: openpi servers normalize state and actions themselves.");
        }

        if (normalization.State is { } state)
        {
            CheckStatistics(state, "$.normalization.state", report);
            int joints = manifest.Inputs.StateJointCount;
            if (state.Dimensions > 0 && state.Dimensions < joints)
            {
                report("$.normalization.state", Invariant($"has {state.Dimensions} dimensions but the state inputs hold {joints} joints."));
            }

            if (manifest.Inputs.State.Count == 0)
            {
                report("$.normalization.state", "is given but there are no state inputs.");
            }
        }

        if (normalization.Actions is { } actions)
        {
            CheckStatistics(actions, "$.normalization.actions", report);
            ActionSpace space = manifest.Actions;
            if (actions.Dimensions > 0 && (actions.Dimensions < space.Dimensions || actions.Dimensions > space.ModelDimensions))
            {
                report("$.normalization.actions", Invariant($"has {actions.Dimensions} dimensions; expected from {space.Dimensions} (actions.dimensions) to {space.ModelDimensions} (actions.model_dimensions)."));
            }
        }
    }

    private static void CheckActions(ActionSpace actions, PolicyInputs inputs, Action<string, string> report)
    {
        const string path = "$.actions";
        if (actions.Dimensions < 1)
        {
            report($"{path}.dimensions", Invariant($"must be at least 1, found {actions.Dimensions}."));
        }

        if (actions.ModelDimensions < actions.Dimensions)
        {
            report($"{path}.model_dimensions", Invariant($"is {actions.ModelDimensions}, fewer than the {actions.Dimensions} dimensions used."));
        }

        if (actions.ChunkLength < 1)
        {
            report($"{path}.chunk_length", Invariant($"must be at least 1, found {actions.ChunkLength}."));
        }

        if (actions.ExecutionHorizon < 1 || actions.ExecutionHorizon > actions.ChunkLength)
        {
            report($"{path}.execution_horizon", Invariant($"must be from 1 to the chunk length {actions.ChunkLength}, found {actions.ExecutionHorizon}."));
        }

        if (!(actions.ControlRateHertz > 0) || !double.IsFinite(actions.ControlRateHertz))
        {
            report($"{path}.control_rate_hz", Invariant($"must be a positive number, found {actions.ControlRateHertz}."));
        }

        bool jointKind = actions.Kind is ActionSpaceKind.JointAbsolute or ActionSpaceKind.JointDelta or ActionSpaceKind.JointVelocity;
        if (jointKind && actions.Joints.Count == 0)
        {
            report($"{path}.joints", "must list the joint dimensions of joint actions.");
        }

        if (jointKind && actions.EndEffector is not null)
        {
            report($"{path}.end_effector", "only applies to end-effector actions.");
        }

        if (actions.Kind == ActionSpaceKind.EndEffector)
        {
            if (actions.EndEffector is null)
            {
                report($"{path}.end_effector", "is required for end-effector actions.");
            }

            if (actions.Joints.Count > 0)
            {
                report($"{path}.joints", "must be empty for end-effector actions.");
            }
        }

        // Every used dimension is described exactly once, so an adapter never guesses.
        var owners = new string?[Math.Max(actions.Dimensions, 0)];
        void Claim(int index, string owner)
        {
            if (index < 0 || index >= owners.Length)
            {
                report(owner, Invariant($"index {index} is outside the {actions.Dimensions} action dimensions."));
            }
            else if (owners[index] is { } previous)
            {
                report(owner, Invariant($"index {index} is already taken by {previous}."));
            }
            else
            {
                owners[index] = owner;
            }
        }

        var stateJoints = new HashSet<string>(inputs.State.SelectMany(state => state.Joints), StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < actions.Joints.Count; i++)
        {
            ActionJoint joint = actions.Joints[i];
            string jointPath = Invariant($"{path}.joints[{i}]");
            Claim(joint.Index, $"{jointPath}.index");
            if (Math.Abs(joint.Sign) != 1.0)
            {
                report($"{jointPath}.sign", Invariant($"must be 1 or -1, found {joint.Sign}."));
            }

            if (!names.Add(joint.Joint))
            {
                report($"{jointPath}.joint", $"'{joint.Joint}' is driven by another dimension too.");
            }

            if (actions.Kind == ActionSpaceKind.JointDelta && !stateJoints.Contains(joint.Joint))
            {
                report($"{jointPath}.joint", $"'{joint.Joint}' is a delta joint but no state input lists it; deltas are added to its state.");
            }
        }

        for (int i = 0; i < actions.Grippers.Count; i++)
        {
            ActionGripper gripper = actions.Grippers[i];
            string gripperPath = Invariant($"{path}.grippers[{i}]");
            Claim(gripper.Index, $"{gripperPath}.index");
            if (gripper.Closed == gripper.Open)
            {
                report($"{gripperPath}.open", "must differ from closed.");
            }

            if (!names.Add(gripper.Gripper))
            {
                report($"{gripperPath}.gripper", $"'{gripper.Gripper}' is driven by another dimension too.");
            }
        }

        if (actions.EndEffector is { } pose)
        {
            string posePath = $"{path}.end_effector";
            if (pose.Position.Count != 3)
            {
                report($"{posePath}.position", Invariant($"must hold the 3 indices of x, y, z, found {pose.Position.Count}."));
            }

            int rotationLength = EndEffectorActions.RotationLength(pose.Representation);
            if (pose.Representation == RotationRepresentation.None && pose.Rotation.Count > 0)
            {
                report($"{posePath}.rotation", Invariant($"must be empty (or absent) for representation none, found {pose.Rotation.Count} indices."));
            }
            else if (pose.Rotation.Count != rotationLength)
            {
                report($"{posePath}.rotation", Invariant($"must hold {rotationLength} indices for {ManifestNames.NameOf(ManifestNames.Rotation, pose.Representation)}, found {pose.Rotation.Count}."));
            }

            if (!(pose.MetersPerUnit > 0) || !double.IsFinite(pose.MetersPerUnit))
            {
                report($"{posePath}.meters_per_unit", Invariant($"must be a positive number, found {pose.MetersPerUnit}."));
            }

            if (!(pose.RadiansPerUnit > 0) || !double.IsFinite(pose.RadiansPerUnit))
            {
                report($"{posePath}.radians_per_unit", Invariant($"must be a positive number, found {pose.RadiansPerUnit}."));
            }

            for (int i = 0; i < pose.Position.Count; i++)
            {
                Claim(pose.Position[i], Invariant($"{posePath}.position[{i}]"));
            }

            for (int i = 0; i < pose.Rotation.Count; i++)
            {
                Claim(pose.Rotation[i], Invariant($"{posePath}.rotation[{i}]"));
            }
        }

        for (int i = 0; i < actions.UnusedIndices.Count; i++)
        {
            Claim(actions.UnusedIndices[i], Invariant($"{path}.unused[{i}]"));
        }

        for (int index = 0; index < owners.Length; index++)
        {
            if (owners[index] is null)
            {
                report(path, Invariant($"dimension {index} is not described by any joint, gripper, end_effector or unused entry."));
            }
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
