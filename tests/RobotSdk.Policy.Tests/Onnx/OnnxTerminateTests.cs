using RobotSdk.Policy.Onnx;

namespace RobotSdk.Policy.Tests.Onnx;

/// <summary>
/// Terminate (the emergency stop) stops a run in progress from another thread; the stopped run
/// throws a typed exception and the session and binding stay usable.
/// </summary>
public sealed class OnnxTerminateTests
{
    private const int Width = 256;
    private const int Layers = 200;

    [Fact]
    public void Terminate_FromAnotherThread_StopsALongRun_AndTheBindingRunsCorrectlyAfterwards()
    {
        using var session = OnnxSession.Load(TestModels.MatMulChain(Width, Layers), TestModels.SingleThreaded());
        using var binding = session.CreateBinding();
        // A batch of 4096 rows makes each of the 200 MatMuls about half a gigaflop: seconds of
        // single-threaded work (about 6 s on the development machine), so the run is still in
        // progress when Terminate lands between two MatMuls.
        const int largeBatch = 4096;
        binding.BindInput<float>("x", new float[largeBatch * Width], [largeBatch, Width]);
        binding.BindOutput<float>("y", new float[largeBatch * Width], [largeBatch, Width]);

        var run = Task.Factory.StartNew(binding.Run, TaskCreationOptions.LongRunning);
        // Run clears the flag when it starts, so terminate repeatedly until the run has ended.
        Poll.Until(
            () =>
            {
                session.Terminate();
                return run.IsCompleted;
            },
            "the terminated run to return",
            timeoutMs: 60_000);

        var exception = Assert.Throws<OnnxRunTerminatedException>(() => run.GetAwaiter().GetResult());
        Assert.IsAssignableFrom<OnnxRuntimeException>(exception.InnerException);
        Assert.Equal("running the model", exception.Operation);

        var x = TestModels.Weights(Width, seed: 8);
        var y = new float[Width];
        binding.BindInput<float>("x", x, [1, Width]);
        binding.BindOutput<float>("y", y, [1, Width]);
        binding.Run();

        var average = Enumerable.Repeat(1f / Width, Width * Width).ToArray();
        var expected = x;
        for (var layer = 0; layer < Layers; layer++)
        {
            expected = ReferenceMath.MatMul(expected, average, 1, Width, Width);
        }

        ReferenceMath.AssertClose(expected, y, 1e-4f, "y after the terminated run");
    }

    [Fact]
    public void Terminate_WhenNothingRuns_DoesNotAffectTheNextRun()
    {
        using var session = OnnxSession.Load(TestModels.MatMulChain(8, 3), TestModels.SingleThreaded());
        using var binding = session.CreateBinding();
        var x = new float[] { 8, 0, 0, 0, 0, 0, 0, 0 };
        var y = new float[8];
        binding.BindInput<float>("x", x, [1, 8]);
        binding.BindOutput<float>("y", y, [1, 8]);

        session.Terminate();
        binding.Run();

        Assert.All(y, value => Assert.Equal(1f, value, 1e-6f));
    }
}
