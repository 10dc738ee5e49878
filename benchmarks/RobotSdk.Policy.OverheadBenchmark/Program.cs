using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using RobotSdk.Policy.Onnx.Authoring;
using RobotSdk.Policy.OverheadBenchmark;

// Runner overhead per inference against bare ONNX Runtime in Node (docs/benchmarks.md, "ONNX
// Runtime: RobotSdk binding vs Node"). Commands:
//   models --out DIR [--seed N]     write the benchmark models (tiny pi0 with tokenizer and manifest, 4x512 MLP)
//   compare [options]               (default) time .NET and Node alternately; print medians and ratios
// compare options: --rounds 5 --runs 2000 --warmup 200 --chunk-runs 200 --chunk-warmup 20
//                  --threads 1 --only NAME --node node --json
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var arguments = new Queue<string>(args);
var command = arguments.Count > 0 && !arguments.Peek().StartsWith("--", StringComparison.Ordinal) ? arguments.Dequeue() : "compare";
var options = new Dictionary<string, string>(StringComparer.Ordinal);
while (arguments.Count > 0)
{
    var key = arguments.Dequeue();
    if (!key.StartsWith("--", StringComparison.Ordinal))
    {
        return Fail($"unexpected argument '{key}'.");
    }

    options[key[2..]] = key == "--json" ? "true" : arguments.Count > 0 ? arguments.Dequeue() : "";
}

int Integer(string name, int fallback) => options.TryGetValue(name, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

switch (command)
{
    case "models":
        if (!options.TryGetValue("out", out var outFolder))
        {
            return Fail("models needs --out DIR.");
        }

        var written = BenchmarkCases.WriteModels(outFolder, Integer("seed", TinyPi0Model.DefaultSeed));
        Console.WriteLine($"wrote {string.Join(", ", written)} to {Path.GetFullPath(outFolder)}");
        return 0;
    case "compare":
        return Compare();
    default:
        return Fail($"unknown command '{command}' (models, compare).");
}

int Compare()
{
    var rounds = Integer("rounds", 5);
    var threads = Integer("threads", 1);
    var json = options.ContainsKey("json");
    var folder = Directory.CreateTempSubdirectory("robotsdk-overhead-").FullName;
    try
    {
        BenchmarkCases.WriteModels(folder, TinyPi0Model.DefaultSeed);
        var cases = BenchmarkCases.Create(
                folder,
                Path.Combine(RepositoryRoot(), "benchmarks", "node"),
                threads,
                Integer("runs", 2000),
                Integer("warmup", 200),
                Integer("chunk-runs", 200),
                Integer("chunk-warmup", 20))
            .Where(benchmark => !options.TryGetValue("only", out var only) || benchmark.Name == only)
            .ToArray();
        if (cases.Length == 0)
        {
            return Fail($"--only '{options["only"]}' names no benchmark (tiny-pi0-step, tiny-pi0-observation, mlp-4x512, tiny-pi0-chunk).");
        }

        var node = new NodeReference(options.GetValueOrDefault("node", "node"));
        var results = new List<object>();
        if (!json)
        {
            Console.WriteLine($"{RuntimeInformation.OSDescription}, {Environment.ProcessorCount} cores, load average {LoadAverage()}, {RuntimeInformation.FrameworkDescription}, "
                + $"{rounds} rounds alternating .NET and Node, {threads} intra-op thread(s); times are medians per round, in microseconds");
        }

        foreach (var benchmark in cases)
        {
            var subjects = benchmark.Subjects.Select(create => create()).ToArray();
            try
            {
                var ours = subjects.Select(_ => new List<double>()).ToArray();
                var oursBest = subjects.Select(_ => double.MaxValue).ToArray();
                var allocated = new long[subjects.Length];
                var reference = new List<double>();
                var referenceBest = double.MaxValue;
                var referenceSum = double.NaN;
                string[] nodeArguments = [.. benchmark.NodeArguments, "--runs", $"{benchmark.Runs}", "--warmup", $"{benchmark.Warmup}", "--threads", $"{threads}"];
                for (var round = 0; round < rounds; round++)
                {
                    for (var index = 0; index < subjects.Length; index++)
                    {
                        var (times, bytes) = Time(subjects[index], benchmark.Runs, benchmark.Warmup);
                        ours[index].Add(Median(times));
                        oursBest[index] = Math.Min(oursBest[index], times.Min());
                        allocated[index] = Math.Max(allocated[index], bytes);
                    }

                    (var nodeTimes, referenceSum) = node.Run(nodeArguments);
                    reference.Add(Median(nodeTimes));
                    referenceBest = Math.Min(referenceBest, nodeTimes.Min());
                }

                var nodeMedian = Median([.. reference]);
                if (!json)
                {
                    Console.WriteLine();
                    Console.WriteLine($"{benchmark.Name}: {benchmark.Description}; {benchmark.Runs} timed calls after {benchmark.Warmup} warm-up per side and round");
                    Console.WriteLine($"  {"bare " + node.Runtime,-48} rounds {string.Join(" ", reference.Select(Format))}  median {Format(nodeMedian)}  min {Format(referenceBest)}");
                }

                for (var index = 0; index < subjects.Length; index++)
                {
                    var oursMedian = Median([.. ours[index]]);
                    var ratio = oursMedian / nodeMedian;
                    var bytesPerCall = allocated[index] / (double)benchmark.Runs;
                    var oursSum = subjects[index].OutputChecksum();
                    bool? outputsAgree = oursSum is { } sum ? Math.Abs(sum - referenceSum) <= 1e-3 * Math.Max(1, Math.Abs(referenceSum)) : null;
                    results.Add(new
                    {
                        benchmark = benchmark.Name,
                        subject = subjects[index].Name,
                        reference = node.Runtime,
                        rounds,
                        runs = benchmark.Runs,
                        threads,
                        ours_median_us = Math.Round(oursMedian, 2),
                        node_median_us = Math.Round(nodeMedian, 2),
                        ratio = Math.Round(ratio, 3),
                        ours_min_us = Math.Round(oursBest[index], 2),
                        node_min_us = Math.Round(referenceBest, 2),
                        ours_round_medians_us = ours[index].Select(value => Math.Round(value, 2)),
                        node_round_medians_us = reference.Select(value => Math.Round(value, 2)),
                        allocated_bytes_per_call = bytesPerCall,
                        ours_output_checksum = oursSum,
                        node_output_checksum = referenceSum,
                        outputs_agree = outputsAgree,
                    });
                    if (!json)
                    {
                        Console.WriteLine($"  {subjects[index].Name,-48} rounds {string.Join(" ", ours[index].Select(Format))}  median {Format(oursMedian)}  min {Format(oursBest[index])}");
                        Console.WriteLine($"  ratio ours/Node {ratio:0.000} (target <= 1.10); managed bytes allocated per call {bytesPerCall:0.##}; "
                            + outputsAgree switch
                            {
                                true => $"outputs agree (checksum {oursSum:0.0000})",
                                false => $"OUTPUTS DIFFER: checksum {oursSum} here, {referenceSum} in Node",
                                null => "outputs not compared (seeded noise and normalization differ by design)",
                            });
                    }
                }
            }
            finally
            {
                foreach (var subject in subjects)
                {
                    subject.Dispose();
                }
            }
        }

        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(results, new JsonSerializerOptions { WriteIndented = true }));
        }

        return 0;
    }
    finally
    {
        Directory.Delete(folder, recursive: true);
    }
}

