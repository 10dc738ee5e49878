namespace RobotSdk.Control;

/// <summary>Work done once per control period on the control thread. Must not allocate or block.</summary>
public interface IControlCycle
{
    /// <summary>Runs one cycle; <paramref name="nowTicks"/> is the wake-up time in Stopwatch ticks.</summary>
    void RunCycle(long nowTicks);
}
