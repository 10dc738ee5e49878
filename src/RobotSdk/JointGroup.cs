using System.Globalization;
using RobotSdk.Safety;

namespace RobotSdk;

/// <summary>A robot's joints commanded together, mapped onto the driver's joint frame.</summary>
internal sealed class JointGroup : IJointGroup
{
    private readonly Robot _robot;
    private readonly int[] _frameIndices;
    private const int WallClockLimitFactor = 4;

    private MoveRequest? _pendingMove;

    public JointGroup(Robot robot, string name, int[] frameIndices)
    {
        _robot = robot;
        Name = name;
        _frameIndices = frameIndices;
        Joints = [.. frameIndices.Select(i => robot.Description.Joints[i])];
    }

    public string Name { get; }

    public IReadOnlyList<JointDescription> Joints { get; }

    public void ReadPositions(Span<double> positions) => _robot.ReadPublished(_frameIndices, positions, sent: false, velocities: false);

    public void ReadVelocities(Span<double> velocities) => _robot.ReadPublished(_frameIndices, velocities, sent: false, velocities: true);

    public void ReadSentPositions(Span<double> positions) => _robot.ReadPublished(_frameIndices, positions, sent: true, velocities: false);

    public void SetTargetPositions(ReadOnlySpan<double> positions)
    {
        CheckPositions(positions, requireWithinLimits: false);
        _robot.ThrowIfNotCommandable();
        Interlocked.Exchange(ref _pendingMove, null)?.Completion.TrySetCanceled(CancellationToken.None);
        _robot.SetTargets(_frameIndices, positions, streaming: true, speedFraction: 1);
    }

