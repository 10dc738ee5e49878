using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using RobotSdk;
using RobotSdk.Geometry;
using RobotSdk.Kinematics;
using RobotSdk.Policy.Manifest;
using RobotSdk.Policy.Onnx;
using RobotSdk.Policy.Preprocessing;
using RobotSdk.PolicyTraining;
using RobotSdk.Virtual.Tasks;

// robotsdk-policy-training: record demonstrations, train the touch-cube policy, evaluate it.
// Every command is deterministic for its arguments (seeds included); see models/touch-cube/TRAINING.md.
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine("""
        usage:
          robotsdk-policy-training record --arms so101,wx250s --episodes N --seed S --out DIR
          robotsdk-policy-training train --data DIR --out MODEL_DIR [--epochs 40] [--hidden 128] [--batch 64] [--rate 0.001] [--seed 1]
          robotsdk-policy-training evaluate --manifest MODEL_DIR/touch-cube.policy.json --arms so101,wx250s --episodes 20 --seed S [--json]
          robotsdk-policy-training ready-pose --arm so101
        """);
    return args.Length == 0 ? 2 : 0;
}

var options = ParseOptions(args.AsSpan(1));
try
{
    return args[0] switch
    {
        "record" => Record(options),
        "train" => Train(options),
        "evaluate" => Evaluate(options),
        "ready-pose" => ReadyPose(options),
        "check-starts" => CheckStarts(options),
        _ => throw new ArgumentException($"Unknown command '{args[0]}'; try --help."),
    };
}
catch (Exception exception) when (exception is ArgumentException or IOException or InvalidDataException or PolicyManifestException)
{
    Console.Error.WriteLine($"error: {exception.Message}");
    return 1;
}

