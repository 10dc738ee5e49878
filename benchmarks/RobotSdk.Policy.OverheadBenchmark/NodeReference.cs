using System.Diagnostics;
using System.Text.Json;

namespace RobotSdk.Policy.OverheadBenchmark;

/// <summary>Runs a benchmarks/node script in a child Node.js process and reads the per-call times it prints.</summary>
internal sealed class NodeReference(string nodeExecutable)
{
    /// <summary>What the last run reported it ran on ("onnxruntime-node 1.30.0 on node v20.20.2").</summary>
    public string Runtime { get; private set; } = "onnxruntime-node";

    /// <summary>The per-call times in microseconds, measured inside Node around each awaited call, and the checksum of the last call's outputs.</summary>
    public (double[] Microseconds, double OutputChecksum) Run(IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(nodeExecutable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {nodeExecutable}.");
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{nodeExecutable} {string.Join(' ', arguments)} failed with exit code {process.ExitCode}: {errors.Result.Trim()}");
        }

        using var document = JsonDocument.Parse(output);
        Runtime = document.RootElement.GetProperty("runtime").GetString() ?? Runtime;
        return ([.. document.RootElement.GetProperty("times_us").EnumerateArray().Select(time => time.GetDouble())], document.RootElement.GetProperty("output_checksum").GetDouble());
    }
}
