using RobotSdk.Hardware;
using RobotSdk.Safety;

namespace RobotSdk.Tests.Infrastructure;

/// <summary>
/// A demo-arm robot on the mirror driver whose control cycles the test runs itself, one
/// period of manual time at a time, so every cycle is deterministic.
/// </summary>
internal sealed class SteppedRobot : IDisposable
{
    public const int ArmJoints = 5;
    public const int GripperJoint = 5;

    private SteppedRobot(ManualTimeProvider time, MirrorDriver driver, Robot robot, RobotOptions options)
    {
        Time = time;
        Driver = driver;
        Robot = robot;
        PeriodTicks = ManualTimeProvider.TicksOf(1.0 / options.ControlRateHz);
        PeriodSeconds = 1.0 / options.ControlRateHz;
    }

    public ManualTimeProvider Time { get; }

    public MirrorDriver Driver { get; }

    public Robot Robot { get; }

    public long PeriodTicks { get; }

    public double PeriodSeconds { get; }

    /// <summary>Connects (loop stopped) and, unless told otherwise, activates.</summary>
    public static SteppedRobot Create(Action<RobotOptions>? configure = null, double[]? initialPositions = null, double lagMs = 0, bool activate = true)
    {
        var options = new RobotOptions();
        configure?.Invoke(options);
        var time = new ManualTimeProvider();
        var driver = new MirrorDriver(DemoArm.Description, new MirrorDriverOptions { LagMs = lagMs, InitialPositions = initialPositions ?? [] }, time);
        var robot = new Robot(driver, options, timeProvider: time);
        var stepped = new SteppedRobot(time, driver, robot, options);
        robot.Connect(startLoop: false);
        if (activate)
        {
            robot.Activate();
        }

        return stepped;
    }

    /// <summary>Advances the clock one period and runs one control cycle.</summary>
    public void Step()
    {
        Time.Advance(PeriodTicks);
        Robot.RunCycle(Time.GetTimestamp());
    }

    public void Step(int cycles)
    {
        for (int i = 0; i < cycles; i++)
        {
            Step();
        }
    }

    /// <summary>Runs cycles until <paramref name="done"/> holds; fails after <paramref name="maxCycles"/>.</summary>
    public void StepUntil(Func<bool> done, int maxCycles, string what)
    {
        for (int cycle = 1; cycle <= maxCycles; cycle++)
        {
            Step();
            if (done())
            {
                return;
            }
        }

        Assert.Fail($"{what} did not happen within {maxCycles} cycles.");
    }

    /// <summary>
    /// Runs cycles until <paramref name="task"/> (a move) has completed; fails after <paramref name="maxCycles"/>.
    /// A move's task completes on a thread-pool continuation after the cycle that reached the goal,
    /// so when the cycles run out the task still gets real time to finish (a cold pool can take a while).
    /// </summary>
    public void StepUntilCompleted(Task task, int maxCycles, string what)
    {
        for (int cycle = 1; cycle <= maxCycles && !task.IsCompleted; cycle++)
        {
            Step();
        }

        if (!((IAsyncResult)task).AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(10)))
        {
            Assert.Fail($"{what} did not happen within {maxCycles} cycles.");
        }
    }

    /// <summary>Every joint's command as last sent to the driver.</summary>
    public double[] Sent()
    {
        var frame = new JointFrame(DemoArm.Description.Joints.Count);
        Robot.ReadSentCommand(frame);
        return frame.Positions.ToArray();
    }

    /// <summary>Every joint's measured position.</summary>
    public double[] Measured()
    {
        var frame = new JointFrame(DemoArm.Description.Joints.Count);
        Robot.ReadState(frame);
        return frame.Positions.ToArray();
    }

    public double[] SentArm()
    {
        var positions = new double[ArmJoints];
        Robot.Arm.ReadSentPositions(positions);
        return positions;
    }

    public double[] MeasuredArm()
    {
        var positions = new double[ArmJoints];
        Robot.Arm.ReadPositions(positions);
        return positions;
    }

    public SafetyInterventions Interventions => Robot.LastInterventions;

    public void Dispose() => Robot.Dispose();
}