// Warm-up, then the per-call times of the timed calls in microseconds (timestamps go into a
// preallocated array, so the loop allocates nothing itself) and the managed bytes the timed calls
// allocated on this thread.
static (double[] Microseconds, long AllocatedBytes) Time(IInferenceSubject subject, int runs, int warmup)
{
    for (var index = 0; index < warmup; index++)
    {
        subject.RunOnce();
    }

    var ticks = new long[runs];
    var before = GC.GetAllocatedBytesForCurrentThread();
    for (var index = 0; index < runs; index++)
    {
        var start = Stopwatch.GetTimestamp();
        subject.RunOnce();
        ticks[index] = Stopwatch.GetTimestamp() - start;
    }

    var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
    return ([.. ticks.Select(tick => tick * 1e6 / Stopwatch.Frequency)], allocated);
}

// The same median as the Node scripts report: the element at floor(n / 2) of the sorted values.
static double Median(double[] values)
{
    var sorted = values.Order().ToArray();
    return sorted[sorted.Length / 2];
}

static string Format(double microseconds) => microseconds.ToString("0.0", CultureInfo.InvariantCulture);

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

static string RepositoryRoot()
{
    for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
    {
        if (File.Exists(Path.Combine(folder.FullName, "RobotSdk.sln")))
        {
            return folder.FullName;
        }
    }

    throw new DirectoryNotFoundException($"No RobotSdk.sln above {AppContext.BaseDirectory}; run the benchmark from its build folder inside the repository.");
}

static int Fail(string message)
{
    Console.Error.WriteLine($"policy-overhead-bench: {message}");
    return 2;
}
