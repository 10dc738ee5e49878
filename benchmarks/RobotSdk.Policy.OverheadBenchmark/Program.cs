using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using RobotSdk.Policy.Onnx;
using RobotSdk.Policy.Onnx.Authoring;
using RobotSdk.Policy.OverheadBenchmark;

// Runner overhead per inference against bare ONNX Runtime in Node (docs/benchmarks.md, "ONNX
// Runtime: RobotSdk binding vs Node"). Commands:
//   models --out DIR [--seed N]      write the benchmark models (tiny pi0 with manifest, 4x512 MLP)
//   compare [options]                (default) time both sides, alternating, and print medians and ratios
// compare options: --rounds 5 --runs 2000 --warmup 200 --threads 1 --only NAME --node node --json
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

        foreach (var model in WriteModels(outFolder, Integer("seed", TinyPi0Model.DefaultSeed)))
        {
            Console.WriteLine($"{model.Name}: {model.Path}");
        }

        return 0;
    case "compare":
        return Compare();
    default:
        return Fail($"unknown command '{command}' (models, compare).");
}

int Compare()
{
    var rounds = Integer("rounds", 5);
    var runs = Integer("runs", 2000);
    var warmup = Integer("warmup", 200);
    var threads = Integer("threads", 1);
    var json = options.ContainsKey("json");
    var folder = Directory.CreateTempSubdirectory("robotsdk-overhead-").FullName;
    try
    {
        var models = WriteModels(folder, TinyPi0Model.DefaultSeed)
            .Where(model => !options.TryGetValue("only", out var only) || model.Name == only)
            .ToArray();
        var node = new NodeReference(options.GetValueOrDefault("node", "node"), Path.Combine(RepositoryRoot(), "benchmarks", "node", "bare-ort.mjs"));

        // The .NET ways of running a model; the policy backend becomes one more line here.
        var subjects = new List<Func<BenchmarkModel, IInferenceSubject>>
        {
            model => new BindingSubject(model, threads),
        };

        var results = new List<object>();
        if (!json)
        {
            Console.WriteLine($"{RuntimeInformation.OSDescription}, {Environment.ProcessorCount} cores, {RuntimeInformation.FrameworkDescription}; "
                + $"{rounds} rounds alternating .NET and Node, {runs} timed runs after {warmup} warm-up per side and round, {threads} intra-op thread(s)");
        }

        foreach (var model in models)
        {
            var instances = subjects.Select(create => create(model)).ToArray();
            try
            {
                var ours = instances.Select(_ => new List<double>()).ToArray();
                var allocated = new long[instances.Length];
                var reference = new List<double>();
                for (var round = 0; round < rounds; round++)
                {
                    for (var index = 0; index < instances.Length; index++)
                    {
                        var (median, bytes) = Time(instances[index], runs, warmup);
                        ours[index].Add(median);
                        allocated[index] = Math.Max(allocated[index], bytes);
                    }

                    reference.Add(Median(node.Run(model, runs, warmup, threads)));
                }

                var nodeMedian = Median([.. reference]);
                if (!json)
                {
                    Console.WriteLine();
                    Console.WriteLine($"model {model.Name} ({Path.GetFileName(model.Path)}), reference {node.Runtime}");
                    Console.WriteLine($"  per-round p50, us: Node {string.Join(" ", reference.Select(Format))}");
                }

                for (var index = 0; index < instances.Length; index++)
                {
                    var oursMedian = Median([.. ours[index]]);
                    var ratio = oursMedian / nodeMedian;
                    results.Add(new
                    {
                        model = model.Name,
                        subject = instances[index].Name,
                        reference = node.Runtime,
                        rounds,
                        runs,
                        threads,
                        ours_p50_us = Math.Round(oursMedian, 2),
                        node_p50_us = Math.Round(nodeMedian, 2),
                        ratio = Math.Round(ratio, 3),
                        ours_round_p50_us = ours[index].Select(value => Math.Round(value, 2)),
                        node_round_p50_us = reference.Select(value => Math.Round(value, 2)),
                        allocated_bytes_per_run = allocated[index] / (double)runs,
                    });
                    if (!json)
                    {
                        Console.WriteLine($"  per-round p50, us: {instances[index].Name} {string.Join(" ", ours[index].Select(Format))}");
                        Console.WriteLine($"  median of rounds: {instances[index].Name} {Format(oursMedian)} us, Node {Format(nodeMedian)} us, "
                            + $"ratio ours/Node {ratio:0.000} (target <= 1.10); managed bytes allocated per run {allocated[index] / (double)runs:0.##}");
                    }
                }
            }
            finally
            {
                foreach (var instance in instances)
                {
                    instance.Dispose();
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

// Warm-up, then the per-call times of the timed runs (timestamps into a preallocated array, so
// the loop itself allocates nothing); returns their median in microseconds and the managed bytes
// the timed runs allocated on this thread.
static (double MedianMicroseconds, long AllocatedBytes) Time(IInferenceSubject subject, int runs, int warmup)
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
    return (Median([.. ticks.Select(tick => tick * 1e6 / Stopwatch.Frequency)]), allocated);
}

// The same median as bare-ort.mjs reports: the element at floor(n / 2) of the sorted values.
static double Median(double[] values)
{
    Array.Sort(values);
    return values[values.Length / 2];
}

static string Format(double microseconds) => microseconds.ToString("0.0", CultureInfo.InvariantCulture);

static BenchmarkModel[] WriteModels(string folder, int seed)
{
    Directory.CreateDirectory(folder);
    TinyPi0Model.WriteTo(folder, seed);
    var sizes = new TinyPi0Options();
    var mlpPath = Path.Combine(folder, "mlp-4x512.onnx");
    File.WriteAllBytes(mlpPath, MultiLayerPerceptronModel.Build(width: 512, layers: 4, seed));
    return
    [
        new BenchmarkModel("tiny-pi0-step", Path.Combine(folder, TinyPi0Model.StepGraphFileName),
        [
            new(TinyPi0Model.NoisyActionsName, TensorElementType.Float, [1, sizes.ChunkLength, sizes.ActionDimensions]),
            new(TinyPi0Model.TimeName, TensorElementType.Float, [1]),
            new(TinyPi0Model.ContextName, TensorElementType.Float, [1, sizes.ContextLength, sizes.Width]),
            new(TinyPi0Model.ContextMaskName, TensorElementType.Float, [1, sizes.ContextLength], Ones: true),
        ]),
        new BenchmarkModel("tiny-pi0-observation", Path.Combine(folder, TinyPi0Model.ObservationGraphFileName),
        [
            new(TinyPi0Model.ImageName, TensorElementType.Float, [1, sizes.ImageSize, sizes.ImageSize, 3]),
            new(TinyPi0Model.TokensName, TensorElementType.Int64, [1, sizes.PromptTokens]),
            new(TinyPi0Model.TokenMaskName, TensorElementType.Bool, [1, sizes.PromptTokens]),
            new(TinyPi0Model.StateName, TensorElementType.Float, [1, sizes.StateDimensions]),
        ]),
        new BenchmarkModel("mlp-4x512", mlpPath, [new(MultiLayerPerceptronModel.InputName, TensorElementType.Float, [1, 512])]),
    ];
}

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
