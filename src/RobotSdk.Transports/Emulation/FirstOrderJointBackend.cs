using RobotSdk.Hardware;

namespace RobotSdk.Emulation;

/// <summary>
/// Joints that approach their goals with first-order dynamics (time constant
/// <see cref="TimeConstantSeconds"/>), capped at a maximum speed, evaluated lazily from the
/// clock on every access. With torque off a joint stays where it is. For protocol tests of
/// emulators; virtual arms use a physics backend instead.
/// </summary>
public sealed class FirstOrderJointBackend : IJointBackend
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly double[] _position;
    private readonly double[] _velocity;
    private readonly double[] _goal;
    private readonly bool[] _torque;
    private long _lastTicks;

    /// <summary>Creates <paramref name="jointCount"/> joints at <paramref name="initialPositions"/> (zeros when null), torque off.</summary>
    /// <param name="jointCount">Number of joints.</param>
    /// <param name="timeConstantSeconds">First-order time constant; 0 makes goals take effect at once.</param>
    /// <param name="maxVelocity">Speed cap, rad/s.</param>
    /// <param name="initialPositions">Starting positions, radians.</param>
    /// <param name="timeProvider">Clock; the system clock when null.</param>
    public FirstOrderJointBackend(int jointCount, double timeConstantSeconds = 0.05, double maxVelocity = 6.0, IReadOnlyList<double>? initialPositions = null, TimeProvider? timeProvider = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(jointCount);
        ArgumentOutOfRangeException.ThrowIfNegative(timeConstantSeconds);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxVelocity);
        if (initialPositions is not null && initialPositions.Count != jointCount)
        {
            throw new ArgumentException($"Expected {jointCount} initial positions, got {initialPositions.Count}.", nameof(initialPositions));
        }

        TimeConstantSeconds = timeConstantSeconds;
        MaxVelocity = maxVelocity;
        _time = timeProvider ?? TimeProvider.System;
        _position = initialPositions?.ToArray() ?? new double[jointCount];
        _goal = (double[])_position.Clone();
        _velocity = new double[jointCount];
        _torque = new bool[jointCount];
        _lastTicks = _time.GetTimestamp();
    }

    /// <summary>First-order time constant, seconds.</summary>
    public double TimeConstantSeconds { get; }

    /// <summary>Speed cap, rad/s.</summary>
    public double MaxVelocity { get; }

    /// <inheritdoc />
    public int JointCount => _position.Length;

    /// <inheritdoc />
    public void SetTorqueEnabled(int joint, bool enabled)
    {
        lock (_lock)
        {
            Advance();
            _torque[joint] = enabled;
            _goal[joint] = _position[joint];
        }
    }

    /// <inheritdoc />
    public void SetGoalPosition(int joint, double position)
    {
        lock (_lock)
        {
            Advance();
            _goal[joint] = position;
        }
    }

    /// <inheritdoc />
    public double GetPresentPosition(int joint)
    {
        lock (_lock)
        {
            Advance();
            return _position[joint];
        }
    }

    /// <inheritdoc />
    public double GetPresentVelocity(int joint)
    {
        lock (_lock)
        {
            Advance();
            return _velocity[joint];
        }
    }

    /// <inheritdoc />
    public double GetPresentCurrent(int joint) => 0;

    /// <summary>Moves a joint by hand (as a user back-drives a limp servo, or to inject a disturbance).</summary>
    public void SetPosition(int joint, double position)
    {
        lock (_lock)
        {
            Advance();
            _position[joint] = position;
            if (!_torque[joint])
            {
                _goal[joint] = position;
            }
        }
    }

    private void Advance()
    {
        long now = _time.GetTimestamp();
        double dt = (double)(now - _lastTicks) / _time.TimestampFrequency;
        _lastTicks = now;
        if (dt <= 0)
        {
            return;
        }

        double fraction = TimeConstantSeconds == 0 ? 1 : 1 - Math.Exp(-dt / TimeConstantSeconds);
        for (int i = 0; i < _position.Length; i++)
        {
            if (!_torque[i])
            {
                _velocity[i] = 0;
                continue;
            }

            double step = Math.Clamp((_goal[i] - _position[i]) * fraction, -MaxVelocity * dt, MaxVelocity * dt);
            _position[i] += step;
            _velocity[i] = step / dt;
        }
    }
}
