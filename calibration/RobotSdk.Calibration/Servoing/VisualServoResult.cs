using RobotSdk.Geometry;

namespace RobotSdk.Calibration.Servoing;

/// <summary>What a <see cref="PositionBasedVisualServo"/> run did.</summary>
/// <param name="Reason">Why it stopped.</param>
/// <param name="Iterations">Every measurement in order: the first before any correction, the last where it stopped (none when the tags were lost in the first frame).</param>
/// <param name="CommandedToolPose">The last tool pose commanded (world frame of the chain), or the starting pose when nothing was commanded.</param>
/// <param name="Message">A sentence saying what happened, for logs and exceptions.</param>
public sealed record VisualServoResult(VisualServoStopReason Reason, IReadOnlyList<VisualServoIteration> Iterations, Pose CommandedToolPose, string Message)
{
    /// <summary>Whether the measured error fell below both tolerances.</summary>
    public bool Converged => Reason == VisualServoStopReason.Converged;

    /// <summary>Corrections commanded (measurements minus one, or 0).</summary>
    public int Corrections => Math.Max(0, Iterations.Count - 1);

    /// <summary>The last measured error, or null when no frame showed both tags.</summary>
    public VisualServoError? FinalError => Iterations.Count == 0 ? null : Iterations[^1].Error;
}
