using System.Globalization;
using RobotSdk;
using RobotSdk.Hardware;
using RobotSdk.Policy.Benchmarks;
using RobotSdk.Policy.Manifest;
using RobotSdk.Policy.Runner;

// The policy runner's timing benchmark: a real Robot (demo arm on the mirror driver, 200 Hz loop,
// full safety layer) driven at 50 Hz by a stand-in model that takes 100 ms per chunk (H = 50, s = 25),
// in every chunk execution mode, side by side in each of N runs; medians at the end.
//
//   dotnet run -c Release --project benchmarks/RobotSdk.Policy.Benchmarks -- [--runs 5] [--seconds 10]
int runs = Argument("--runs", 5);
int seconds = Argument("--seconds", 10);
const int Joints = 5;
const int ChunkLength = 50;
const int ExecutionHorizon = 25;
const double RateHz = 50;
const double Disagreement = 0.02; // radians; consecutive chunks differ by twice this
TimeSpan inferenceDelay = TimeSpan.FromMilliseconds(100);
ChunkExecution[] modes = [ChunkExecution.Synchronous, ChunkExecution.Asynchronous, ChunkExecution.RealTimeChunking, ChunkExecution.TemporalEnsembling];

Console.WriteLine(FormattableString.Invariant($"Policy runner benchmark: {runs} runs × {modes.Length} modes × {seconds} s; {RateHz} Hz, H {ChunkLength}, s {ExecutionHorizon}, {inferenceDelay.TotalMilliseconds} ms per inference, chunks disagree by ±{Disagreement} rad"));
var results = modes.ToDictionary(mode => mode, _ => new List<ModeResult>());
for (int run = 1; run <= runs; run++)
{
    foreach (ChunkExecution mode in modes)
    {
        ModeResult result = await MeasureAsync(mode);
        results[mode].Add(result);
        Console.WriteLine(FormattableString.Invariant(
            $"run {run} {mode,-18} gap max {result.MaxGapMs,6:0.00} ms at step {result.MaxGapStep,3}  late {result.LateCommands,2}  p99 {result.PeriodP99Ms,6:0.00} ms  robot loop max period error {result.RobotLoopMaxPeriodErrorMs,6:0.00} ms  cpu steal {result.StealPercent,4:0.0} %  missed {result.MissedSteps,3}  held {result.HeldSteps,4} (longest pause {result.LongestPauseMs,5:0} ms)  chunks {result.Chunks,3}  inference p50 {result.InferenceP50Ms,6:0.0} ms  boundary jump {result.BoundaryJump:0.00000} excess {result.BoundaryExcess:0.00000} (mean {result.MeanBoundaryExcess:0.00000})  bytes/step {result.BytesPerStep:0.###} over {result.MeasuredSteps} steps"));
    }
}

Console.WriteLine();
Console.WriteLine($"Medians of {runs} runs:");
Console.WriteLine();
Console.WriteLine("| " + string.Join(" | ", ["metric", .. modes.Select(m => m.ToString())]) + " |");
Console.WriteLine("|" + string.Concat(Enumerable.Repeat("---|", modes.Length + 1)));
Row("largest gap between commands (ms)", r => r.MaxGapMs, "0.00");
Row("commands later than 1.5 periods (of about 500)", r => r.LateCommands, "0");
Row("command period p50 (ms)", r => r.PeriodP50Ms, "0.00");
Row("command period p99 (ms)", r => r.PeriodP99Ms, "0.00");
Row("robot's own 200 Hz loop: largest period error (ms)", r => r.RobotLoopMaxPeriodErrorMs, "0.00");
Row("CPU time stolen by the hypervisor during the run (%)", r => r.StealPercent, "0.0");
Row("missed deadlines (steps)", r => r.MissedSteps, "0");
Row("held steps (arm paused, waiting for the policy)", r => r.HeldSteps, "0");
Row("longest pause of the arm (ms)", r => r.LongestPauseMs, "0");
Row("chunks received", r => r.Chunks, "0");
Row("inference p50 (ms)", r => r.InferenceP50Ms, "0.0");
Row("delay d p50 (steps)", r => r.DelayP50, "0");
Row("largest step at a chunk switch (rad)", r => r.BoundaryJump, "0.00000");
Row("largest discontinuity at a switch (rad)", r => r.BoundaryExcess, "0.00000");
Row("mean discontinuity at a switch (rad)", r => r.MeanBoundaryExcess, "0.00000");
Row("largest discontinuity at any step (rad)", r => r.AnyStepExcess, "0.00000");
Row("allocated bytes per control step", r => r.BytesPerStep, "0.###");
Console.WriteLine();
double period = 1000 / RateHz;
Console.WriteLine(FormattableString.Invariant($"runs whose largest gap stayed within 1.5 control periods: ") + string.Join(", ", modes.Select(m => FormattableString.Invariant($"{m} {results[m].Count(r => r.MaxGapMs <= 1.5 * period)}/{runs}"))));
Console.WriteLine(FormattableString.Invariant($"largest gap / control period ({period} ms): ") + string.Join(", ", modes.Select(m => FormattableString.Invariant($"{m} {Median(results[m], r => r.MaxGapMs) / period:0.00}"))));
double naive = Median(results[ChunkExecution.Asynchronous], r => r.BoundaryExcess);
double blended = Median(results[ChunkExecution.RealTimeChunking], r => r.BoundaryExcess);
Console.WriteLine(FormattableString.Invariant($"boundary discontinuity, naive switching / real-time chunking blend: {naive:0.00000} / {blended:0.00000} = {naive / blended:0.0}x"));
double naiveMean = Median(results[ChunkExecution.Asynchronous], r => r.MeanBoundaryExcess);
double blendedMean = Median(results[ChunkExecution.RealTimeChunking], r => r.MeanBoundaryExcess);
Console.WriteLine(FormattableString.Invariant($"mean boundary discontinuity, naive / blend: {naiveMean:0.00000} / {blendedMean:0.00000} = {naiveMean / blendedMean:0.0}x"));
return 0;

