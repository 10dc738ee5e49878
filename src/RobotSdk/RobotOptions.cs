using RobotSdk.Control;
using RobotSdk.Kinematics;
using RobotSdk.Safety;

namespace RobotSdk;

/// <summary>Settings of a <see cref="Robot"/>: control rate, safety and the arm's kinematics.</summary>
public class RobotOptions
{
    /// <summary>Control loop rate, Hz, above 0 and at most 1000. Default 200.</summary>
    public double ControlRateHz { get; set; } = 200;

    /// <summary>How the control loop waits for its deadlines. Default: Stopwatch deadlines.</summary>
    public LoopPacing Pacing { get; set; } = LoopPacing.Deadline;

    /// <summary>Safety layer settings.</summary>
    public SafetyOptions Safety { get; set; } = new();

    /// <summary>
    /// The arm's kinematics, replacing the driver's nominal chain everywhere the robot uses one:
    /// <see cref="Robot.Kinematics"/>, <see cref="Robot.GetToolPose"/>, <see cref="Robot.MoveToPoseAsync"/>
    /// and the workspace box of the safety layer. Null (the default) keeps the nominal chain. A
    /// calibration's corrected chain goes here (RobotSdk.Calibration's <c>UseCalibration</c> checks it
    /// was made on this arm). It must name the nominal chain's joints in the same order, with the same
    /// kinds, and hold only finite numbers.
    /// </summary>
    public KinematicChainDescription? Kinematics { get; set; }

    /// <summary>
    /// Returns every problem in these options for <paramref name="description"/>, each naming
    /// its field; empty when they are valid.
    /// </summary>
    public IReadOnlyList<string> Validate(RobotDescription description)
    {
        ArgumentNullException.ThrowIfNull(description);
        var problems = new List<string>();
        if (!(ControlRateHz > 0 && ControlRateHz <= ControlLoop.MaxRateHz))
        {
            problems.Add(FormattableString.Invariant($"ControlRateHz {ControlRateHz} must be above 0 and at most {ControlLoop.MaxRateHz}"));
        }
        else if (description.MaxControlRateHz is { } maxRate && ControlRateHz > maxRate)
        {
            problems.Add(FormattableString.Invariant(
                $"ControlRateHz {ControlRateHz} is above the {maxRate} Hz a '{description.Model}' sustains on its link (one read and one write per cycle); set ControlRateHz to {maxRate} or less"));
        }

        SafetyOptions safety = Safety ?? new SafetyOptions();
        if (!(safety.MaxStepRadians > 0))
        {
            problems.Add(FormattableString.Invariant($"Safety:MaxStepRadians {safety.MaxStepRadians} must be positive"));
        }

        if (!(safety.WatchdogTimeoutMs > 0))
        {
            problems.Add(FormattableString.Invariant($"Safety:WatchdogTimeoutMs {safety.WatchdogTimeoutMs} must be positive"));
        }

        if (!(safety.VelocityScale > 0 && safety.VelocityScale <= 1))
        {
            problems.Add(FormattableString.Invariant($"Safety:VelocityScale {safety.VelocityScale} must be above 0 and at most 1"));
        }

        if (safety.Workspace is { } box)
        {
            if (box.Min.Length != 3 || box.Max.Length != 3)
            {
                problems.Add($"Safety:Workspace: Min and Max need three numbers [x, y, z] each (got {box.Min.Length} and {box.Max.Length})");
            }
            else
            {
                string[] axes = ["X", "Y", "Z"];
                for (int i = 0; i < 3; i++)
                {
                    if (!(box.Min[i] < box.Max[i]))
                    {
                        problems.Add(FormattableString.Invariant($"Safety:Workspace: Min.{axes[i]} {box.Min[i]} must be less than Max.{axes[i]} {box.Max[i]}"));
                    }
                }
            }

            if (description.Kinematics is null)
            {
                problems.Add($"Safety:Workspace needs kinematics, and model '{description.Model}' describes none");
            }
        }

        if (Kinematics is { } kinematics)
        {
            problems.AddRange(KinematicChainCheck.FindProblems(kinematics, description, nameof(Kinematics)));
        }

        EffectiveLimits.Compute(description, safety, out IReadOnlyList<string> limitProblems);
        problems.AddRange(limitProblems.Select(p => "Safety:" + p));
        return problems;
    }
}