static int Record(Dictionary<string, string> options)
{
    string[] arms = Required(options, "arms").Split(',');
    int episodes = Number(options, "episodes", 100);
    int seed = Number(options, "seed", 1);
    string output = Required(options, "out");
    var dataset = new DemonstrationDataset();
    var clock = System.Diagnostics.Stopwatch.StartNew();
    var perArm = new JsonObject();
    foreach (string arm in arms)
    {
        (DemonstrationDataset recorded, int succeeded) = DemonstrationRecorder.Record(arm, seed, episodes, Console.WriteLine);
        dataset.AddRange(recorded);
        perArm[arm] = new JsonObject { ["episodes"] = episodes, ["expert_succeeded"] = succeeded, ["samples"] = recorded.Count };
        Console.WriteLine($"{arm}: expert touched the cube in {succeeded}/{episodes} episodes, {recorded.Count} samples");
    }

    dataset.Provenance = new JsonObject
    {
        ["command"] = $"record --arms {string.Join(',', arms)} --episodes {episodes} --seed {seed}",
        ["first_seed"] = seed,
        ["episodes_per_arm"] = episodes,
        ["arms"] = perArm,
        ["seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 1),
    };
    dataset.Save(output);
    Console.WriteLine($"{dataset.Count} samples written to {output} in {clock.Elapsed.TotalSeconds:0.0} s");
    return 0;
}

static int Train(Dictionary<string, string> options)
{
    string[] sources = Required(options, "data").Split(',');
    string output = Required(options, "out");
    var dataset = new DemonstrationDataset();
    foreach (string source in sources)
    {
        dataset.AddRange(DemonstrationDataset.Load(source));
    }

    var training = new TrainingOptions
    {
        Epochs = Number(options, "epochs", 40),
        HiddenLength = Number(options, "hidden", 128),
        BatchSize = Number(options, "batch", 64),
        LearningRate = double.Parse(options.GetValueOrDefault("rate", "0.001"), CultureInfo.InvariantCulture),
        Seed = Number(options, "seed", 1),
        ValidationEvery = Number(options, "validation-every", 10),
    };
    Console.WriteLine($"training on {dataset.Count} samples ({string.Join(", ", dataset.ArmNames)}), {training}");
    NormalizationStatistics stateStatistics = TouchCubeManifest.StateStatistics(dataset);
    NormalizationStatistics actionStatistics = TouchCubeManifest.ActionStatistics(dataset);
    TrainingResult result = new MlpTrainer(training).Train(dataset, new Normalizer(stateStatistics), new Normalizer(actionStatistics), Console.WriteLine);

    Directory.CreateDirectory(output);
    string modelPath = Path.Combine(output, TouchCubeManifest.ModelFileName);
    File.WriteAllBytes(modelPath, MlpOnnxExporter.Export(result.Network, "RobotSdk touch-cube policy: MLP on the overhead image and the tool position, trained by tools/RobotSdk.PolicyTraining (models/touch-cube/TRAINING.md)."));
    string manifestPath = Path.Combine(output, TouchCubeManifest.FileName);
    PolicyManifestFile.Save(TouchCubeManifest.Create(modelPath, stateStatistics, actionStatistics), manifestPath);
    double exportError = CompareExport(modelPath, result.Network, dataset, new Normalizer(stateStatistics));
    var record = new JsonObject
    {
        ["command"] = $"train --data {string.Join(',', sources.Select(Path.GetFileName))} --epochs {training.Epochs} --hidden {training.HiddenLength} --batch {training.BatchSize} --rate {training.LearningRate} --seed {training.Seed}",
        ["dataset"] = dataset.Provenance.DeepClone(),
        ["samples"] = dataset.Count,
        ["training_samples"] = result.TrainingSamples,
        ["held_out_samples"] = result.ValidationSamples,
        ["parameters"] = result.Network.Parameters.Sum(array => array.Length),
        ["seconds"] = Math.Round(result.Seconds, 1),
        ["processor_count"] = Environment.ProcessorCount,
        ["final_training_loss"] = Math.Round(result.TrainingLoss[^1], 6),
        ["final_held_out_loss"] = result.ValidationLoss.Count > 0 ? Math.Round(result.ValidationLoss[^1], 6) : null,
        ["training_loss"] = new JsonArray([.. result.TrainingLoss.Select(loss => JsonValue.Create(Math.Round(loss, 6)))]),
        ["held_out_loss"] = new JsonArray([.. result.ValidationLoss.Select(loss => JsonValue.Create(Math.Round(loss, 6)))]),
        ["onnx_max_abs_difference"] = exportError,
    };
    File.WriteAllText(Path.Combine(output, "training.json"), record.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    Console.WriteLine($"wrote {modelPath} and {manifestPath}; {result.Seconds:0.0} s; ONNX vs C# forward: max |difference| {exportError:g3}");
    return 0;
}

static double CompareExport(string modelPath, MlpPolicyNetwork network, DemonstrationDataset dataset, Normalizer state)
{
    using OnnxSession session = OnnxSession.Load(modelPath);
    using OnnxBinding binding = session.CreateBinding();
    var image = new float[TouchCubePolicyShape.ImageLength];
    var normalizedState = new float[TouchCubePolicyShape.StateLength];
    var output = new float[TouchCubePolicyShape.ChunkNumbers];
    var expected = new float[TouchCubePolicyShape.ChunkNumbers];
    var input = new float[network.InputLength];
    binding.BindInput<float>(TouchCubePolicyShape.ImageInputName, image, [1, 3, TouchCubePolicyShape.ImageSize, TouchCubePolicyShape.ImageSize]);
    binding.BindInput<float>(TouchCubePolicyShape.StateInputName, normalizedState, [1, TouchCubePolicyShape.StateLength]);
    binding.BindOutput<float>(TouchCubePolicyShape.ActionOutputName, output, [1, TouchCubePolicyShape.ChunkLength, TouchCubePolicyShape.ActionDimensions]);
    double worst = 0;
    for (int sample = 0; sample < dataset.Count; sample += Math.Max(1, dataset.Count / 50))
    {
        state.Normalize(dataset.State(sample), normalizedState);
        MlpTrainer.FillInput(dataset.Image(sample), normalizedState, input);
        input.AsSpan(0, image.Length).CopyTo(image);
        network.Predict(input, expected);
        binding.Run();
        for (int k = 0; k < output.Length; k++)
        {
            worst = Math.Max(worst, Math.Abs(output[k] - expected[k]));
        }
    }

    return worst;
}

static int Evaluate(Dictionary<string, string> options)
{
    string manifest = Required(options, "manifest");
    string[] arms = options.GetValueOrDefault("arms", "so101,wx250s").Split(',');
    int episodes = Number(options, "episodes", 20);
    int seed = Number(options, "seed", 100_000);
    bool json = options.ContainsKey("json");
    var report = new JsonObject();
    foreach (string arm in arms)
    {
        EvaluationResult result = PolicyEvaluator.Evaluate(manifest, arm, seed, episodes, json ? null : Console.WriteLine);
        report[arm] = new JsonObject
        {
            ["success_rate"] = result.SuccessRate,
            ["episodes"] = episodes,
            ["first_seed"] = seed,
            ["failed_seeds"] = new JsonArray([.. result.Episodes.Where(episode => !episode.Succeeded).Select(episode => JsonValue.Create(episode.Seed))]),
            ["mean_seconds_to_touch"] = result.Episodes.Any(episode => episode.Succeeded) ? Math.Round(result.Episodes.Where(episode => episode.Succeeded).Average(episode => episode.Seconds), 2) : null,
            ["inference_ms_p50"] = Math.Round(result.InferenceMillisecondsMedian, 3),
        };
        if (!json)
        {
            Console.WriteLine($"{arm}: success rate {result.SuccessRate:P0} over {episodes} episodes from seed {seed}");
        }
    }

    Console.WriteLine(report.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    return 0;
}

static int ReadyPose(Dictionary<string, string> options)
{
    // The posture TouchCubeTask.ReadyPose holds: among position-only solves for a tool point over the
    // region (0.15, 0, 0.13) from a grid of seeds, the one whose approach axis points most nearly
    // straight down (the SO-101's tool z, the WidowX's tool x), the wrist on top.
    string arm = Required(options, "arm");
    RobotDescription description = ArmKinematics.Describe(arm);
    var chain = new SerialChain(description);
    Vector3D approach = arm == "so101" ? new Vector3D(0, 0, 1) : new Vector3D(1, 0, 0);
    var seed = new double[chain.JointCount];
    var solution = new double[chain.JointCount];
    var best = new double[chain.JointCount];
    double bestDownness = double.NegativeInfinity;
    var target = new Pose(new Vector3D(0.15, 0, 0.13), Rotation.Identity);
    for (double shoulder = -1.5; shoulder <= 1.5; shoulder += 0.1)
    {
        for (double wrist = -1.6; wrist <= 1.6; wrist += 0.1)
        {
            Array.Clear(seed);
            seed[1] = shoulder;
            seed[chain.JointCount == 5 ? 3 : 4] = wrist;
            if (!chain.SolveInverseKinematics(target, seed, solution, ArmKinematics.PositionOnly with { Restarts = 0 }).Converged)
            {
                continue;
            }

            double downness = -chain.ForwardKinematics(solution).Orientation.Rotate(approach).Z;
            if (downness > bestDownness + 1e-6)
            {
                bestDownness = downness;
                solution.CopyTo(best, 0);
            }
        }
    }

    var frame = new double[description.Joints.Count];
    for (int i = 0; i < chain.JointCount; i++)
    {
        frame[chain.FrameIndices[i]] = Math.Round(best[i], 2);
    }

    Console.WriteLine($"{arm}: approach axis . down = {bestDownness:0.000}; driver frame [{string.Join(", ", frame.Select(value => value.ToString("0.##", CultureInfo.InvariantCulture)))}]");
    return bestDownness > 0.9 ? 0 : 1;
}

static int CheckStarts(Dictionary<string, string> options)
{
    // Every episode's start point must be reachable: resets episodes without running them.
    string arm = Required(options, "arm");
    int episodes = Number(options, "episodes", 500);
    int seed = Number(options, "seed", 1);
    using var simulation = new TouchCubeSimulation(arm);
    int failures = 0;
    for (int episode = seed; episode < seed + episodes; episode++)
    {
        try
        {
            simulation.Reset(episode);
        }
        catch (InvalidOperationException exception)
        {
            failures++;
            Console.WriteLine(exception.Message);
        }
    }

    Console.WriteLine($"{arm}: {failures} of {episodes} start points unreachable");
    return failures == 0 ? 0 : 1;
}

static Dictionary<string, string> ParseOptions(ReadOnlySpan<string> arguments)
{
    var options = new Dictionary<string, string>(StringComparer.Ordinal);
    for (int i = 0; i < arguments.Length; i++)
    {
        if (!arguments[i].StartsWith("--", StringComparison.Ordinal))
        {
            throw new ArgumentException($"Expected an option, got '{arguments[i]}'.");
        }

        string name = arguments[i][2..];
        bool hasValue = i + 1 < arguments.Length && !arguments[i + 1].StartsWith("--", StringComparison.Ordinal);
        options[name] = hasValue ? arguments[++i] : "true";
    }

    return options;
}

static string Required(Dictionary<string, string> options, string name) =>
    options.TryGetValue(name, out string? value) ? value : throw new ArgumentException($"--{name} is required.");

static int Number(Dictionary<string, string> options, string name, int fallback) =>
    options.TryGetValue(name, out string? value)
        ? int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int number) ? number : throw new ArgumentException($"--{name} must be an integer, not '{value}'.")
        : fallback;
