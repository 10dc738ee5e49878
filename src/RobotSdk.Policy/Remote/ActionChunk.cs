namespace RobotSdk.Policy.Remote;

/// <summary>A chunk of <see cref="Horizon"/> actions of <see cref="Dimension"/> values each, row-major (step by step).</summary>
public sealed class ActionChunk
{
    private readonly float[] values;

    /// <summary>Creates a chunk over <paramref name="values"/> (length horizon × dimension, step by step).</summary>
    /// <exception cref="ArgumentException">The length does not match.</exception>
    public ActionChunk(int horizon, int dimension, float[] values)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(horizon);
        ArgumentOutOfRangeException.ThrowIfNegative(dimension);
        ArgumentNullException.ThrowIfNull(values);
        if ((long)horizon * dimension != values.Length)
        {
            throw new ArgumentException($"A chunk of {horizon} x {dimension} actions needs {(long)horizon * dimension} values, got {values.Length}.", nameof(values));
        }

        Horizon = horizon;
        Dimension = dimension;
        this.values = values;
    }

    /// <summary>Number of steps (H).</summary>
    public int Horizon { get; }

    /// <summary>Values per step (D); openpi pads to the model's action dimension, the caller keeps the first ones its robot uses.</summary>
    public int Dimension { get; }

    /// <summary>All values, step by step.</summary>
    public ReadOnlySpan<float> Values => values;

    /// <summary>The value of dimension <paramref name="dimension"/> at step <paramref name="step"/>.</summary>
    public float this[int step, int dimension] => Step(step)[CheckIndex(dimension, Dimension, nameof(dimension))];

    /// <summary>The <see cref="Dimension"/> values of one step.</summary>
    public ReadOnlySpan<float> Step(int step) => values.AsSpan(CheckIndex(step, Horizon, nameof(step)) * Dimension, Dimension);

    private static int CheckIndex(int index, int count, string name)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index, name);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, count, name);
        return index;
    }
}
