namespace RobotSdk.Policy.Onnx;

/// <summary>
/// A call into the ONNX Runtime native library failed. Carries the runtime's error code and its
/// own message, plus what this binding was doing when it failed.
/// </summary>
public class OnnxRuntimeException : Exception
{
    /// <summary>Creates an exception from a failed native call.</summary>
    /// <param name="errorCode">The runtime's error code.</param>
    /// <param name="nativeMessage">The runtime's message, verbatim.</param>
    /// <param name="operation">What the binding was doing, as a gerund phrase ("loading model.onnx").</param>
    public OnnxRuntimeException(OnnxRuntimeErrorCode errorCode, string nativeMessage, string operation)
        : base($"ONNX Runtime failed {operation}: {nativeMessage} ({errorCode})")
    {
        ErrorCode = errorCode;
        NativeMessage = nativeMessage;
        Operation = operation;
    }

    /// <summary>Wraps another runtime failure under a more specific type.</summary>
    /// <param name="message">The message of this exception.</param>
    /// <param name="innerException">The runtime failure, whose code and messages are copied.</param>
    protected OnnxRuntimeException(string message, OnnxRuntimeException innerException)
        : base(message, innerException)
    {
        ArgumentNullException.ThrowIfNull(innerException);
        ErrorCode = innerException.ErrorCode;
        NativeMessage = innerException.NativeMessage;
        Operation = innerException.Operation;
    }

    /// <summary>The runtime's error code.</summary>
    public OnnxRuntimeErrorCode ErrorCode { get; }

    /// <summary>The runtime's own message, verbatim.</summary>
    public string NativeMessage { get; }

    /// <summary>What the binding was doing ("running the model", "loading model.onnx").</summary>
    public string Operation { get; }
}
