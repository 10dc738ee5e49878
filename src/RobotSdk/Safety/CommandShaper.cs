namespace RobotSdk.Safety;

/// <summary>
/// Moves each joint's command toward its desired position within the joint's position,
/// velocity and acceleration limits and the per-cycle maximum step, braking early enough
/// to stop at the target (v ≤ √((a·dt/2)² + 2·a·d) − a·dt/2, the discrete-time braking curve)
/// and never crossing a position limit. Keeps the commanded velocity between cycles.
/// Allocation-free; used only by the control thread.
/// </summary>
internal sealed class CommandShaper
{
    private readonly JointLimits[] _limits;
    private readonly double[] _velocity;
    private readonly double _periodSeconds;
    private readonly double _maxStep;

    public CommandShaper(JointLimits[] limits, double periodSeconds, double maxStep)
    {
        _limits = limits;
        _velocity = new double[limits.Length];
        _periodSeconds = periodSeconds;
        _maxStep = maxStep;
    }

    /// <summary>Commanded velocity of <paramref name="joint"/> after the last step.</summary>
    public double VelocityOf(int joint) => _velocity[joint];

    /// <summary>Forgets the commanded velocities (after activation or a hard stop).</summary>
    public void Halt() => Array.Clear(_velocity);

    /// <summary>Forgets the commanded velocity of one joint (its step was refused).</summary>
    public void Halt(int joint) => _velocity[joint] = 0;

    /// <summary>Where <paramref name="joint"/> would stop from <paramref name="position"/> braking at its acceleration limit.</summary>
    public double StoppingPoint(int joint, double position)
    {
        double v = _velocity[joint];
        return position + (v * Math.Abs(v) / (2 * _limits[joint].MaxAcceleration));
    }

    /// <summary>
    /// Advances <paramref name="command"/> one cycle toward <paramref name="desired"/> for the
    /// joints whose <paramref name="velocityScale"/> is positive; others keep their command.
    /// </summary>
    public SafetyInterventions Step(Span<double> command, ReadOnlySpan<double> desired, ReadOnlySpan<double> velocityScale)
    {
        var interventions = SafetyInterventions.None;
        double dt = _periodSeconds;
        for (int i = 0; i < command.Length; i++)
        {
            JointLimits limits = _limits[i];
            double target = desired[i];
            if (target < limits.MinPosition || target > limits.MaxPosition)
            {
                target = Math.Clamp(target, limits.MinPosition, limits.MaxPosition);
                interventions |= SafetyInterventions.PositionLimit;
            }

            double error = target - command[i];
            double distance = Math.Abs(error);
            double maxVelocity = limits.MaxVelocity * velocityScale[i];
            // Discrete-time braking curve: from this speed, slowing by a*dt per cycle covers
            // v^2/(2a) + v*dt/2, so v = sqrt((a*dt/2)^2 + 2*a*d) - a*dt/2 stops at the target
            // (the continuous sqrt(2*a*d) overshoots by several milliradians at 200 Hz).
            double halfBrake = limits.MaxAcceleration * dt / 2;
            double brakingVelocity = Math.Sqrt((halfBrake * halfBrake) + (2 * limits.MaxAcceleration * distance)) - halfBrake;
            double wanted = Math.Min(distance / dt, brakingVelocity);
            if (wanted > maxVelocity)
            {
                wanted = maxVelocity;
                interventions |= SafetyInterventions.VelocityLimit;
            }

            wanted = Math.CopySign(wanted, error);
            double maxChange = limits.MaxAcceleration * dt;
            double velocity = Math.Clamp(wanted, _velocity[i] - maxChange, _velocity[i] + maxChange);
            if (velocity != wanted)
            {
                interventions |= SafetyInterventions.AccelerationLimit;
            }

            double step = velocity * dt;
            if (Math.Abs(step) > _maxStep)
            {
                step = Math.CopySign(_maxStep, step);
                interventions |= SafetyInterventions.MaxStep;
            }

            // Never cross a position limit (the last braking step can still overshoot by up to
            // a*dt^2/8), and never jump: a command already outside only moves back toward the range.
            double next = command[i] + step;
            double lowest = Math.Min(limits.MinPosition, command[i]);
            double highest = Math.Max(limits.MaxPosition, command[i]);
            if (next < lowest || next > highest)
            {
                next = Math.Clamp(next, lowest, highest);
                step = next - command[i];
                interventions |= SafetyInterventions.PositionLimit;
            }

            command[i] = next;
            _velocity[i] = step / dt;
        }

        return interventions;
    }
}
