namespace RobotSdk.Policy.Runner;

/// <summary>
/// The arithmetic at a chunk boundary, on row-major chunks of H × D floats: building the prefix Y
/// (the previous chunk shifted left by the steps already executed) and the guidance-free blend of a
/// new chunk with it, new_i = W_i·Y_i + (1 − W_i)·new_i. Allocates nothing.
/// </summary>
public static class ChunkBlender
{
    /// <summary>
    /// Writes Y_i = previous_{shift + i}; rows past the previous chunk's end repeat its last row.
    /// </summary>
    /// <param name="previous">The previous chunk, H × <paramref name="dimensions"/>.</param>
    /// <param name="shift">Rows of the previous chunk already executed, 0 or more.</param>
    /// <param name="destination">Y, the same size as <paramref name="previous"/>.</param>
    /// <param name="dimensions">Numbers per action.</param>
    /// <exception cref="ArgumentException">The sizes do not fit.</exception>
    public static void Shift(ReadOnlySpan<float> previous, int shift, Span<float> destination, int dimensions)
    {
        int rows = RowsOf(previous.Length, dimensions, nameof(previous));
        ArgumentOutOfRangeException.ThrowIfNegative(shift);
        if (destination.Length != previous.Length)
        {
            throw new ArgumentException($"The destination holds {destination.Length} values; the previous chunk {previous.Length}.", nameof(destination));
        }

        for (int row = 0; row < rows; row++)
        {
            int source = Math.Min(shift + row, rows - 1);
            previous.Slice(source * dimensions, dimensions).CopyTo(destination.Slice(row * dimensions, dimensions));
        }
    }

    /// <summary>Blends <paramref name="chunk"/> in place toward <paramref name="prefix"/>: chunk_i = W_i·Y_i + (1 − W_i)·chunk_i, row by row.</summary>
    /// <param name="prefix">Y, H × <paramref name="dimensions"/>.</param>
    /// <param name="weights">W, H values from 0 to 1.</param>
    /// <param name="chunk">The new chunk, H × <paramref name="dimensions"/>, overwritten.</param>
    /// <param name="dimensions">Numbers per action.</param>
    /// <exception cref="ArgumentException">The sizes do not fit.</exception>
    public static void Blend(ReadOnlySpan<float> prefix, ReadOnlySpan<float> weights, Span<float> chunk, int dimensions)
    {
        int rows = RowsOf(chunk.Length, dimensions, nameof(chunk));
        if (prefix.Length != chunk.Length)
        {
            throw new ArgumentException($"The prefix holds {prefix.Length} values; the chunk {chunk.Length}.", nameof(prefix));
        }

        if (weights.Length < rows)
        {
            throw new ArgumentException($"The weights hold {weights.Length} values; the chunk has {rows} rows.", nameof(weights));
        }

        for (int row = 0; row < rows; row++)
        {
            float weight = weights[row];
            if (weight == 0)
            {
                continue;
            }

            int start = row * dimensions;
            for (int j = start; j < start + dimensions; j++)
            {
                chunk[j] = (weight * prefix[j]) + ((1 - weight) * chunk[j]);
            }
        }
    }

    private static int RowsOf(int length, int dimensions, string name)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        if (length == 0 || length % dimensions != 0)
        {
            throw new ArgumentException($"A chunk of {length} values is not a whole number of {dimensions}-number rows.", name);
        }

        return length / dimensions;
    }
}
