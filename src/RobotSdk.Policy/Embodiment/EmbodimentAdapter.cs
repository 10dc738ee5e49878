using System.Globalization;
using RobotSdk.Geometry;
using RobotSdk.Kinematics;
using RobotSdk.Policy.Manifest;
using RobotSdk.Policy.Runner;

namespace RobotSdk.Policy.Embodiment;

/// <summary>
/// Maps a policy manifest's state and action spaces onto one <see cref="Robot"/>, so one model
/// drives many arms. Every manifest name is resolved once, in <see cref="Create"/>; after that
/// <see cref="CaptureState"/> and <see cref="TryMapAction"/> allocate nothing.
/// </summary>
/// <remarks>
/// <para>
/// State elements: an arm joint's position, mapped backwards through its action's sign and offset
/// (model value = (robot − offset) / sign); a gripper's name, its opening in the model's
/// closed..open range when an action drives it, else the open fraction 0..1;
/// <c>GRIPPER.width</c>, <c>GRIPPER.left_finger</c> (+width/2) and <c>GRIPPER.right_finger</c>
/// (−width/2) in metres; <c>constant:VALUE</c>; and the tool pose computed from the measured joints
/// through <see cref="Robot.Kinematics"/> (the calibrated chain when one is in use):
/// <c>tool.x|y|z</c> (metres, base frame), <c>tool.axis_angle.x|y|z</c>,
/// <c>tool.quaternion.w|x|y|z</c>, <c>tool.euler.x|y|z</c>, <c>tool.rotation6d.0</c> to <c>.5</c>.
/// </para>
/// <para>
/// Actions: joint targets (robot = sign × value + offset), joint deltas added to the anchor's
/// measured positions, joint velocities integrated over one control period onto the previous
/// target, grippers mapped linearly from closed..open onto an open fraction (clamped), and tool poses
/// solved by inverse kinematics on the chain the anchor was captured with, seeded by the last
/// solution. Arm joints no dimension drives keep the anchor's positions.
/// </para>
/// <para>
/// Call <see cref="TryMapAction"/> from one thread, once per executed action: joint-velocity
/// integration keeps the previous target in the adapter.
/// </para>
/// </remarks>
public sealed class EmbodimentAdapter : IEmbodiment
{
    private static readonly string[] ToolNames =
    [
        "tool.x", "tool.y", "tool.z",
        "tool.axis_angle.x", "tool.axis_angle.y", "tool.axis_angle.z",
        "tool.quaternion.w", "tool.quaternion.x", "tool.quaternion.y", "tool.quaternion.z",
        "tool.euler.x", "tool.euler.y", "tool.euler.z",
        "tool.rotation6d.0", "tool.rotation6d.1", "tool.rotation6d.2", "tool.rotation6d.3", "tool.rotation6d.4", "tool.rotation6d.5",
    ];

    private readonly Robot _robot;
    private readonly ActionSpace _actions;
    private readonly StateSource[][] _state;
    private readonly int[] _jointActionIndex;
    private readonly double[] _jointSign;
    private readonly double[] _jointOffset;
    private readonly int[] _gripperActionIndex;
    private readonly double[] _gripperClosed;
    private readonly double[] _gripperOpen;
    private readonly double[] _gripperMaxWidth;
    private readonly int[] _checkedIndices;
    private readonly EndEffectorActions? _endEffector;
    private readonly InverseKinematicsOptions? _inverseKinematics;
    private readonly double[] _candidate;
    private readonly double[] _solution;
    private readonly double[] _velocityTargets;
    private readonly double _periodSeconds;
    private bool _velocityStarted;

    // The chain of the latest CaptureState: solves use the kinematics the latest tool pose came from
    // (a chain swapped in by UseKinematics takes over at the next observation, not mid-solve).
    private volatile SerialChain? _chain;

