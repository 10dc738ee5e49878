using System.Diagnostics;
using System.Text.Json;

namespace RobotSdk.Policy.OverheadBenchmark;

/// <summary>Runs benchmarks/node/bare-ort.mjs in a child Node.js process and reads its per-run times.</summary>
internal sealed class NodeReference(string nodeExecutable, string script)
{
    public string Runtime { get; private set; } = "onnxruntime-node";

    /// <summary>The per-run times in microseconds, measured inside Node around each <c>await session.run(feeds)</c>.</summary>
    public double[] Run(BenchmarkModel model, int runs, int warmup, int threads)
    {
        var start = new ProcessStartInfo(nodeExecutable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { script, "--model", model.Path, "--runs", $"{runs}", "--warmup", $"{warmup}", "--threads", $"{threads}" })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var input in model.Inputs)
        {
            start.ArgumentList.Add("--input");
            start.ArgumentList.Add(input.NodeArgument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {nodeExecutable}.");
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{nodeExecutable} {script} failed with exit code {process.ExitCode}: {errors.Result.Trim()}");
        }

        using var document = JsonDocument.Parse(output);
        Runtime = document.RootElement.GetProperty("runtime").GetString() ?? Runtime;
        return [.. document.RootElement.GetProperty("times_us").EnumerateArray().Select(time => time.GetDouble())];
    }
}
