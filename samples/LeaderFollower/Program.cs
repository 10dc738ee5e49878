// LeaderFollower: teleoperation, the way LeRobot users record demonstrations. A person moves a
// leader arm by hand (torque off, its state read every control cycle) and a follower arm copies
// it, every command passing the follower's safety layer. Copy it and change the arms.
//
//   dotnet run --project samples/LeaderFollower -- --arm so101|koch [--leader-port P --follower-port P] [--seconds S] [--rate HZ]
//
// With no ports both arms are emulated in this process (each on its own pseudo-terminal, behind
// the same drivers as real arms), a simulated hand moves the leader along a smooth path, and the
// program checks that the follower's emulated joints ended where the leader's did: exit code 0
// on PASS, so the sample doubles as an end-to-end check. With ports it drives real arms until Ctrl+C.
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using RobotSdk;
using RobotSdk.Control;
using RobotSdk.Drivers.Dynamixel;
using RobotSdk.Drivers.Dynamixel.Emulation;
using RobotSdk.Drivers.Feetech;
using RobotSdk.Drivers.Feetech.Emulation;
using RobotSdk.Emulation;
using RobotSdk.Hardware;

if (!OperatingSystem.IsLinux())
{
    Console.Error.WriteLine("leader-follower: the serial ports and the emulators need Linux.");
    return 1;
}

TeleoperationOptions options;
try
{
    options = TeleoperationOptions.Parse(args);
}
catch (ArgumentException exception)
{
    Console.Error.WriteLine($"leader-follower: {exception.Message}");
    Console.Error.WriteLine(TeleoperationOptions.Usage);
    return 1;
}

if (options.ShowHelp)
{
    Console.WriteLine(TeleoperationOptions.Usage);
    return 0;
}

// Ctrl+C (SIGINT) and SIGTERM end teleoperation cleanly: statistics first, then torque off.
using var interrupted = new CancellationTokenSource();
using PosixSignalRegistration interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
using PosixSignalRegistration terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
try
{
    return await Teleoperation.RunAsync(options, interrupted.Token);
}
catch (Exception exception) when (exception is HardwareFaultException or RobotHaltedException or TimeoutException
    or CalibrationMismatchException or InvalidDataException or IOException)
{
    // Unreachable ports, missing servos, bad calibration files: one clear line, no stack trace.
    Console.Error.WriteLine($"leader-follower: {exception.Message}");
    return 1;
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("leader-follower: interrupted before teleoperation started.");
    return 1;
}

void OnSignal(PosixSignalContext context)
{
    context.Cancel = true; // keep the process alive until the arms are safe
    interrupted.Cancel();
}

/// <summary>The teleoperation itself: connect, align, stream, report, torque off.</summary>
[SupportedOSPlatform("linux")]
internal static class Teleoperation
{
    private const double EmulationToleranceDegrees = 2;
    private static readonly TimeSpan SettleLimit = TimeSpan.FromSeconds(2);

