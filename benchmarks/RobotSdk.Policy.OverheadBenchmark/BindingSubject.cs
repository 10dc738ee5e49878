using RobotSdk.Policy.Onnx;

namespace RobotSdk.Policy.OverheadBenchmark;

/// <summary>
/// The model through RobotSdk's own ONNX Runtime binding as the runner uses it: one session, inputs
/// bound once over pinned buffers, every output pre-bound, <see cref="OnnxBinding.Run"/> per call.
/// </summary>
internal sealed class BindingSubject : IInferenceSubject
{
    private readonly OnnxSession session;
    private readonly OnnxBinding binding;
    private readonly List<float[]> outputs = [];

    public BindingSubject(BenchmarkModel model, int threads)
    {
        session = OnnxSession.Load(model.Path, new OnnxSessionOptions { IntraOpThreadCount = threads, InterOpThreadCount = threads });
        binding = session.CreateBinding();
        foreach (var input in model.Inputs)
        {
            input.Bind(binding);
        }

        foreach (var output in session.Outputs)
        {
            if (output.ElementType != TensorElementType.Float || output.Dimensions.Any(dimension => dimension.IsDynamic))
            {
                throw new NotSupportedException($"Output {output} is not a fixed-shape float tensor; the benchmark pre-binds only those.");
            }

            var shape = output.Dimensions.Select(dimension => dimension.Size).ToArray();
            var buffer = GC.AllocateArray<float>(checked((int)shape.Aggregate(1L, (product, size) => product * size)), pinned: true);
            binding.BindOutput<float>(output.Name, buffer, shape);
            outputs.Add(buffer);
        }
    }

    public string Name => "RobotSdk OnnxBinding";

    public void RunOnce() => binding.Run();

    public double? OutputChecksum() => outputs.Sum(OutputChecksums.Of);

    public void Dispose() => session.Dispose();
}