    private EmbodimentAdapter(Robot robot, PolicyManifest manifest, EmbodimentOptions options, StateSource[][] state, int[] jointActionIndex, double[] jointSign, double[] jointOffset, int[] gripperActionIndex)
    {
        _robot = robot;
        Manifest = manifest;
        _actions = manifest.Actions;
        _state = state;
        _jointActionIndex = jointActionIndex;
        _jointSign = jointSign;
        _jointOffset = jointOffset;
        _gripperActionIndex = gripperActionIndex;
        ArmJointCount = robot.Arm.Joints.Count;
        GripperCount = robot.Grippers.Count;
        _gripperClosed = new double[GripperCount];
        _gripperOpen = new double[GripperCount];
        _gripperMaxWidth = new double[GripperCount];
        for (int g = 0; g < GripperCount; g++)
        {
            _gripperMaxWidth[g] = robot.Description.Grippers[g].MaxWidthMeters ?? double.NaN;
            ActionGripper? action = _actions.Grippers.FirstOrDefault(entry => entry.Gripper == robot.Grippers[g].Name);
            (_gripperClosed[g], _gripperOpen[g]) = action is null ? (0.0, 1.0) : (action.Closed, action.Open);
        }

        _endEffector = _actions.Kind == ActionSpaceKind.EndEffector ? _actions.EndEffector : null;
        if (_endEffector is not null)
        {
            InverseKinematicsOptions chosen = options.InverseKinematics ?? (InverseKinematicsOptions.Default with { OrientationWeight = EmbodimentOptions.DefaultOrientationWeight });
            _inverseKinematics = _endEffector.Representation == RotationRepresentation.None ? chosen with { OrientationWeight = 0 } : chosen;
        }

        _checkedIndices =
        [
            .. _actions.Joints.Select(joint => joint.Index),
            .. _actions.Grippers.Select(gripper => gripper.Index),
            .. _endEffector?.Position ?? [],
            .. _endEffector?.Rotation ?? [],
        ];
        _candidate = new double[ArmJointCount];
        _solution = new double[ArmJointCount];
        _velocityTargets = new double[ArmJointCount];
        _periodSeconds = 1.0 / _actions.ControlRateHertz;
        _chain = robot.Kinematics;
    }

    /// <inheritdoc />
    public int ArmJointCount { get; }

    /// <inheritdoc />
    public int GripperCount { get; }

    /// <inheritdoc />
    public int ActionDimensions => _actions.Dimensions;

    /// <summary>The manifest this adapter maps.</summary>
    public PolicyManifest Manifest { get; }

    /// <summary>
    /// Resolves every name <paramref name="manifest"/> uses against <paramref name="robot"/>.
    /// </summary>
    /// <exception cref="EmbodimentException">
    /// The manifest is inconsistent, names a joint, gripper or value the robot lacks, or needs
    /// kinematics the robot does not have; the message lists every problem with its manifest path
    /// and the names the robot offers.
    /// </exception>
    public static EmbodimentAdapter Create(PolicyManifest manifest, Robot robot, EmbodimentOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(robot);
        options ??= new EmbodimentOptions();
        var problems = new List<string>();
        problems.AddRange(PolicyManifestValidator.Validate(manifest).Select(problem => problem.ToString()));
        ActionSpace actions = manifest.Actions;
        IReadOnlyList<JointDescription> armJoints = robot.Arm.Joints;
        bool hasKinematics = robot.Kinematics is not null;

        int[] jointActionIndex = [.. Enumerable.Repeat(-1, armJoints.Count)];
        double[] jointSign = [.. Enumerable.Repeat(1.0, armJoints.Count)];
        var jointOffset = new double[armJoints.Count];
        for (int i = 0; i < actions.Joints.Count; i++)
        {
            ActionJoint joint = actions.Joints[i];
            int arm = IndexOfArmJoint(armJoints, joint.Joint);
            if (arm < 0)
            {
                problems.Add(Invariant($"$.actions.joints[{i}].joint: '{joint.Joint}' is not an arm joint of robot '{robot.Name}'{NotArmHint(robot, joint.Joint)}."));
                continue;
            }

            jointActionIndex[arm] = joint.Index;
            jointSign[arm] = joint.Sign;
            jointOffset[arm] = joint.Offset;
        }

        int[] gripperActionIndex = [.. Enumerable.Repeat(-1, robot.Grippers.Count)];
        for (int i = 0; i < actions.Grippers.Count; i++)
        {
            ActionGripper gripper = actions.Grippers[i];
            int index = IndexOfGripper(robot, gripper.Gripper);
            if (index < 0)
            {
                problems.Add(Invariant($"$.actions.grippers[{i}].gripper: '{gripper.Gripper}' is not a gripper of robot '{robot.Name}'."));
                continue;
            }

            gripperActionIndex[index] = gripper.Index;
        }

        if (actions.Kind == ActionSpaceKind.EndEffector && !hasKinematics)
        {
            problems.Add($"$.actions.end_effector: end-effector actions need the arm's kinematics, and model '{robot.Description.Model}' describes none.");
        }

        var state = new StateSource[manifest.Inputs.State.Count][];
        for (int i = 0; i < manifest.Inputs.State.Count; i++)
        {
            StateInput input = manifest.Inputs.State[i];
            state[i] = new StateSource[input.Joints.Count];
            for (int j = 0; j < input.Joints.Count; j++)
            {
                string path = Invariant($"$.inputs.state[{i}].joints[{j}]");
                state[i][j] = ResolveState(input.Joints[j], path, robot, actions, jointActionIndex, jointSign, jointOffset, problems);
            }
        }

        if (problems.Count > 0)
        {
            throw new EmbodimentException(robot.Name, problems, DescribeNames(robot));
        }

        return new EmbodimentAdapter(robot, manifest, options, state, jointActionIndex, jointSign, jointOffset, gripperActionIndex);
    }