    public async Task MoveToAsync(IReadOnlyList<double> positions, double speedFraction = 0.5, double toleranceRadians = 0.01, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(positions);
        double[] goal = [.. positions];
        CheckPositions(goal, requireWithinLimits: true);
        if (!(speedFraction > 0 && speedFraction <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(speedFraction), speedFraction, "The speed fraction must be above 0 and at most 1.");
        }

        if (!(toleranceRadians > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(toleranceRadians), toleranceRadians, "The tolerance must be positive.");
        }

        CheckWorkspace(goal);
        _robot.ThrowIfNotCommandable();
        var move = new MoveRequest(_frameIndices, goal, toleranceRadians);
        Interlocked.Exchange(ref _pendingMove, move)?.Completion.TrySetCanceled(CancellationToken.None);
        _robot.SetTargets(_frameIndices, goal, streaming: false, speedFraction);

        bool ended;
        try
        {
            ended = await EndsWithinAsync(move, EstimateTimeout(goal, speedFraction), cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (move.Completion.Task.IsCompleted)
        {
            // The move ended (reached, superseded or halted) as the wait was cancelled: its outcome wins.
            ended = true;
        }
        catch (OperationCanceledException)
        {
            Interlocked.CompareExchange(ref _pendingMove, null, move);
            _robot.StopJoints(_frameIndices);
            throw;
        }

        if (ended)
        {
            await move.Completion.Task.ConfigureAwait(false);
            return;
        }

        Interlocked.CompareExchange(ref _pendingMove, null, move);
        _robot.StopJoints(_frameIndices);
        var measured = new double[_frameIndices.Length];
        ReadPositions(measured);
        int worst = 0;
        for (int i = 1; i < goal.Length; i++)
        {
            if (Math.Abs(measured[i] - goal[i]) > Math.Abs(measured[worst] - goal[worst]))
            {
                worst = i;
            }
        }

        throw new TimeoutException(string.Create(CultureInfo.InvariantCulture,
            $"Robot '{_robot.Name}': move of '{Name}' did not settle in time; joint '{Joints[worst].Name}' is {measured[worst]:0.0000} for goal {goal[worst]:0.0000} (tolerance {toleranceRadians}). The arm was stopped."));
    }

    /// <summary>
    /// Waits for <paramref name="move"/> to end (reached, superseded or halted) within
    /// <paramref name="limit"/> of control cycles. The command advances one control period per
    /// cycle, so the limit counts cycles run, not wall time: a host that stalls, or a bus that
    /// slows the loop, does not fail a move that is on its way. A loop that has all but stopped
    /// still ends the wait, at <see cref="WallClockLimitFactor"/> times the limit in wall time.
    /// </summary>
    /// <returns>False when the limit ran out first.</returns>
    private async Task<bool> EndsWithinAsync(MoveRequest move, TimeSpan limit, CancellationToken cancellationToken)
    {
        double period = _robot.ControlPeriodSeconds;
        long cycleLimit = (long)Math.Ceiling(limit.TotalSeconds / period);
        long firstCycle = _robot.CyclesRun;
        TimeSpan wallLimit = limit * WallClockLimitFactor;
        long start = TimeProvider.System.GetTimestamp();
        TimeSpan wait = limit;
        using var delays = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        while (true)
        {
            Task delay = Task.Delay(wait, delays.Token);
            if (await Task.WhenAny(move.Completion.Task, delay).ConfigureAwait(false) == move.Completion.Task)
            {
                delays.Cancel(); // frees the pending delay's timer now, not when it would have fired
                return true;
            }

            await delay.ConfigureAwait(false); // throws when cancelled
            long cyclesLeft = cycleLimit - (_robot.CyclesRun - firstCycle);
            TimeSpan wallLeft = wallLimit - TimeProvider.System.GetElapsedTime(start);
            if (cyclesLeft <= 0 || wallLeft <= TimeSpan.Zero)
            {
                return move.Completion.Task.IsCompleted;
            }

            wait = TimeSpan.FromSeconds(Math.Min(cyclesLeft * period, wallLeft.TotalSeconds));
        }
    }

    /// <summary>Called by the control thread after each valid read.</summary>
    internal void CompleteIfReached(ReadOnlySpan<double> measured)
    {
        MoveRequest? move = Volatile.Read(ref _pendingMove);
        if (move is not null && move.IsReachedBy(measured) && Interlocked.CompareExchange(ref _pendingMove, null, move) == move)
        {
            move.Completion.TrySetResult();
        }
    }

    internal void FailPendingMove(Exception reason) =>
        Interlocked.Exchange(ref _pendingMove, null)?.Completion.TrySetException(reason);

    private void CheckPositions(ReadOnlySpan<double> positions, bool requireWithinLimits)
    {
        if (positions.Length != _frameIndices.Length)
        {
            throw new ArgumentException(
                $"Group '{Name}' has {_frameIndices.Length} joints ({string.Join(", ", Joints.Select(j => j.Name))}), got {positions.Length} positions.",
                nameof(positions));
        }

        for (int i = 0; i < positions.Length; i++)
        {
            JointLimits limits = _robot.LimitsOf(_frameIndices[i]);
            if (!double.IsFinite(positions[i]) || (requireWithinLimits && !limits.Contains(positions[i])))
            {
                throw new ArgumentOutOfRangeException(nameof(positions), positions[i],
                    string.Create(CultureInfo.InvariantCulture, $"Joint '{Joints[i].Name}' must be within [{limits.MinPosition}, {limits.MaxPosition}]."));
            }
        }
    }

    private void CheckWorkspace(double[] goal)
    {
        if (_robot.Workspace is not { } box || _robot.Kinematics is not { } chain || !chain.FrameIndices.SequenceEqual(_frameIndices))
        {
            return;
        }

        var tool = chain.ToolPosition(goal);
        if (!box.Contains(tool))
        {
            throw new ArgumentOutOfRangeException(nameof(goal), tool,
                $"Robot '{_robot.Name}': the goal puts the tool at {tool}, outside the workspace box {box.Min}..{box.Max}.");
        }
    }

    /// <summary>Three times the time the slowest joint needs at the scaled velocity limit, plus two seconds of settling.</summary>
    private TimeSpan EstimateTimeout(double[] goal, double speedFraction)
    {
        Span<double> measured = stackalloc double[_frameIndices.Length];
        ReadPositions(measured);
        double slowest = 0;
        for (int i = 0; i < goal.Length; i++)
        {
            JointLimits limits = _robot.LimitsOf(_frameIndices[i]);
            double distance = double.IsFinite(measured[i]) ? Math.Abs(goal[i] - measured[i]) : limits.MaxPosition - limits.MinPosition;
            double velocity = limits.MaxVelocity * speedFraction;
            slowest = Math.Max(slowest, (distance / velocity) + (velocity / limits.MaxAcceleration));
        }

        return TimeSpan.FromSeconds((3 * slowest) + 2);
    }
}
