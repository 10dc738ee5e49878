namespace RobotSdk.Hardware;

/// <summary>
/// Two arms driven as one robot, ALOHA-style: one control loop reads and writes both in the same
/// cycle, one safety layer shapes both, and a policy with a 14-number bimanual action (or any model
/// whose joints are named after both arms) maps onto them by name. The joints, grippers and cameras
/// of each arm keep their names behind a prefix, <c>left_</c> and <c>right_</c> (<c>left_waist</c>,
/// <c>right_gripper</c>); the robot's arm group is the twelve (or ten) arm joints, left first.
/// </summary>
/// <remarks>
/// Either arm's fault is the pair's: when one side must deactivate, the pair reports it (the robot
/// then turns both off), recording that side's fault, which names its port. The pair has no
/// kinematic chain (two chains are not one): joint-space policies only; calibrate and move each arm
/// through its own driver for Cartesian work. Disposing the pair disposes both drivers.
/// </remarks>
public sealed class BimanualDriver : IRobotDriver
{
    /// <summary>Prefix of the left arm's joint, gripper and camera names.</summary>
    public const string LeftPrefix = "left_";

    /// <summary>Prefix of the right arm's joint, gripper and camera names.</summary>
    public const string RightPrefix = "right_";

    private readonly JointFrame _leftFrame;
    private readonly JointFrame _rightFrame;

    /// <summary>Pairs <paramref name="left"/> and <paramref name="right"/> (neither configured yet).</summary>
    /// <param name="left">The left arm's driver.</param>
    /// <param name="right">The right arm's driver.</param>
    /// <exception cref="ArgumentException">Both are the same driver, or the arms share no command mode.</exception>
    public BimanualDriver(IRobotDriver left, IRobotDriver right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        if (ReferenceEquals(left, right))
        {
            throw new ArgumentException("The left and right arms must be two drivers.", nameof(right));
        }

        Left = left;
        Right = right;
        Description = Combine(left.Description, right.Description);
        _leftFrame = new JointFrame(left.Description.Joints.Count);
        _rightFrame = new JointFrame(right.Description.Joints.Count);
    }

    /// <summary>The left arm's driver (its own diagnostics).</summary>
    public IRobotDriver Left { get; }

    /// <summary>The right arm's driver (its own diagnostics).</summary>
    public IRobotDriver Right { get; }

    /// <inheritdoc />
    public RobotDescription Description { get; }

    /// <summary>The less advanced of the two states: active only when both are.</summary>
    public DriverState State =>
        Left.State == DriverState.Disposed || Right.State == DriverState.Disposed
            ? DriverState.Disposed
            : (DriverState)Math.Min((int)Left.State, (int)Right.State);

    /// <summary>The pair's faults: either side's, as that side recorded it.</summary>
    public DriverDiagnostics Diagnostics { get; } = new();

    /// <inheritdoc />
    public void Configure()
    {
        Left.Configure();
        Right.Configure();
    }

    /// <summary>Activates both arms; when the right one refuses, the left one is deactivated again before the error is thrown.</summary>
    public void Activate(CommandMode mode)
    {
        Left.Activate(mode);
        try
        {
            Right.Activate(mode);
        }
        catch
        {
            Left.Deactivate();
            throw;
        }
    }

    /// <summary>Deactivates both arms, the right one even when the left one throws.</summary>
    public void Deactivate()
    {
        try
        {
            Left.Deactivate();
        }
        finally
        {
            Right.Deactivate();
        }
    }

    /// <inheritdoc />
    public DriverStatus Read(JointFrame state)
    {
        ArgumentNullException.ThrowIfNull(state);
        DriverStatus left = Left.Read(_leftFrame);
        DriverStatus right = Right.Read(_rightFrame);
        Join(_leftFrame.Positions, _rightFrame.Positions, state.Positions);
        Join(_leftFrame.Velocities, _rightFrame.Velocities, state.Velocities);
        Join(_leftFrame.Currents, _rightFrame.Currents, state.Currents);
        state.TimestampTicks = Math.Max(_leftFrame.TimestampTicks, _rightFrame.TimestampTicks);
        return Worse(left, right);
    }

    /// <inheritdoc />
    public DriverStatus Write(JointFrame command)
    {
        ArgumentNullException.ThrowIfNull(command);
        Split(command.Positions, _leftFrame.Positions, _rightFrame.Positions);
        Split(command.Velocities, _leftFrame.Velocities, _rightFrame.Velocities);
        _leftFrame.TimestampTicks = _rightFrame.TimestampTicks = command.TimestampTicks;
        return Worse(Left.Write(_leftFrame), Right.Write(_rightFrame));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            Left.Dispose();
        }
        finally
        {
            Right.Dispose();
        }
    }

    private static void Join(ReadOnlySpan<double> left, ReadOnlySpan<double> right, Span<double> both)
    {
        left.CopyTo(both);
        right.CopyTo(both[left.Length..]);
    }

    private static void Split(ReadOnlySpan<double> both, Span<double> left, Span<double> right)
    {
        both[..left.Length].CopyTo(left);
        both[left.Length..].CopyTo(right);
    }

    /// <summary>The worse status; the failing side's own fault (it names the port and the servo) becomes the pair's.</summary>
    private DriverStatus Worse(DriverStatus left, DriverStatus right)
    {
        DriverStatus worse = (DriverStatus)Math.Max((int)left, (int)right);
        if (worse != DriverStatus.Ok)
        {
            IRobotDriver failed = left >= right ? Left : Right;
            if (failed.Diagnostics.LastFault is { } fault && !ReferenceEquals(fault, Diagnostics.LastFault))
            {
                Diagnostics.RecordFault(fault);
            }
        }

        return worse;
    }

    private static RobotDescription Combine(RobotDescription left, RobotDescription right)
    {
        CommandMode[] modes = [.. left.CommandModes.Intersect(right.CommandModes)];
        if (modes.Length == 0)
        {
            throw new ArgumentException($"The {left.Model} and the {right.Model} share no command mode, so one control loop cannot drive both.", nameof(right));
        }

        double?[] rates = [left.MaxControlRateHz, right.MaxControlRateHz];
        return new RobotDescription(
            $"bimanual {left.Model} + {right.Model}",
            [.. Prefixed(left.Joints, LeftPrefix), .. Prefixed(right.Joints, RightPrefix)])
        {
            Grippers = [.. Prefixed(left.Grippers, LeftPrefix), .. Prefixed(right.Grippers, RightPrefix)],
            Cameras = [.. left.Cameras.Select(c => c with { Name = LeftPrefix + c.Name }), .. right.Cameras.Select(c => c with { Name = RightPrefix + c.Name })],
            CommandModes = modes,
            Identity = $"left: {left.Identity}; right: {right.Identity}",
            MaxControlRateHz = rates.Where(rate => rate is not null).Min(),
        };
    }

    private static IEnumerable<JointDescription> Prefixed(IEnumerable<JointDescription> joints, string prefix) =>
        joints.Select(joint => joint with { Name = prefix + joint.Name });

    private static IEnumerable<GripperDescription> Prefixed(IEnumerable<GripperDescription> grippers, string prefix) =>
        grippers.Select(gripper => gripper with { Name = prefix + gripper.Name, JointName = prefix + gripper.JointName });
}