void Row(string name, Func<ModeResult, double> metric, string format) =>
    Console.WriteLine("| " + string.Join(" | ", [name, .. modes.Select(m => Median(results[m], metric).ToString(format, CultureInfo.InvariantCulture))]) + " |");

static double Median(List<ModeResult> values, Func<ModeResult, double> metric)
{
    double[] sorted = [.. values.Select(metric).Order()];
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
}

int Argument(string name, int fallback)
{
    int index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}

async Task<ModeResult> MeasureAsync(ChunkExecution mode)
{
    using var robot = new Robot(new MirrorDriver(DemoArm.Description), new RobotOptions { ControlRateHz = 200 });
    robot.Connect();
    robot.Activate();
    var backend = new SineBackend(Joints, RateHz, inferenceDelay, Disagreement);
    var embodiment = new RecordingEmbodiment(Joints, (int)(seconds * RateHz * 2) + 100);
    string[] arm = [.. robot.Arm.Joints.Select(joint => joint.Name)];
    var actions = new ActionSpace(ActionSpaceKind.JointAbsolute, "actions", Joints + 1, Joints + 1, ChunkLength, ExecutionHorizon, RateHz,
        [.. arm.Select((joint, index) => new ActionJoint(index, joint))], [], null);
    var manifest = new PolicyManifest(new RemotePolicyModel(null), new PolicyInputs([], [new StateInput("state", arm, null)], null), null, actions);

    // Start at the trajectory's first point, so the first chunk does not begin with a long move.
    double[] start = [.. Enumerable.Range(0, Joints).Select(j => backend.Trajectory(j, 0))];
    await robot.Arm.MoveToAsync(start, 1, 0.01);

    var runner = new PolicyRunner(robot, embodiment, new StateOnlyObservations(embodiment), backend, new PolicyRunnerOptions { Manifest = manifest, Execution = mode });
    robot.ResetLoopStatistics();
    CpuSteal stealAtStart = CpuSteal.Read();
    PolicyRunReport report = await runner.RunAsync(TimeSpan.FromSeconds(seconds));
    double stealPercent = CpuSteal.Read().PercentSince(stealAtStart);
    double robotLoopMaxPeriodErrorMs = robot.GetLoopStatistics().PeriodErrorMaxMs;
    if (report.StopReason != PolicyRunStopReason.DurationElapsed || report.Failures.Count > 0)
    {
        throw new InvalidOperationException($"{mode}: the run ended with {report.StopReason}: {string.Join("; ", report.Failures)}");
    }

    double jump = 0, excess = 0, excessSum = 0, anyExcess = 0;
    int switches = 0;
    for (int i = 1; i < embodiment.Count; i++)
    {
        ReadOnlySpan<float> previous = embodiment.Action(i - 1);
        ReadOnlySpan<float> current = embodiment.Action(i);
        double stepJump = 0, stepExcess = 0;
        for (int j = 0; j < Joints; j++)
        {
            double moved = current[j] - previous[j];
            double own = backend.Trajectory(j, current[Joints]) - backend.Trajectory(j, previous[Joints]);
            stepJump = Math.Max(stepJump, Math.Abs(moved));
            stepExcess = Math.Max(stepExcess, Math.Abs(moved - own));
        }

        anyExcess = Math.Max(anyExcess, stepExcess);
        if (embodiment.IsSwitch(i))
        {
            switches++;
            jump = Math.Max(jump, stepJump);
            excess = Math.Max(excess, stepExcess);
            excessSum += stepExcess;
        }
    }

    return new ModeResult(report.MaxCommandGapMs, report.MaxCommandGapStep, report.LateCommands, report.CommandPeriodP50Ms, report.CommandPeriodP99Ms, report.MissedSteps, report.HeldSteps, report.LongestHoldSteps * 1000 / RateHz, report.ChunksReceived,
        report.InferenceMsP50, report.DelayStepsP50, jump, excess, switches == 0 ? 0 : excessSum / switches, anyExcess, report.AllocatedBytesPerStep, report.AllocationMeasuredSteps, robotLoopMaxPeriodErrorMs, stealPercent);
}

internal sealed record ModeResult(
    double MaxGapMs,
    long MaxGapStep,
    double LateCommands,
    double PeriodP50Ms,
    double PeriodP99Ms,
    double MissedSteps,
    double HeldSteps,
    double LongestPauseMs,
    double Chunks,
    double InferenceP50Ms,
    double DelayP50,
    double BoundaryJump,
    double BoundaryExcess,
    double MeanBoundaryExcess,
    double AnyStepExcess,
    double BytesPerStep,
    long MeasuredSteps,
    double RobotLoopMaxPeriodErrorMs,
    double StealPercent);
