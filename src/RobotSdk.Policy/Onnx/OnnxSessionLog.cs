using Microsoft.Extensions.Logging;

namespace RobotSdk.Policy.Onnx;

/// <summary>Source-generated log messages of ONNX sessions (load time only; runs never log).</summary>
internal static partial class OnnxSessionLog
{
    [LoggerMessage(EventId = 701, Level = LogLevel.Warning, Message = "ONNX session falls back to CPU: {Reason}")]
    public static partial void ExecutionProviderFallback(ILogger logger, string reason);

    [LoggerMessage(EventId = 702, Level = LogLevel.Information, Message = "ONNX model {Model} loaded on {ExecutionProvider} (ONNX Runtime {Version}): inputs {Inputs}; outputs {Outputs}")]
    public static partial void Loaded(ILogger logger, string model, string executionProvider, string version, string inputs, string outputs);
}
