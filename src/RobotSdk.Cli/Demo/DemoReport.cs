using System.Globalization;
using System.Text;
using RobotSdk.Control;
using RobotSdk.Geometry;
using RobotSdk.Simulation;

namespace RobotSdk.Cli.Demo;

/// <summary>Writes the virtual demo's report: a Markdown page with the tracking table and the rendered frames.</summary>
internal static class DemoReport
{
    /// <summary>Writes <c>report.md</c> into <paramref name="directory"/> and returns its full path.</summary>
    public static string Write(string directory, IReadOnlyList<DemoStep> steps, ControlLoopStatistics loop, VirtualWorldStatistics world)
    {
        var text = new StringBuilder();
        text.AppendLine("# RobotSdk demo: virtual SO-101");
        text.AppendLine();
        text.AppendLine("A MuJoCo SO-101 stepping in real time behind an emulated Feetech STS3215 bus, driven through the real");
        text.AppendLine("Feetech driver. \"Driver\" is where the joint readings put the tool through the demo's kinematics (calibrated unless --no-calibrate);");
        text.AppendLine("\"simulated\" is the simulation's ground truth. Distances in millimetres.");
        text.AppendLine();
        text.AppendLine("| step | target (m) | driver tool (m) | simulated tool (m) | tool error | joint error (deg) | time (s) | frame |");
        text.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (DemoStep step in steps)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {step.Name} | {Format(step.TargetTool)} | {Format(step.DriverTool)} | {Format(step.SimulatedTool)} | {Format(step.ToolErrorMillimetres, "0.0")} | {Format(step.JointErrorRadians * 180 / Math.PI, "0.00")} | {step.Elapsed.TotalSeconds:0.00} | ![{step.Name}]({step.Image}) |"));
        }

        text.AppendLine();
        text.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"Control loop: {loop.Cycles} cycles at {loop.RateHz} Hz, period error p99 {loop.PeriodErrorP99Ms:0.000} ms, {loop.Overruns} overruns."));
        text.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"Simulation: real-time factor {world.RealTimeFactor:0.000}, {world.LateSteps} late steps, worst lag {world.WorstLagSeconds * 1000:0.0} ms, {world.StepCostSeconds * 1e6:0} us per step."));
        string path = Path.GetFullPath(Path.Combine(directory, "report.md"));
        File.WriteAllText(path, text.ToString());
        return path;
    }

    private static string Format(Vector3D? position) => position is { } p
        ? string.Create(CultureInfo.InvariantCulture, $"({p.X:0.000}, {p.Y:0.000}, {p.Z:0.000})")
        : "-";

    private static string Format(double? value, string format) => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "-";
}
