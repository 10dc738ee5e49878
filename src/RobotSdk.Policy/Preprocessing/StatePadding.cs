namespace RobotSdk.Policy.Preprocessing;

/// <summary>Pads state vectors with zeros to the length a model takes (openpi's <c>pad_to_dim</c>; pi0 pads to 32).</summary>
public static class StatePadding
{
    /// <summary>Copies <paramref name="state"/> to the start of <paramref name="destination"/> and zeroes the rest of it.</summary>
    /// <exception cref="ArgumentException">The destination is shorter than the state.</exception>
    public static void PadWithZeros(ReadOnlySpan<float> state, Span<float> destination)
    {
        if (destination.Length < state.Length)
        {
            throw new ArgumentException($"Cannot pad a state of {state.Length} values into {destination.Length}.", nameof(destination));
        }

        state.CopyTo(destination);
        destination[state.Length..].Clear();
    }
}