    /// <inheritdoc />
    public ActionAnchor CreateAnchor() => new(ArmJointCount, GripperCount);

    /// <summary>The next joint-velocity action integrates from the anchor's measured positions again (after a hold, or a new episode).</summary>
    public void ResetVelocityIntegration() => _velocityStarted = false;

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The observation or anchor was made for another manifest or robot.</exception>
    public void CaptureState(PolicyObservation observation, ActionAnchor anchor)
    {
        ArgumentNullException.ThrowIfNull(observation);
        CheckAnchor(anchor);
        if (observation.State.Count != _state.Length)
        {
            throw new ArgumentException(Invariant($"The observation has {observation.State.Count} state vectors; the manifest has {_state.Length}."), nameof(observation));
        }

        _robot.Arm.ReadPositions(anchor.ArmPositions);
        for (int g = 0; g < GripperCount; g++)
        {
            anchor.GripperOpenFractions[g] = _robot.Grippers[g].OpenFraction;
        }

        SerialChain? chain = _robot.Kinematics;
        _chain = chain;
        anchor.ToolPose = chain is null ? Pose.Identity : chain.ForwardKinematics(anchor.ArmPositions);
        anchor.ArmPositions.CopyTo(anchor.InverseKinematicsSeed, 0);

        Pose tool = anchor.ToolPose;
        Rotation quaternion = RotationEncoding.Canonical(tool.Orientation);
        Vector3D axisAngle = RotationEncoding.ToAxisAngle(tool.Orientation);
        Vector3D euler = RotationEncoding.ToEuler(tool.Orientation);
        Span<double> rotation6D = stackalloc double[6];
        RotationEncoding.ToRotation6D(tool.Orientation, rotation6D);
        for (int i = 0; i < _state.Length; i++)
        {
            StateSource[] sources = _state[i];
            float[] values = observation.State[i];
            if (values.Length < sources.Length)
            {
                throw new ArgumentException(Invariant($"State vector {i} holds {values.Length} values; the manifest lists {sources.Length}."), nameof(observation));
            }

            for (int j = 0; j < sources.Length; j++)
            {
                StateSource source = sources[j];
                double value = source.Kind switch
                {
                    StateSourceKind.ArmJoint => (anchor.ArmPositions[source.Index] - source.Offset) * source.Scale,
                    StateSourceKind.Gripper => source.Offset + (anchor.GripperOpenFractions[source.Index] * source.Scale),
                    StateSourceKind.GripperWidth => anchor.GripperOpenFractions[source.Index] * _gripperMaxWidth[source.Index],
                    StateSourceKind.GripperLeftFinger => anchor.GripperOpenFractions[source.Index] * _gripperMaxWidth[source.Index] / 2,
                    StateSourceKind.GripperRightFinger => -anchor.GripperOpenFractions[source.Index] * _gripperMaxWidth[source.Index] / 2,
                    StateSourceKind.Constant => source.Offset,
                    StateSourceKind.ToolPosition => Component(tool.Position, source.Index),
                    StateSourceKind.ToolAxisAngle => Component(axisAngle, source.Index),
                    StateSourceKind.ToolQuaternion => source.Index switch { 0 => quaternion.W, 1 => quaternion.X, 2 => quaternion.Y, _ => quaternion.Z },
                    StateSourceKind.ToolEuler => Component(euler, source.Index),
                    _ => rotation6D[source.Index],
                };
                values[j] = (float)value;
            }
        }
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">A span has the wrong length, or the anchor was made for another robot.</exception>
    public bool TryMapAction(ReadOnlySpan<float> action, ActionAnchor anchor, Span<double> armTargets, Span<double> gripperOpenFractions, out string? problem)
    {
        CheckAnchor(anchor);
        if (action.Length < _actions.Dimensions)
        {
            throw new ArgumentException(Invariant($"The action has {action.Length} numbers; the manifest uses {_actions.Dimensions}."), nameof(action));
        }

        if (armTargets.Length != ArmJointCount || gripperOpenFractions.Length != GripperCount)
        {
            throw new ArgumentException(Invariant($"Targets for {armTargets.Length} arm joints and {gripperOpenFractions.Length} grippers were given; robot '{_robot.Name}' has {ArmJointCount} and {GripperCount}."), nameof(armTargets));
        }

        foreach (int index in _checkedIndices)
        {
            if (!float.IsFinite(action[index]))
            {
                problem = Invariant($"action[{index}] is {action[index]}, not a finite number.");
                return false;
            }
        }

        Span<double> targets = _candidate;
        switch (_actions.Kind)
        {
            case ActionSpaceKind.JointAbsolute:
                for (int j = 0; j < ArmJointCount; j++)
                {
                    int index = _jointActionIndex[j];
                    targets[j] = index < 0 ? anchor.ArmPositions[j] : (_jointSign[j] * action[index]) + _jointOffset[j];
                }

                break;
            case ActionSpaceKind.JointDelta:
                for (int j = 0; j < ArmJointCount; j++)
                {
                    int index = _jointActionIndex[j];
                    targets[j] = anchor.ArmPositions[j] + (index < 0 ? 0 : _jointSign[j] * action[index]);
                }

                break;
            case ActionSpaceKind.JointVelocity:
                if (!_velocityStarted)
                {
                    anchor.ArmPositions.CopyTo(_velocityTargets, 0);
                    _velocityStarted = true;
                }

                for (int j = 0; j < ArmJointCount; j++)
                {
                    int index = _jointActionIndex[j];
                    targets[j] = index < 0 ? anchor.ArmPositions[j] : _velocityTargets[j] + (_jointSign[j] * action[index] * _periodSeconds);
                }

                targets.CopyTo(_velocityTargets);
                break;
            default:
                if (!TrySolveEndEffector(action, anchor, targets, out problem))
                {
                    return false;
                }

                break;
        }

        targets.CopyTo(armTargets);
        for (int g = 0; g < GripperCount; g++)
        {
            int index = _gripperActionIndex[g];
            gripperOpenFractions[g] = index < 0
                ? double.NaN
                : Math.Clamp((action[index] - _gripperClosed[g]) / (_gripperOpen[g] - _gripperClosed[g]), 0, 1);
        }

        problem = null;
        return true;
    }

    private bool TrySolveEndEffector(ReadOnlySpan<float> action, ActionAnchor anchor, Span<double> targets, out string? problem)
    {
        EndEffectorActions pose = _endEffector!;
        SerialChain chain = _chain!;
        double meters = pose.MetersPerUnit;
        var position = new Vector3D(action[pose.Position[0]] * meters, action[pose.Position[1]] * meters, action[pose.Position[2]] * meters);
        if (!TryReadRotation(action, pose, out Rotation rotation))
        {
            problem = $"the action's {ManifestNames.NameOf(ManifestNames.Rotation, pose.Representation)} orientation has no direction (zero or parallel vectors).";
            return false;
        }

        Pose current = anchor.ToolPose;
        Pose target;
        if (pose.Frame == EndEffectorFrame.Tool)
        {
            // In the tool frame, absolute and delta poses mean the same: relative to the tool at the observation.
            target = current * new Pose(position, rotation);
        }
        else if (pose.Delta)
        {
            target = new Pose(current.Position + position, rotation * current.Orientation);
        }
        else
        {
            target = new Pose(position, pose.Representation == RotationRepresentation.None ? current.Orientation : rotation);
        }

        InverseKinematicsResult result = chain.SolveInverseKinematics(target, anchor.InverseKinematicsSeed, _solution, _inverseKinematics);
        if (!result.Converged)
        {
            problem = DescribeFailure(target, result, pose.Representation == RotationRepresentation.None);
            return false;
        }

        _solution.CopyTo(targets);
        _solution.CopyTo(anchor.InverseKinematicsSeed, 0);
        problem = null;
        return true;
    }

    private static bool TryReadRotation(ReadOnlySpan<float> action, EndEffectorActions pose, out Rotation rotation)
    {
        IReadOnlyList<int> r = pose.Rotation;
        double radians = pose.RadiansPerUnit;
        switch (pose.Representation)
        {
            case RotationRepresentation.AxisAngle:
                rotation = RotationEncoding.FromAxisAngle(new Vector3D(action[r[0]] * radians, action[r[1]] * radians, action[r[2]] * radians));
                return true;
            case RotationRepresentation.EulerXyz:
                rotation = RotationEncoding.FromEuler(new Vector3D(action[r[0]] * radians, action[r[1]] * radians, action[r[2]] * radians));
                return true;
            case RotationRepresentation.QuaternionWxyz:
                return RotationEncoding.TryNormalize(action[r[0]], action[r[1]], action[r[2]], action[r[3]], out rotation);
            case RotationRepresentation.Rotation6D:
                return RotationEncoding.TryFromRotation6D(
                    new Vector3D(action[r[0]], action[r[1]], action[r[2]]),
                    new Vector3D(action[r[3]], action[r[4]], action[r[5]]),
                    out rotation);
            default:
                rotation = Rotation.Identity;
                return true;
        }
    }

    private static string DescribeFailure(Pose target, InverseKinematicsResult result, bool positionOnly)
    {
        Rotation q = target.Orientation;
        string orientation = positionOnly
            ? "position only"
            : Invariant($"orientation w {q.W:0.####} x {q.X:0.####} y {q.Y:0.####} z {q.Z:0.####}, remaining {result.OrientationErrorRadians * 180 / Math.PI:0.0} degrees");
        return Invariant($"inverse kinematics did not reach tool position {target.Position} m ({orientation}): remaining error {result.PositionErrorMeters * 1000:0.0} mm after {result.Iterations} iterations.");
    }

    private void CheckAnchor(ActionAnchor anchor)
    {
        ArgumentNullException.ThrowIfNull(anchor);
        if (anchor.ArmPositions.Length != ArmJointCount || anchor.GripperOpenFractions.Length != GripperCount)
        {
            throw new ArgumentException(Invariant($"The anchor is for {anchor.ArmPositions.Length} arm joints and {anchor.GripperOpenFractions.Length} grippers; robot '{_robot.Name}' has {ArmJointCount} and {GripperCount}. Use CreateAnchor."), nameof(anchor));
        }
    }

    private static StateSource ResolveState(string name, string path, Robot robot, ActionSpace actions, int[] jointActionIndex, double[] jointSign, double[] jointOffset, List<string> problems)
    {
        if (StateInput.TryParseConstant(name, out double constant))
        {
            return new StateSource(StateSourceKind.Constant, 0, 0, constant);
        }

        int gripper = IndexOfGripper(robot, name);
        if (gripper >= 0)
        {
            ActionGripper? action = actions.Grippers.FirstOrDefault(entry => entry.Gripper == name);
            return action is null
                ? new StateSource(StateSourceKind.Gripper, gripper, 1, 0)
                : new StateSource(StateSourceKind.Gripper, gripper, action.Open - action.Closed, action.Closed);
        }

        int arm = IndexOfArmJoint(robot.Arm.Joints, name);
        if (arm >= 0)
        {
            return jointActionIndex[arm] < 0
                ? new StateSource(StateSourceKind.ArmJoint, arm, 1, 0)
                : new StateSource(StateSourceKind.ArmJoint, arm, 1 / jointSign[arm], jointOffset[arm]);
        }

        int tool = Array.IndexOf(ToolNames, name);
        if (tool >= 0)
        {
            if (robot.Kinematics is null)
            {
                problems.Add($"{path}: '{name}' is computed through the arm's kinematics, and model '{robot.Description.Model}' describes none.");
            }

            return tool switch
            {
                < 3 => new StateSource(StateSourceKind.ToolPosition, tool, 1, 0),
                < 6 => new StateSource(StateSourceKind.ToolAxisAngle, tool - 3, 1, 0),
                < 10 => new StateSource(StateSourceKind.ToolQuaternion, tool - 6, 1, 0),
                < 13 => new StateSource(StateSourceKind.ToolEuler, tool - 10, 1, 0),
                _ => new StateSource(StateSourceKind.ToolRotation6D, tool - 13, 1, 0),
            };
        }

        int dot = name.LastIndexOf('.');
        if (dot > 0 && IndexOfGripper(robot, name[..dot]) is int widthGripper && widthGripper >= 0)
        {
            StateSourceKind? kind = name[(dot + 1)..] switch
            {
                "width" => StateSourceKind.GripperWidth,
                "left_finger" => StateSourceKind.GripperLeftFinger,
                "right_finger" => StateSourceKind.GripperRightFinger,
                _ => null,
            };
            if (kind is not null)
            {
                if (robot.Description.Grippers[widthGripper].MaxWidthMeters is null)
                {
                    problems.Add($"{path}: '{name}' needs the width of gripper '{name[..dot]}', which model '{robot.Description.Model}' does not give.");
                }

                return new StateSource(kind.Value, widthGripper, 1, 0);
            }
        }

        problems.Add($"{path}: '{name}' is not an arm joint, gripper, gripper width or tool value of robot '{robot.Name}'{NotArmHint(robot, name)}.");
        return default;
    }

    private static string NotArmHint(Robot robot, string name) =>
        robot.Description.IndexOf(name) >= 0 ? " (it is a joint of the robot, but not of its arm group)" : string.Empty;

    private static string DescribeNames(Robot robot)
    {
        string grippers = robot.Grippers.Count == 0 ? "none" : string.Join(", ", robot.Grippers.Select(gripper => gripper.Name));
        string widths = string.Join(", ", robot.Description.Grippers
            .Where(gripper => gripper.MaxWidthMeters is not null)
            .SelectMany(gripper => new[] { $"{gripper.Name}.width", $"{gripper.Name}.left_finger", $"{gripper.Name}.right_finger" }));
        string tool = robot.Kinematics is null ? "none (no kinematics)" : string.Join(", ", ToolNames);
        return $"Robot '{robot.Name}' (model {robot.Description.Model}) offers arm joints: {string.Join(", ", robot.Arm.Joints.Select(joint => joint.Name))}; "
            + $"grippers: {grippers}; gripper widths: {(widths.Length == 0 ? "none" : widths)}; tool values: {tool}; and constants written constant:VALUE.";
    }

    private static int IndexOfArmJoint(IReadOnlyList<JointDescription> joints, string name)
    {
        for (int i = 0; i < joints.Count; i++)
        {
            if (string.Equals(joints[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private static int IndexOfGripper(Robot robot, string name)
    {
        for (int i = 0; i < robot.Grippers.Count; i++)
        {
            if (string.Equals(robot.Grippers[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private static double Component(Vector3D vector, int index) => index switch { 0 => vector.X, 1 => vector.Y, _ => vector.Z };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
