using RobotSdk.Policy.Onnx;

namespace RobotSdk.Policy.OverheadBenchmark;

/// <summary>
/// One flow-matching chunk through RobotSdk's binding, the same work as bare-ort-chunk.mjs: the
/// observation graph once, its context outputs bound as the step graph's inputs (no copy), then
/// <c>steps</c> Euler steps x += −1/steps · velocity from t = 1 to 0, all on buffers bound once.
/// </summary>
internal sealed class FlowMatchingChunkSubject : IInferenceSubject
{
    private readonly OnnxSession observation;
    private readonly OnnxSession step;
    private readonly OnnxBinding observationBinding;
    private readonly OnnxBinding stepBinding;
    private readonly float[] start;
    private readonly float[] actions;
    private readonly float[] velocity;
    private readonly float[] time = GC.AllocateArray<float>(1, pinned: true);
    private readonly int steps;

    public FlowMatchingChunkSubject(BenchmarkModel observationModel, string stepPath, long[] actionShape, int steps, int threads)
    {
        this.steps = steps;
        var options = new OnnxSessionOptions { IntraOpThreadCount = threads, InterOpThreadCount = threads };
        observation = OnnxSession.Load(observationModel.Path, options);
        step = OnnxSession.Load(stepPath, options);
        observationBinding = observation.CreateBinding();
        stepBinding = step.CreateBinding();
        foreach (var input in observationModel.Inputs)
        {
            input.Bind(observationBinding);
        }

        foreach (var output in observation.Outputs)
        {
            var shape = output.Dimensions.Select(dimension => dimension.Size).ToArray();
            var buffer = GC.AllocateArray<float>(checked((int)shape.Aggregate(1L, (product, size) => product * size)), pinned: true);
            observationBinding.BindOutput<float>(output.Name, buffer, shape);
            stepBinding.BindInput<float>(output.Name, buffer, shape);
        }

        var count = checked((int)actionShape.Aggregate(1L, (product, size) => product * size));
        start = new float[count];
        for (var index = 0; index < count; index++)
        {
            start[index] = (float)(0.5 * Math.Sin((0.37 * index) + 0.1));
        }

        actions = GC.AllocateArray<float>(count, pinned: true);
        velocity = GC.AllocateArray<float>(count, pinned: true);
        stepBinding.BindInput<float>("noisy_actions", actions, actionShape);
        stepBinding.BindInput<float>("time", time, [1]);
        stepBinding.BindOutput<float>("velocity", velocity, actionShape);
    }

    public string Name => "RobotSdk OnnxBinding Euler loop";

    public void RunOnce()
    {
        observationBinding.Run();
        start.CopyTo(actions, 0);
        for (var k = 0; k < steps; k++)
        {
            time[0] = 1f - (k / (float)steps);
            stepBinding.Run();
            for (var index = 0; index < actions.Length; index++)
            {
                actions[index] -= velocity[index] / steps;
            }
        }
    }

    public double? OutputChecksum() => OutputChecksums.Of(actions);

    public void Dispose()
    {
        observation.Dispose();
        step.Dispose();
    }
}
