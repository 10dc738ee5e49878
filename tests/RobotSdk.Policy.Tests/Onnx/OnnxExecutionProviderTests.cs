using Microsoft.Extensions.Logging;
using RobotSdk.Policy.Onnx;

namespace RobotSdk.Policy.Tests.Onnx;

/// <summary>
/// Provider selection against the npm package's build: a provider it lacks, or one that cannot start
/// (CUDA without its provider libraries), falls back to CPU with a reason (logged and returned), or
/// throws when the caller requires it.
/// </summary>
public sealed class OnnxExecutionProviderTests
{
    private static byte[] Model() => TestModels.Affine(TestModels.Weights(12, 1), TestModels.Weights(3, 2));

    [Fact]
    public void AvailableExecutionProviders_ListCpu_ByShortName()
    {
        Assert.Contains("CPU", OnnxRuntimeLibrary.AvailableExecutionProviders);
        Assert.DoesNotContain(OnnxRuntimeLibrary.AvailableExecutionProviders, name => name.EndsWith("ExecutionProvider", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_WithAProviderNotInTheLibrary_FallsBackToCpu_AndSaysWhyInTheSessionAndTheLog()
    {
        var options = TestModels.SingleThreaded();
        options.ExecutionProvider = "XNNPACK";
        var logger = new RecordingLogger();

        using var session = OnnxSession.Load(Model(), options, logger);

        Assert.Equal("CPU", session.ExecutionProvider);
        Assert.NotNull(session.ExecutionProviderFallbackReason);
        Assert.Contains("'XNNPACK' is not in ONNX Runtime 1.30.0", session.ExecutionProviderFallbackReason, StringComparison.Ordinal);
        Assert.Contains(logger.Entries, entry => entry.Level == LogLevel.Warning && entry.Message.Contains("falls back to CPU", StringComparison.Ordinal));
        AssertRuns(session);
    }

    [Theory]
    [InlineData("cuda")]
    [InlineData("TensorRT")]
    public void Load_WithAGpuProviderListedButItsLibrariesMissing_FallsBackToCpu_WithTheRuntimesReason(string provider)
    {
        // The npm build registers CUDA and TensorRT, but their provider libraries come only with the
        // official GPU package, which eng/fetch-onnxruntime.sh does not install: they cannot start here.
        Assert.Contains(OnnxRuntimeLibrary.AvailableExecutionProviders, name => string.Equals(name, provider, StringComparison.OrdinalIgnoreCase));
        var options = TestModels.SingleThreaded();
        options.ExecutionProvider = provider;

        using var session = OnnxSession.Load(Model(), options);

        Assert.Equal("CPU", session.ExecutionProvider);
        Assert.Contains($"'{provider}' failed to start", session.ExecutionProviderFallbackReason, StringComparison.Ordinal);
        Assert.Contains("libonnxruntime_providers_shared.so", session.ExecutionProviderFallbackReason, StringComparison.Ordinal);
        AssertRuns(session);
    }

    [Fact]
    public void Load_WithWebGpu_GoesThroughTheGenericProviderCall_AndRunsOnWebGpuOrSaysWhyNot()
    {
        var options = TestModels.SingleThreaded();
        options.ExecutionProvider = "webgpu";

        using var session = OnnxSession.Load(Model(), options);

        // Machines without a Vulkan adapter (these) get the WebGPU provider's own refusal.
        if (session.ExecutionProvider == "CPU")
        {
            Assert.Contains("WebGPU adapter", session.ExecutionProviderFallbackReason, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal("WebGpu", session.ExecutionProvider);
            Assert.Null(session.ExecutionProviderFallbackReason);
        }

        AssertRuns(session);
    }

    [Fact]
    public void Load_WithAProviderNotInTheLibrary_AndRequireExecutionProvider_Throws()
    {
        var options = TestModels.SingleThreaded();
        options.ExecutionProvider = "OpenVINO";
        options.RequireExecutionProvider = true;

        var exception = Assert.Throws<OnnxRuntimeException>(() => OnnxSession.Load(Model(), options));

        Assert.Equal(OnnxRuntimeErrorCode.ExecutionProviderFailure, exception.ErrorCode);
        Assert.Contains("'OpenVINO' is not in ONNX Runtime", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WithCudaRequired_ThrowsTheRuntimesError_InsteadOfFallingBack()
    {
        var options = TestModels.SingleThreaded();
        options.ExecutionProvider = "CUDA";
        options.RequireExecutionProvider = true;

        var exception = Assert.Throws<OnnxRuntimeException>(() => OnnxSession.Load(Model(), options));

        Assert.Contains("CUDA", exception.Operation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cpu")]
    [InlineData("CPUExecutionProvider")]
    public void Load_WithCpuByAnyOfItsNames_RunsOnCpuWithoutFallback(string name)
    {
        var options = TestModels.SingleThreaded();
        options.ExecutionProvider = name;

        using var session = OnnxSession.Load(Model(), options);

        Assert.Equal("CPU", session.ExecutionProvider);
        Assert.Null(session.ExecutionProviderFallbackReason);
    }

    [Fact]
    public void Load_WithOptimizationDisabledAndConfigurationEntry_RunsTheSameModel()
    {
        var options = TestModels.SingleThreaded();
        options.OptimizationLevel = OnnxOptimizationLevel.Disabled;
        options.ConfigurationEntries["session.intra_op.allow_spinning"] = "0";

        using var session = OnnxSession.Load(Model(), options);

        Assert.Equal("x", session.Inputs[0].Name);
    }

    private static void AssertRuns(OnnxSession session)
    {
        using var binding = session.CreateBinding();
        var y = new float[3];
        Array.Fill(y, float.NaN);
        binding.BindInput<float>("x", new float[4], [1, 4]);
        binding.BindOutput<float>("y", y, [1, 3]);
        binding.Run();
        Assert.DoesNotContain(y, float.IsNaN);
    }

    private sealed class RecordingLogger : ILogger
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception)));
    }
}
