namespace RobotSdk;

/// <summary>
/// A group of joints commanded together, typically an arm. Every command passes the
/// robot's safety layer (limits, per-cycle step, workspace, e-stop, watchdog).
/// Positions are radians (revolute) or metres (prismatic), in <see cref="Joints"/> order.
/// </summary>
public interface IJointGroup
{
    /// <summary>Group name, for example <c>arm</c>.</summary>
    string Name { get; }

    /// <summary>The joints of the group, in the order every span of this interface uses.</summary>
    IReadOnlyList<JointDescription> Joints { get; }

    /// <summary>Copies the latest measured positions into <paramref name="positions"/>.</summary>
    void ReadPositions(Span<double> positions);

    /// <summary>Copies the latest measured velocities into <paramref name="velocities"/> (NaN where not measured).</summary>
    void ReadVelocities(Span<double> velocities);

    /// <summary>Copies the positions last sent to the hardware, after the safety layer, into <paramref name="positions"/>.</summary>
    void ReadSentPositions(Span<double> positions);

    /// <summary>
    /// Streams a position target. The control loop moves toward it within the limits; if no
    /// new target arrives within the watchdog timeout the group stops and holds.
    /// </summary>
    void SetTargetPositions(ReadOnlySpan<double> positions);

    /// <summary>
    /// Moves to <paramref name="positions"/> at up to <paramref name="speedFraction"/> of the
    /// velocity limits and completes when the measured positions are within
    /// <paramref name="toleranceRadians"/> of them. The watchdog does not apply while the move runs.
    /// A move that has not settled after three times its planned duration plus 2 s, counted in
    /// control cycles (a host that stalls does not use up the time), or after four times that in
    /// wall time, stops the group and fails with a <see cref="TimeoutException"/> naming the joint
    /// furthest from its goal.
    /// </summary>
    Task MoveToAsync(IReadOnlyList<double> positions, double speedFraction = 0.5, double toleranceRadians = 0.01, CancellationToken cancellationToken = default);
}
