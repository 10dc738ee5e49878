namespace RobotSdk.Policy.Onnx;

/// <summary>
/// A run stopped early because <see cref="IInferenceSession.Terminate"/> was called while it was in
/// progress (an emergency stop). The outputs hold partial or stale values; the session and its
/// bindings remain usable.
/// </summary>
public sealed class OnnxRunTerminatedException : OnnxRuntimeException
{
    /// <summary>Wraps the runtime's report of a run stopped by its terminate flag.</summary>
    /// <param name="innerException">The runtime failure the terminate flag caused.</param>
    public OnnxRunTerminatedException(OnnxRuntimeException innerException)
        : base("The ONNX Runtime run was terminated (emergency stop) before it finished; its outputs are not valid.", innerException)
    {
    }
}
