namespace RobotSdk;

/// <summary>
/// A preallocated snapshot of every joint of a driver, in the driver's joint order, SI units.
/// The control loop reuses the same frames every cycle, so nothing here allocates after
/// construction. Quantities a device does not measure stay <see cref="double.NaN"/>.
/// </summary>
public sealed class JointFrame
{
    private readonly double[] _positions;
    private readonly double[] _velocities;
    private readonly double[] _currents;

    /// <summary>Creates a frame for <paramref name="jointCount"/> joints, every value NaN.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="jointCount"/> is not positive.</exception>
    public JointFrame(int jointCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(jointCount);
        _positions = new double[jointCount];
        _velocities = new double[jointCount];
        _currents = new double[jointCount];
        Clear();
    }

    /// <summary>Number of joints.</summary>
    public int Count => _positions.Length;

    /// <summary>Positions in radians (revolute) or metres (prismatic).</summary>
    public Span<double> Positions => _positions;

    /// <summary>Velocities in rad/s or m/s.</summary>
    public Span<double> Velocities => _velocities;

    /// <summary>Motor currents in amperes.</summary>
    public Span<double> Currents => _currents;

    /// <summary>When the values were sampled, in <see cref="System.Diagnostics.Stopwatch"/> ticks.</summary>
    public long TimestampTicks { get; set; }

    /// <summary>Sets every value to NaN and the timestamp to 0.</summary>
    public void Clear()
    {
        Array.Fill(_positions, double.NaN);
        Array.Fill(_velocities, double.NaN);
        Array.Fill(_currents, double.NaN);
        TimestampTicks = 0;
    }

    /// <summary>Copies every value and the timestamp from <paramref name="source"/>.</summary>
    /// <exception cref="ArgumentException">The frames have different joint counts.</exception>
    public void CopyFrom(JointFrame source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Count != Count)
        {
            throw new ArgumentException($"Cannot copy a frame of {source.Count} joints into one of {Count}.", nameof(source));
        }

        source._positions.CopyTo(_positions, 0);
        source._velocities.CopyTo(_velocities, 0);
        source._currents.CopyTo(_currents, 0);
        TimestampTicks = source.TimestampTicks;
    }
}
