namespace RobotSdk.Policy.Onnx;

/// <summary>
/// A loaded model the policy runner can run: its declared inputs and outputs, bindings of caller
/// buffers to them, and an emergency stop for runs in progress. <see cref="OnnxSession"/>
/// implements it over the native ONNX Runtime; an implementation over Microsoft.ML.OnnxRuntime
/// (OrtIoBinding, OrtValue.CreateTensorValueFromMemory, RunOptions.Terminate) can replace it
/// where that package is available.
/// </summary>
public interface IInferenceSession : IDisposable
{
    /// <summary>The model's inputs, in the model's order.</summary>
    IReadOnlyList<TensorMetadata> Inputs { get; }

    /// <summary>The model's outputs, in the model's order.</summary>
    IReadOnlyList<TensorMetadata> Outputs { get; }

    /// <summary>The execution provider the session runs on ("CPU", "CUDA", ...).</summary>
    string ExecutionProvider { get; }

    /// <summary>Creates a binding: caller buffers bound once to inputs and outputs, then run many times.</summary>
    IInferenceBinding CreateBinding();

    /// <summary>
    /// Stops every run of this session that is in progress, from any thread (emergency stop). Each
    /// stopped run throws <see cref="OnnxRunTerminatedException"/>; runs started afterwards are not affected.
    /// </summary>
    void Terminate();
}
