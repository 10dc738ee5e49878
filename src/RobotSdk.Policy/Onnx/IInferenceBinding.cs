namespace RobotSdk.Policy.Onnx;

/// <summary>
/// Caller-owned buffers bound to a model's inputs and outputs. Bind once, then write inputs into
/// the same buffers and call <see cref="Run"/> as often as needed: runs copy nothing in and nothing
/// out, and allocate nothing on the managed heap. One thread runs a binding at a time; different
/// bindings of one session may run concurrently.
/// </summary>
public interface IInferenceBinding : IDisposable
{
    /// <summary>
    /// Binds <paramref name="buffer"/> (pinned until rebound or disposed) as input <paramref name="name"/>
    /// with <paramref name="shape"/>. Rebinding a name replaces the previous buffer.
    /// </summary>
    /// <typeparam name="T">The element type: float, byte, long, int, ... matching the model's input.</typeparam>
    /// <exception cref="ArgumentException">No such input, or the element type, shape or buffer length does not match.</exception>
    void BindInput<T>(string name, Memory<T> buffer, ReadOnlySpan<long> shape)
        where T : unmanaged;

    /// <summary>
    /// Binds <paramref name="buffer"/> (pinned until rebound or disposed) as output <paramref name="name"/>
    /// with <paramref name="shape"/>: each run writes its result there.
    /// </summary>
    /// <typeparam name="T">The element type matching the model's output.</typeparam>
    /// <exception cref="ArgumentException">No such output, or the element type, shape or buffer length does not match.</exception>
    void BindOutput<T>(string name, Memory<T> buffer, ReadOnlySpan<long> shape)
        where T : unmanaged;

    /// <summary>Runs the model once over the bound buffers.</summary>
    /// <exception cref="InvalidOperationException">An input is not bound, or no output is.</exception>
    /// <exception cref="OnnxRunTerminatedException">The session's <see cref="IInferenceSession.Terminate"/> stopped this run.</exception>
    /// <exception cref="OnnxRuntimeException">The runtime failed.</exception>
    void Run();
}
