using RobotSdk.Policy.Onnx;

namespace RobotSdk.Policy.Tests.Backends;

/// <summary>
/// A real ONNX Runtime session behind <see cref="IInferenceSession"/> that counts runs and terminates
/// and calls back after each run, as a replacement session (the managed package's, say) would be plugged in.
/// </summary>
internal sealed class ObservedSession(IInferenceSession inner, Action<int>? afterRun = null) : IInferenceSession
{
    private readonly Action<int>? afterRun = afterRun;
    private int runs;

    public int Runs => runs;

    public int Terminations { get; private set; }

    public IReadOnlyList<TensorMetadata> Inputs => inner.Inputs;

    public IReadOnlyList<TensorMetadata> Outputs => inner.Outputs;

    public string ExecutionProvider => "observed " + inner.ExecutionProvider;

    public IInferenceBinding CreateBinding() => new Binding(this, inner.CreateBinding());

    public void Terminate()
    {
        Terminations++;
        inner.Terminate();
    }

    public void Dispose() => inner.Dispose();

    private sealed class Binding(ObservedSession owner, IInferenceBinding inner) : IInferenceBinding
    {
        public void BindInput<T>(string name, Memory<T> buffer, ReadOnlySpan<long> shape)
            where T : unmanaged => inner.BindInput(name, buffer, shape);

        public void BindOutput<T>(string name, Memory<T> buffer, ReadOnlySpan<long> shape)
            where T : unmanaged => inner.BindOutput(name, buffer, shape);

        public void Run()
        {
            inner.Run();
            owner.afterRun?.Invoke(Interlocked.Increment(ref owner.runs));
        }

        public void Dispose() => inner.Dispose();
    }
}