    public static async Task<int> RunAsync(TeleoperationOptions options, CancellationToken interrupted)
    {
        ArmPair pair = options.Pair;

        // Emulators are declared first so they are disposed last: the robots turn torque off through them.
        using EmulatedArm? leaderArm = options.Emulating ? pair.Leader.Emulate() : null;
        using EmulatedArm? followerArm = options.Emulating ? pair.Follower.Emulate() : null;
        string leaderPort = leaderArm?.PortPath ?? options.LeaderPort!;
        string followerPort = followerArm?.PortPath ?? options.FollowerPort!;
        if (options.Emulating)
        {
            Console.WriteLine($"No ports given: emulating a {pair.Title} leader on {leaderPort} and follower on {followerPort}.");
        }

        // Both control loops run at least as fast as the teleoperation loop that feeds them.
        var robotOptions = new RobotOptions { ControlRateHz = Math.Max(200, options.RateHz) };
        using var leader = new Robot(leaderArm?.CreateDriver() ?? pair.Leader.CreateDriver(leaderPort, options.LeaderCalibration), robotOptions, "leader");
        using var follower = new Robot(followerArm?.CreateDriver() ?? pair.Follower.CreateDriver(followerPort, options.FollowerCalibration), robotOptions, "follower");
        leader.Connect();    // torque stays off: the person moves it; its loop reads it every cycle
        follower.Connect();
        follower.Activate(); // torque on, holding where it is

        // Both arms use the same joint names; map by name, not by position.
        int[] leaderIndexOf = MapByName(follower.Arm.Joints, leader.Arm.Joints);
        var leaderPositions = new double[leader.Arm.Joints.Count];
        var followerTargets = new double[follower.Arm.Joints.Count];
        var followerPositions = new double[follower.Arm.Joints.Count];

        // Bring the follower to the leader's pose slowly before streaming, so nothing jumps.
        Console.WriteLine("Bringing the follower to the leader's pose (hold the leader still)...");
        leader.Arm.ReadPositions(leaderPositions);
        for (int i = 0; i < followerTargets.Length; i++)
        {
            JointLimits limits = follower.JointLimits[follower.Description.IndexOf(follower.Arm.Joints[i].Name)];
            followerTargets[i] = Math.Clamp(leaderPositions[leaderIndexOf[i]], limits.MinPosition, limits.MaxPosition);
        }

        if (leader.Gripper is { } leaderGripper)
        {
            follower.Gripper?.SetOpenFraction(leaderGripper.OpenFraction);
        }

        await follower.Arm.MoveToAsync(followerTargets, speedFraction: 0.25, toleranceRadians: 0.02, interrupted);

        // Teleoperate until the time is up or Ctrl+C.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(interrupted);
        if (options.Seconds is { } seconds)
        {
            stop.CancelAfter(TimeSpan.FromSeconds(seconds));
        }

        using SimulatedHand? hand = leaderArm is null ? null : new SimulatedHand(leaderArm, leader.Description, pair.LeaderGripperSpringsBack, HandSeconds(options.Seconds!.Value));
        Console.WriteLine(hand is null
            ? Invariant($"Teleoperating at {options.RateHz} Hz: move the leader arm. Ctrl+C stops (support the follower: torque goes off).")
            : Invariant($"Teleoperating at {options.RateHz} Hz for {options.Seconds} s; a simulated hand moves the leader for {hand.Seconds:0.0} s, then lets go."));

        leader.ResetLoopStatistics();
        follower.ResetLoopStatistics();
        RobotDiagnostics followerBefore = follower.GetDiagnostics();
        hand?.Start();

        // One teleoperation step: the leader's latest state becomes the follower's target. Returns the gripper's opening error.
        double Step()
        {
            if (leader.State == RobotState.Faulted)
            {
                HardwareFaultException? fault = leader.Fault;
                throw new HardwareFaultException(fault?.Bus ?? leaderPort, fault?.DeviceId, fault?.Register, $"the leader faulted: {fault?.Reason}");
            }

            leader.Arm.ReadPositions(leaderPositions);
            for (int i = 0; i < followerTargets.Length; i++)
            {
                followerTargets[i] = leaderPositions[leaderIndexOf[i]];
            }

            follower.Arm.SetTargetPositions(followerTargets); // through the safety layer
            if (leader.Gripper is { } source && follower.Gripper is { } target)
            {
                double opening = source.OpenFraction;
                target.SetOpenFraction(opening);
                return Math.Abs(target.OpenFraction - opening);
            }

            return 0;
        }

        TimeSpan period = TimeSpan.FromSeconds(1 / options.RateHz);
        var statistics = new TeleoperationStatistics(follower.Arm.Joints);
        string? failure = null;
        var clock = Stopwatch.StartNew();
        using (var timer = new PeriodicTimer(period))
        {
            try
            {
                while (await timer.WaitForNextTickAsync(stop.Token))
                {
                    long start = Stopwatch.GetTimestamp();
                    double gripperError = Step();
                    follower.Arm.ReadPositions(followerPositions);
                    statistics.Add(start, Stopwatch.GetTimestamp(), followerTargets, followerPositions, gripperError);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // Time is up, or Ctrl+C.
            }
            catch (Exception exception) when (exception is RobotHaltedException or HardwareFaultException)
            {
                failure = exception.Message; // an arm faulted, or the follower was e-stopped
            }
        }

        double elapsed = clock.Elapsed.TotalSeconds;
        bool handStillMoving = hand is { IsMoving: true };
        hand?.Dispose(); // the hand lets go
        if (interrupted.IsCancellationRequested)
        {
            Console.WriteLine(handStillMoving ? "Interrupted while the simulated hand was still moving the leader." : "Interrupted.");
        }

        Report(leader, follower, statistics, elapsed, options.RateHz, follower.GetDiagnostics(), followerBefore);
        bool passed = failure is null;
        if (failure is not null)
        {
            Console.Error.WriteLine($"leader-follower: {failure}");
        }

        if (leaderArm is not null && followerArm is not null)
        {
            var comparison = new EmulatedComparison(leaderArm, followerArm, leader.Description, follower.Description);
            if (passed && !interrupted.IsCancellationRequested)
            {
                // A busy machine slows both control loops; keep teleoperating (at most SettleLimit
                // more) until the follower has caught up, and say how long that took.
                var settle = Stopwatch.StartNew();
                using var timer = new PeriodicTimer(period);
                try
                {
                    while (comparison.WorstErrorDegrees() > EmulationToleranceDegrees && settle.Elapsed < SettleLimit && await timer.WaitForNextTickAsync(CancellationToken.None))
                    {
                        Step();
                    }
                }
                catch (Exception exception) when (exception is RobotHaltedException or HardwareFaultException)
                {
                    Console.Error.WriteLine($"leader-follower: {exception.Message}");
                    passed = false;
                }

                if (settle.Elapsed > 2 * period)
                {
                    Console.WriteLine(Invariant($"The follower needed {settle.Elapsed.TotalSeconds:0.00} s more to catch up (a busy machine slows the control loops)."));
                }
            }

            passed &= comparison.Print(EmulationToleranceDegrees);
        }

        follower.Deactivate();
        Console.WriteLine("Follower torque off.");
        return passed ? 0 : 1;
    }

    /// <summary>The hand moves for most of the run and is still for the rest, so the follower can settle.</summary>
    private static double HandSeconds(double seconds) => seconds - Math.Min(1.5, 0.3 * seconds);

    /// <summary>Where <paramref name="name"/> is in <paramref name="names"/>, or -1.</summary>
    public static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (int i = 0; i < names.Count; i++)
        {
            if (names[i] == name)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>For each follower joint, the index of the leader joint with the same name.</summary>
    private static int[] MapByName(IReadOnlyList<JointDescription> follower, IReadOnlyList<JointDescription> leader)
    {
        string[] leaderNames = [.. leader.Select(joint => joint.Name)];
        var map = new int[follower.Count];
        for (int i = 0; i < follower.Count; i++)
        {
            string name = follower[i].Name;
            map[i] = IndexOf(leaderNames, name);
            if (map[i] < 0)
            {
                throw new InvalidOperationException($"The leader has no joint '{name}'; its joints are {string.Join(", ", leaderNames)}.");
            }
        }

        return map;
    }

    private static void Report(Robot leader, Robot follower, TeleoperationStatistics teleoperation, double elapsed, double rateHz, RobotDiagnostics after, RobotDiagnostics before)
    {
        Console.WriteLine(Invariant(
            $"Teleoperation: {teleoperation.Cycles} cycles in {elapsed:0.00} s, {teleoperation.AchievedRateHz:0.0} Hz achieved (target {rateHz} Hz); work per cycle max {teleoperation.MaxWorkMilliseconds:0.000} ms, longest gap between cycles {teleoperation.LongestGapMilliseconds:0.0} ms."));
        PrintLoop("Follower", follower.GetLoopStatistics());
        PrintLoop("Leader", leader.GetLoopStatistics());
        Console.WriteLine(Invariant(
            $"Follower safety layer: limited {after.LimitedCycles - before.LimitedCycles} of {after.Cycles - before.Cycles} cycles (smoothing the streamed targets), {after.WatchdogTrips - before.WatchdogTrips} watchdog trips, {after.ReadErrors - before.ReadErrors} read errors."));
        if (teleoperation.Cycles > 0)
        {
            Console.WriteLine(Invariant(
                $"Tracking error, leader vs follower (measured): arm joints max {teleoperation.MaxArmErrorDegrees:0.00} deg ({teleoperation.MaxArmErrorJoint}), final {teleoperation.FinalArmErrorDegrees:0.00} deg; gripper opening max {teleoperation.MaxGripperError:0.000}, final {teleoperation.FinalGripperError:0.000}."));
        }
    }

    private static void PrintLoop(string name, ControlLoopStatistics loop) => Console.WriteLine(Invariant(
        $"{name} control loop: {loop.RateHz} Hz, {loop.Cycles} cycles, period error p99 {loop.PeriodErrorP99Ms:0.000} ms (max {loop.PeriodErrorMaxMs:0.000} ms), {loop.Overruns} overruns, cycle work p99 {loop.CycleWorkP99Ms:0.000} ms."));

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}

/// <summary>
/// Compares the emulated joints themselves, the truth behind both buses: each follower joint
/// should be where the leader's is (the gripper: at the leader's opening, mapped onto the follower's gripper).
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class EmulatedComparison(EmulatedArm leader, EmulatedArm follower, RobotDescription leaderDescription, RobotDescription followerDescription)
{
    private readonly GripperDescription? _leaderGripper = leaderDescription.Grippers.Count > 0 ? leaderDescription.Grippers[0] : null;
    private readonly GripperDescription? _followerGripper = followerDescription.Grippers.Count > 0 ? followerDescription.Grippers[0] : null;

    /// <summary>The largest error of any follower joint now, degrees.</summary>
    public double WorstErrorDegrees()
    {
        double worst = 0;
        for (int f = 0; f < follower.JointNames.Count; f++)
        {
            worst = Math.Max(worst, Compare(f).ErrorDegrees);
        }

        return worst;
    }

    /// <summary>Prints every joint and PASS or FAIL; true on PASS.</summary>
    public bool Print(double toleranceDegrees)
    {
        Console.WriteLine("Emulated joints at the end (degrees):   leader  follower  error");
        double worst = 0;
        for (int f = 0; f < follower.JointNames.Count; f++)
        {
            (double leaderDegrees, double followerDegrees, double error) = Compare(f);
            worst = Math.Max(worst, error);
            Console.WriteLine(FormattableString.Invariant($"  {follower.JointNames[f],-14}{leaderDegrees,24:0.00}{followerDegrees,10:0.00}{error,7:0.00}"));
        }

        bool passed = worst <= toleranceDegrees;
        Console.WriteLine(FormattableString.Invariant($"{(passed ? "PASS" : "FAIL")}: every follower joint ended within {toleranceDegrees} deg of the leader's (worst {worst:0.00} deg)."));
        return passed;
    }

    private (double LeaderDegrees, double FollowerDegrees, double ErrorDegrees) Compare(int followerJoint)
    {
        string name = follower.JointNames[followerJoint];
        double leaderPosition = leader.Backend.GetPresentPosition(leader.IndexOf(name));
        double followerPosition = follower.Backend.GetPresentPosition(followerJoint);
        double expected = leaderPosition;
        if (_leaderGripper is { } source && _followerGripper is { } target && name == target.JointName)
        {
            double opening = Math.Clamp((leaderPosition - source.ClosedPosition) / (source.OpenPosition - source.ClosedPosition), 0, 1);
            expected = target.ClosedPosition + (opening * (target.OpenPosition - target.ClosedPosition));
        }

        const double Degrees = 180 / Math.PI;
        return (leaderPosition * Degrees, followerPosition * Degrees, Math.Abs(followerPosition - expected) * Degrees);
    }
}

/// <summary>What the teleoperation loop measures: its own pace, and how far the follower trails the leader.</summary>
internal sealed class TeleoperationStatistics(IReadOnlyList<JointDescription> joints)
{
    private long _firstStart;
    private long _previousStart;

    public long Cycles { get; private set; }

    /// <summary>Cycles per second from the first cycle to the last.</summary>
    public double AchievedRateHz => Cycles < 2 ? 0 : (Cycles - 1) / Stopwatch.GetElapsedTime(_firstStart, _previousStart).TotalSeconds;

    /// <summary>The loop's own work in one cycle, at most: what limits the rate it could reach.</summary>
    public double MaxWorkMilliseconds { get; private set; }

    /// <summary>The longest time between two cycles: a late timer tick (a busy machine) shows here.</summary>
    public double LongestGapMilliseconds { get; private set; }

    public double MaxArmErrorDegrees { get; private set; }

    public string MaxArmErrorJoint { get; private set; } = "none";

    public double FinalArmErrorDegrees { get; private set; }

    public double MaxGripperError { get; private set; }

    public double FinalGripperError { get; private set; }

    public void Add(long startTicks, long endTicks, ReadOnlySpan<double> leader, ReadOnlySpan<double> follower, double gripperError)
    {
        MaxWorkMilliseconds = Math.Max(MaxWorkMilliseconds, Stopwatch.GetElapsedTime(startTicks, endTicks).TotalMilliseconds);
        if (Cycles == 0)
        {
            _firstStart = startTicks;
        }
        else
        {
            LongestGapMilliseconds = Math.Max(LongestGapMilliseconds, Stopwatch.GetElapsedTime(_previousStart, startTicks).TotalMilliseconds);
        }

        _previousStart = startTicks;
        double largest = 0;
        int at = 0;
        for (int i = 0; i < leader.Length; i++)
        {
            double error = Math.Abs(follower[i] - leader[i]);
            if (error > largest)
            {
                largest = error;
                at = i;
            }
        }

        FinalArmErrorDegrees = largest * 180 / Math.PI;
        if (FinalArmErrorDegrees > MaxArmErrorDegrees)
        {
            MaxArmErrorDegrees = FinalArmErrorDegrees;
            MaxArmErrorJoint = joints[at].Name;
        }

        FinalGripperError = gripperError;
        MaxGripperError = Math.Max(MaxGripperError, gripperError);
        Cycles++;
    }
}

/// <summary>The arm pairs this sample knows: a leader and a follower with the same joint names.</summary>
/// <param name="Name">The --arm value.</param>
/// <param name="Title">Name for people.</param>
/// <param name="Leader">The arm the person moves.</param>
/// <param name="Follower">The arm that copies it.</param>
/// <param name="LeaderGripperSpringsBack">Whether the leader's gripper is a trigger held with torque (the Koch leader's).</param>
[SupportedOSPlatform("linux")]
internal sealed record ArmPair(string Name, string Title, ArmSide Leader, ArmSide Follower, bool LeaderGripperSpringsBack)
{
    public static IReadOnlyList<ArmPair> All { get; } =
    [
        new("so101", "SO-101", ArmSide.Of(FeetechArms.So101Leader), ArmSide.Of(FeetechArms.So101Follower), LeaderGripperSpringsBack: false),
        new("koch", "Koch v1.1", ArmSide.Of(DynamixelArms.KochLeader), ArmSide.Of(DynamixelArms.KochFollower),
            LeaderGripperSpringsBack: DynamixelArms.KochLeader.Gripper?.TriggerOpenFraction is not null),
    ];
}

/// <summary>One arm of a pair: how to drive it on a port and how to emulate it.</summary>
/// <param name="createDriver">Port, calibration (or null), the calibration's file, the failures in a row that fault the driver (or null for the default).</param>
/// <param name="emulate">Starts an emulated arm.</param>
[SupportedOSPlatform("linux")]
internal sealed class ArmSide(Func<string, ServoCalibration?, string?, int?, IRobotDriver> createDriver, Func<ArmSide, EmulatedArm> emulate)
{
    public static ArmSide Of(FeetechArm arm) => new(
        (port, calibration, source, failures) =>
        {
            var options = new FeetechArmDriverOptions { Calibration = calibration, CalibrationSource = source };
            options.MaxConsecutiveFailures = failures ?? options.MaxConsecutiveFailures;
            return new FeetechArmDriver(port, arm, options);
        },
        side => EmulatedArm.Start(arm, side));

    public static ArmSide Of(DynamixelArm arm) => new(
        (port, calibration, source, failures) =>
        {
            var options = new DynamixelArmDriverOptions { Calibration = calibration, CalibrationSource = source };
            options.MaxConsecutiveFailures = failures ?? options.MaxConsecutiveFailures;
            return new DynamixelArmDriver(port, arm, options);
        },
        side => EmulatedArm.Start(arm, side));

    /// <summary>A driver for the arm on <paramref name="port"/>, with the RobotSdk calibration file at <paramref name="calibrationPath"/> if any.</summary>
    public IRobotDriver CreateDriver(string port, string? calibrationPath, int? maxConsecutiveFailures = null) =>
        createDriver(port, calibrationPath is null ? null : ServoCalibrationFile.Load(calibrationPath), calibrationPath, maxConsecutiveFailures);

    /// <summary>Starts an emulated arm on a pseudo-terminal.</summary>
    public EmulatedArm Emulate() => emulate(this);
}

/// <summary>An arm emulated on a pseudo-terminal; <see cref="Backend"/> holds its true joint angles (joint i is the arm's joint i).</summary>
[SupportedOSPlatform("linux")]
internal sealed class EmulatedArm(ArmSide side, IDisposable emulator, string portPath, FirstOrderJointBackend backend, IReadOnlyList<string> jointNames) : IDisposable
{
    // The emulated servos are threads of this process: a busy machine can stall them for a few
    // hundred milliseconds, which real servos never do, so their drivers tolerate more timeouts in a row.
    private const int MaxConsecutiveFailures = 20;

    public string PortPath { get; } = portPath;

    public FirstOrderJointBackend Backend { get; } = backend;

    public IReadOnlyList<string> JointNames { get; } = jointNames;

    public static EmulatedArm Start(FeetechArm arm, ArmSide side)
    {
        FirstOrderJointBackend backend = FeetechArmEmulator.CreateBackend(arm);
        var emulator = new FeetechArmEmulator(arm, backend);
        return Started(side, emulator, emulator.Start, () => emulator.PortPath, backend, [.. arm.Motors.Select(motor => motor.Name)]);
    }

    public static EmulatedArm Start(DynamixelArm arm, ArmSide side)
    {
        var backend = new FirstOrderJointBackend(arm.Joints.Count);
        var emulator = new DynamixelArmEmulator(arm, backend);
        return Started(side, emulator, emulator.Start, () => emulator.PortPath, backend, [.. arm.Joints.Select(joint => joint.Name)]);
    }

    /// <summary>The arm's driver on this emulator's port.</summary>
    public IRobotDriver CreateDriver() => side.CreateDriver(PortPath, calibrationPath: null, MaxConsecutiveFailures);

    public int IndexOf(string jointName) => Teleoperation.IndexOf(JointNames, jointName);

    public void Dispose() => emulator.Dispose();

    private static EmulatedArm Started(ArmSide side, IDisposable emulator, Action start, Func<string> portPath, FirstOrderJointBackend backend, string[] names)
    {
        try
        {
            start();
            return new EmulatedArm(side, emulator, portPath(), backend, names);
        }
        catch
        {
            emulator.Dispose();
            throw;
        }
    }
}

/// <summary>
/// A person's hand on the emulated leader: moves its limp joints by hand
/// (<see cref="FirstOrderJointBackend.SetPosition"/>) along a smooth path from where they are to a
/// new pose, waving each joint on the way, then lets go. A trigger that springs back (the Koch
/// leader's) is squeezed and released.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class SimulatedHand : IDisposable
{
    // Where the arm joints end, relative to where they start, radians; and how far each waves on the way.
    private static readonly double[] ArmOffsets = [0.5, -0.4, 0.45, -0.35, 0.6];
    private static readonly double[] WaveHertz = [0.4, 0.5, 0.6, 0.45, 0.55];
    private const double WaveRadians = 0.25;

    private readonly FirstOrderJointBackend _joints;
    private readonly double[] _start;
    private readonly double[] _end;
    private readonly double[] _squeeze;
    private readonly double[] _wave;
    private readonly double[] _waveHertz;
    private readonly JointLimits[] _limits;
    private readonly Thread _thread;
    private volatile bool _stopRequested;

    public SimulatedHand(EmulatedArm leader, RobotDescription description, bool gripperSpringsBack, double seconds)
    {
        _joints = leader.Backend;
        Seconds = seconds;
        int count = leader.JointNames.Count;
        _start = new double[count];
        _end = new double[count];
        _squeeze = new double[count];
        _wave = new double[count];
        _waveHertz = new double[count];
        _limits = new JointLimits[count];
        GripperDescription? gripper = description.Grippers.Count > 0 ? description.Grippers[0] : null;
        int armJoint = 0;
        for (int i = 0; i < count; i++)
        {
            string name = leader.JointNames[i];
            _start[i] = _joints.GetPresentPosition(i);
            _limits[i] = description.Joints[description.IndexOf(name)].Limits;
            if (gripper is not null && name == gripper.JointName)
            {
                double travel = gripper.OpenPosition - gripper.ClosedPosition;
                if (gripperSpringsBack)
                {
                    _end[i] = _start[i];                                     // released at the end
                    _squeeze[i] = 0.6 * (gripper.ClosedPosition - _start[i]); // squeezed toward closed
                }
                else
                {
                    _end[i] = gripper.ClosedPosition + (0.5 * travel);        // left half open
                    _wave[i] = 0.15 * travel;
                    _waveHertz[i] = 0.5;
                }
            }
            else
            {
                _end[i] = _start[i] + ArmOffsets[armJoint % ArmOffsets.Length];
                _wave[i] = WaveRadians;
                _waveHertz[i] = WaveHertz[armJoint % WaveHertz.Length];
                armJoint++;
            }
        }

        _thread = new Thread(Move) { Name = "simulated hand", IsBackground = true };
    }

    /// <summary>How long the hand moves before it lets go.</summary>
    public double Seconds { get; }

    /// <summary>Whether the hand is still moving the leader.</summary>
    public bool IsMoving => _thread.IsAlive;

    public void Start() => _thread.Start();

    public void Dispose()
    {
        _stopRequested = true;
        if (_thread.IsAlive)
        {
            _thread.Join();
        }
    }

    private void Move()
    {
        var clock = Stopwatch.StartNew();
        while (!_stopRequested)
        {
            double t = clock.Elapsed.TotalSeconds;
            double u = Math.Min(t / Seconds, 1);
            double blend = u * u * (3 - (2 * u));            // smoothstep: starts and ends at rest
            double envelope = Math.Pow(Math.Sin(Math.PI * u), 2); // zero, with zero slope, at both ends
            for (int i = 0; i < _start.Length; i++)
            {
                double wave = _wave[i] * Math.Sin((2 * Math.PI * _waveHertz[i] * t) + i);
                double position = _start[i] + ((_end[i] - _start[i]) * blend) + (envelope * (_squeeze[i] + wave));
                _joints.SetPosition(i, Math.Clamp(position, _limits[i].MinPosition, _limits[i].MaxPosition));
            }

            if (u >= 1)
            {
                return; // let go
            }

            Thread.Sleep(5); // a hand at about 200 Hz; positions come from the clock, so jitter does not matter
        }
    }
}

/// <summary>The command line.</summary>
/// <param name="Pair">--arm.</param>
/// <param name="LeaderPort">--leader-port, or null to emulate both arms.</param>
/// <param name="FollowerPort">--follower-port, or null to emulate both arms.</param>
/// <param name="Seconds">--seconds; 5 when emulating, null (until Ctrl+C) on real arms.</param>
/// <param name="RateHz">--rate, the teleoperation rate (default 100).</param>
/// <param name="LeaderCalibration">--leader-calibration, a RobotSdk calibration file, or null.</param>
/// <param name="FollowerCalibration">--follower-calibration, a RobotSdk calibration file, or null.</param>
/// <param name="ShowHelp">-h or --help.</param>
[SupportedOSPlatform("linux")]
internal sealed record TeleoperationOptions(
    ArmPair Pair,
    string? LeaderPort,
    string? FollowerPort,
    double? Seconds,
    double RateHz,
    string? LeaderCalibration,
    string? FollowerCalibration,
    bool ShowHelp)
{
    public const double MinRateHz = 10;
    public const double MaxSeconds = 1_000_000;

    public const string Usage = """
        usage: dotnet run --project samples/LeaderFollower -- --arm so101|koch
                 [--leader-port PATH --follower-port PATH] [--seconds S] [--rate HZ]
                 [--leader-calibration FILE] [--follower-calibration FILE]
          --arm                 so101 (Feetech SO-101 leader and follower) or koch (Dynamixel Koch v1.1 pair)
          --leader-port, --follower-port
                                the arms' serial adapters, for example /dev/serial/by-id/...; without them
                                both arms are emulated and the run ends with a PASS/FAIL check
          --seconds             how long to teleoperate (default 5 when emulating, until Ctrl+C on real arms)
          --rate                teleoperation rate, Hz, 10 to 1000 (default 100)
          --leader-calibration, --follower-calibration
                                RobotSdk servo calibration files for real arms (default: as the servos are)
        """;

    public bool Emulating => LeaderPort is null;

    /// <exception cref="ArgumentException">An argument is unknown, missing or out of range; the message says which.</exception>
    public static TeleoperationOptions Parse(IReadOnlyList<string> args)
    {
        string? arm = null, leaderPort = null, followerPort = null, leaderCalibration = null, followerCalibration = null;
        double? seconds = null;
        double rate = 100;
        for (int i = 0; i < args.Count; i++)
        {
            string name = args[i];
            if (name is "-h" or "--help")
            {
                return new TeleoperationOptions(ArmPair.All[0], null, null, null, rate, null, null, ShowHelp: true);
            }

            string Value() => i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal)
                ? args[++i]
                : throw new ArgumentException($"{name} needs a value.");

            switch (name)
            {
                case "--arm": arm = Value(); break;
                case "--leader-port": leaderPort = Value(); break;
                case "--follower-port": followerPort = Value(); break;
                case "--leader-calibration": leaderCalibration = Value(); break;
                case "--follower-calibration": followerCalibration = Value(); break;
                case "--seconds": seconds = Number(name, Value(), double.Epsilon, MaxSeconds, Invariant($"a number of seconds above 0 and at most {MaxSeconds}")); break;
                case "--rate": rate = Number(name, Value(), MinRateHz, ControlLoop.MaxRateHz, Invariant($"a rate from {MinRateHz} to {ControlLoop.MaxRateHz} Hz")); break;
                default: throw new ArgumentException($"unknown argument '{name}'.");
            }
        }

        ArmPair pair = arm is null
            ? throw new ArgumentException($"--arm is required: {string.Join(" or ", ArmPair.All.Select(p => p.Name))}.")
            : ArmPair.All.FirstOrDefault(p => string.Equals(p.Name, arm, StringComparison.OrdinalIgnoreCase))
                ?? throw new ArgumentException($"unknown arm '{arm}'; use {string.Join(" or ", ArmPair.All.Select(p => p.Name))}.");
        if ((leaderPort is null) != (followerPort is null))
        {
            throw new ArgumentException("give both --leader-port and --follower-port, or neither to emulate both arms.");
        }

        if (leaderPort is not null && leaderPort == followerPort)
        {
            throw new ArgumentException($"the leader and the follower need their own ports; both are '{leaderPort}'.");
        }

        if (leaderPort is null && (leaderCalibration ?? followerCalibration) is not null)
        {
            throw new ArgumentException("calibration files are for real arms; give the ports too.");
        }

        return new TeleoperationOptions(pair, leaderPort, followerPort, seconds ?? (leaderPort is null ? 5 : null), rate, leaderCalibration, followerCalibration, ShowHelp: false);
    }

    private static double Number(string name, string text, double min, double max, string expected) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && value >= min && value <= max
            ? value
            : throw new ArgumentException($"{name} needs {expected}, got '{text}'.");

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
