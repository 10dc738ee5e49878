using System.Globalization;
using System.Text.Json;
using RobotSdk.Policy.Manifest;
using RobotSdk.Policy.Preprocessing;
using RobotSdk.Testing;

namespace RobotSdk.Policy.Tests.Preprocessing;

/// <summary>
/// The normalizer against numpy computing openpi's formulas on float32 vectors with float64
/// statistics (as openpi's Normalize / Unnormalize transforms see them), compared bit for bit.
/// </summary>
public sealed class NormalizerTests
{
    // Written from REFERENCE section 6 and openpi's documented transform behaviour: stats cut to x for
    // normalizing; for restoring, z-score pads mean 0 / std 1 and quantile passes extra dimensions through.
    private const string PeerScript = """
        import json, sys
        import numpy as np
        request = json.loads(sys.argv[1])
        stats = {k: np.asarray(v, dtype=np.float64) for k, v in request["stats"].items()}
        x = np.asarray(request["x"], dtype=np.float32)
        n = x.shape[-1]
        if request["direction"] == "forward":
            if request["method"] == "z-score":
                y = (x - stats["mean"][:n]) / (stats["std"][:n] + 1e-6)
            else:
                y = (x - stats["q01"][:n]) / (stats["q99"][:n] - stats["q01"][:n] + 1e-6) * 2.0 - 1.0
        else:
            if request["method"] == "z-score":
                mean = np.pad(stats["mean"], (0, max(0, n - stats["mean"].size)), constant_values=0.0)
                std = np.pad(stats["std"], (0, max(0, n - stats["std"].size)), constant_values=1.0)
                y = x * (std + 1e-6) + mean
            else:
                d = stats["q01"].size
                head = (x[..., :d] + 1.0) / 2.0 * (stats["q99"] - stats["q01"] + 1e-6) + stats["q01"]
                y = np.concatenate([head, x[..., d:]], axis=-1)
        print(json.dumps([int(v) for v in np.asarray(y, dtype=np.float32).reshape(-1).view(np.uint32)]))
        """;

    private static readonly double[] Mean = [0.12, -0.4, 1.3, 0.0, 2.5, -1.75, 0.3];
    private static readonly double[] Deviation = [0.05, 0.2, 0.9, 0.001, 1.1, 0.0, 0.33];
    private static readonly double[] Low = [-0.9, -1.2, 0.2, -0.01, 0.1, -3.0, 0.0];
    private static readonly double[] High = [1.1, 0.4, 2.6, 0.01, 4.9, -0.5, 1.0];

    public static TheoryData<NormalizationMethod> Methods => new() { NormalizationMethod.ZScore, NormalizationMethod.Quantile };

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task Normalize_MatchesNumpyBitForBit(NormalizationMethod method)
    {
        var normalizer = new Normalizer(Statistics(method));
        float[] state = [0.11f, -0.35f, 2.0f, 0.004f, 3.3f, -1.75f, 0.9f];
        var normalized = new float[state.Length];

        normalizer.Normalize(state, normalized);

        Assert.Equal(await NumpyAsync(method, "forward", state), normalized);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task Normalize_OfAShorterVector_UsesTheFirstDimensions(NormalizationMethod method)
    {
        var normalizer = new Normalizer(Statistics(method));
        float[] state = [0.5f, 0.25f, -1f];
        var normalized = new float[state.Length];

        normalizer.Normalize(state, normalized);

        Assert.Equal(await NumpyAsync(method, "forward", state), normalized);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task Denormalize_OfPaddedActions_MatchesNumpyIncludingTheDimensionsBeyondTheStatistics(NormalizationMethod method)
    {
        var normalizer = new Normalizer(Statistics(method));
        float[] action = [-1f, -0.5f, 0f, 0.25f, 0.999f, 1f, 1.5f, 0.7f, -0.3f, 2f];
        var restored = new float[action.Length];

        normalizer.Denormalize(action, restored);

        Assert.Equal(await NumpyAsync(method, "inverse", action), restored);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void DenormalizeChunk_RestoresEveryRowLikeDenormalize(NormalizationMethod method)
    {
        var normalizer = new Normalizer(Statistics(method));
        float[] chunk = [.. Enumerable.Range(0, 3 * 9).Select(i => (i % 7 * 0.3f) - 0.9f)];
        var restored = new float[chunk.Length];
        var row = new float[9];

        normalizer.DenormalizeChunk(chunk, 9, restored);

        for (int start = 0; start < chunk.Length; start += 9)
        {
            normalizer.Denormalize(chunk.AsSpan(start, 9), row);
            Assert.Equal(row, restored[start..(start + 9)]);
        }
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Denormalize_UndoesNormalize_ToFloatPrecision(NormalizationMethod method)
    {
        var normalizer = new Normalizer(Statistics(method));
        float[] values = [0.11f, -0.35f, 2.0f, 0.004f, 3.3f, -1.75f, 0.9f];
        var normalized = new float[values.Length];
        var restored = new float[values.Length];

        normalizer.Normalize(values, normalized);
        normalizer.Denormalize(normalized, restored);

        for (int i = 0; i < values.Length; i++)
        {
            // One float rounding of the normalized value, magnified by the spread, bounds the error.
            double spread = method == NormalizationMethod.ZScore ? Deviation[i] + 1e-6 : (High[i] - Low[i] + 1e-6) / 2;
            double tolerance = (Math.Abs(normalized[i]) * spread * 1.2e-7) + (Math.Abs(values[i]) * 1.2e-7) + 1e-12;
            Assert.True(Math.Abs(restored[i] - values[i]) <= tolerance, $"dimension {i}: {values[i]} came back as {restored[i]}");
        }
    }

    [Fact]
    public void Normalize_RejectsAVectorLongerThanTheStatistics()
    {
        var normalizer = new Normalizer(Statistics(NormalizationMethod.ZScore));

        var error = Assert.Throws<ArgumentException>(() => normalizer.Normalize(new float[8], new float[8]));

        Assert.Contains("8 values", error.Message);
        Assert.Contains("7 dimensions", error.Message);
    }

    [Fact]
    public void Constructor_RejectsQuantileNormalizationWithoutQuantiles()
    {
        var statistics = new NormalizationStatistics(NormalizationMethod.Quantile, Mean, Deviation, null, null);

        var error = Assert.Throws<ArgumentException>(() => new Normalizer(statistics));

        Assert.Contains("q01 and q99", error.Message);
    }

    [Fact]
    public void PadWithZeros_CopiesTheStateAndZeroesTheRest()
    {
        float[] destination = [.. Enumerable.Repeat(9f, 32)];

        StatePadding.PadWithZeros([1f, 2f, 3f], destination);

        Assert.Equal([1f, 2f, 3f], destination[..3]);
        Assert.All(destination[3..], value => Assert.Equal(0f, value));
    }

    private static NormalizationStatistics Statistics(NormalizationMethod method) => new(method, Mean, Deviation, Low, High);

    private static async Task<float[]> NumpyAsync(NormalizationMethod method, string direction, float[] x)
    {
        string request = JsonSerializer.Serialize(new
        {
            method = method == NormalizationMethod.ZScore ? "z-score" : "quantile",
            direction,
            stats = new { mean = Mean, std = Deviation, q01 = Low, q99 = High },
            x = x.Select(value => (double)value).ToArray(),
        });
        string answer = await DebianPython.RunAsync(PeerScript, request);
        uint[] bits = JsonSerializer.Deserialize<uint[]>(answer)!;
        return [.. bits.Select(BitConverter.UInt32BitsToSingle)];
    }
}
