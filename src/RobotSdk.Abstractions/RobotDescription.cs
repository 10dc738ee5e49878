namespace RobotSdk;

/// <summary>What a driver says about the hardware behind it.</summary>
/// <param name="Model">Arm model, for example <c>so101</c> or <c>wx250s</c>.</param>
/// <param name="Joints">Every actuated joint, in the order of the driver's joint frames.</param>
public sealed record RobotDescription(string Model, IReadOnlyList<JointDescription> Joints)
{
    /// <summary>Grippers, each driven by one of <see cref="Joints"/>.</summary>
    public IReadOnlyList<GripperDescription> Grippers { get; init; } = [];

    /// <summary>Cameras that come with the arm.</summary>
    public IReadOnlyList<CameraDescription> Cameras { get; init; } = [];

    /// <summary>Command modes the driver accepts in <see cref="Hardware.IRobotDriver.Write"/>.</summary>
    public IReadOnlyList<CommandMode> CommandModes { get; init; } = [CommandMode.Position];

    /// <summary>
    /// Which physical arm this is, as far as its driver can tell, so that a per-arm file (a
    /// kinematic calibration) applies to this arm only. Drivers fill what they know when they are
    /// built: servo arms give the model and the servo IDs (for example <c>so101 ids 1,2,3,4,5,6</c>;
    /// the port is not identity, as the same arm may enumerate elsewhere), a networked controller its
    /// model and address. Defaults to <see cref="Model"/>: the driver cannot tell two arms of the model apart.
    /// </summary>
    public string Identity { get; init; } = Model;

    /// <summary>Nominal kinematics of the arm joints, or null when unknown.</summary>
    public KinematicChainDescription? Kinematics { get; init; }

    /// <summary>
    /// The highest control rate, Hz, at which the driver's Read and Write fit in one period on their
    /// link (a slow serial link answered by slow firmware), or null when the link is not the limit.
    /// A robot configured faster is refused, because its safety layer would plan every step for a
    /// period the hardware cannot keep.
    /// </summary>
    public double? MaxControlRateHz { get; init; }

    /// <summary><paramref name="preferredHz"/>, or <see cref="MaxControlRateHz"/> when the link cannot keep that rate.</summary>
    public double SustainableControlRate(double preferredHz) => MaxControlRateHz is { } max && max < preferredHz ? max : preferredHz;

    /// <summary>Index of the joint called <paramref name="jointName"/>, or -1.</summary>
    public int IndexOf(string jointName)
    {
        for (int i = 0; i < Joints.Count; i++)
        {
            if (string.Equals(Joints[i].Name, jointName, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// Returns every contradiction in this description (duplicate or unknown joint names,
    /// inconsistent limits); empty when it is consistent.
    /// </summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Joints.Count == 0)
        {
            problems.Add($"model '{Model}' has no joints");
        }

        if (string.IsNullOrWhiteSpace(Identity))
        {
            problems.Add($"model '{Model}' has an empty Identity (leave it unset to identify the arm by its model)");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (JointDescription joint in Joints)
        {
            if (!seen.Add(joint.Name))
            {
                problems.Add($"joint '{joint.Name}' appears twice");
            }

            if (joint.Limits.FindContradiction() is { } contradiction)
            {
                problems.Add($"joint '{joint.Name}': {contradiction}");
            }
        }

        foreach (GripperDescription gripper in Grippers)
        {
            if (IndexOf(gripper.JointName) < 0)
            {
                problems.Add($"gripper '{gripper.Name}' names unknown joint '{gripper.JointName}'");
            }
        }

        foreach (KinematicJoint joint in Kinematics?.Joints ?? [])
        {
            if (IndexOf(joint.JointName) < 0)
            {
                problems.Add($"kinematic chain names unknown joint '{joint.JointName}'");
            }
        }

        return problems;
    }
}
