using RobotSdk.Policy.Onnx;

namespace RobotSdk.Policy.Tests.Onnx;

/// <summary>
/// A bound run allocates nothing on the managed heap, so a control loop can run inference every
/// cycle without feeding the garbage collector. This counts bytes; it does not time anything.
/// </summary>
public sealed class OnnxBindingAllocationTests
{
    [Fact]
    public void Run_InSteadyState_AllocatesZeroManagedBytes()
    {
        var perceptron = new MultiLayerPerceptron(inputs: 8, hidden: 64, outputs: 6, seed: 7);
        using var session = OnnxSession.Load(TestModels.Perceptron(perceptron), TestModels.SingleThreaded());
        using var binding = session.CreateBinding();
        var state = GC.AllocateArray<float>(8, pinned: true);
        var action = GC.AllocateArray<float>(6, pinned: true);
        binding.BindInput<float>("state", state, [1, 8]);
        binding.BindOutput<float>("action", action, [1, 6]);
        for (var warmUp = 0; warmUp < 50; warmUp++)
        {
            binding.Run();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var run = 0; run < 2000; run++)
        {
            state[run % state.Length] = run * 0.001f;
            binding.Run();
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        ReferenceMath.AssertClose(perceptron.Forward(state, 1), action, 1e-5f, "action after the loop");
    }
}
