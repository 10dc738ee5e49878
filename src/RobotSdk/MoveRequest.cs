namespace RobotSdk;

/// <summary>A joint group's pending <see cref="IJointGroup.MoveToAsync"/>: done when every joint is within tolerance.</summary>
internal sealed class MoveRequest(int[] frameIndices, double[] goal, double tolerance)
{
    public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Allocation-free check, run by the control thread.</summary>
    public bool IsReachedBy(ReadOnlySpan<double> measured)
    {
        for (int i = 0; i < frameIndices.Length; i++)
        {
            if (!(Math.Abs(measured[frameIndices[i]] - goal[i]) <= tolerance))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The joint furthest from its goal and how far, for timeout messages.</summary>
    public (int Index, double Error) WorstJoint(ReadOnlySpan<double> measured)
    {
        (int Index, double Error) worst = (frameIndices[0], 0);
        for (int i = 0; i < frameIndices.Length; i++)
        {
            double error = Math.Abs(measured[frameIndices[i]] - goal[i]);
            if (error > worst.Error)
            {
                worst = (frameIndices[i], error);
            }
        }

        return worst;
    }
}
