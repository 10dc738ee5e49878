using RobotSdk.Policy.Embodiment;
using RobotSdk.Policy.Manifest;
using RobotSdk.Policy.Runner;

namespace RobotSdk.Policy.Tests.Embodiment;

/// <summary>After Create, capturing state and mapping actions allocate nothing (the runner calls them every control step).</summary>
public sealed class AdapterAllocationTests
{
    public static TheoryData<string, string> Cases => new()
    {
        { "so101", "position" },
        { "wx250s", "position" },
        { "wx250s", "libero" },
        { "wx250s", "droid" },
        { "so101", "droid" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void CaptureStateAndTryMapAction_AllocateNothing_InSteadyState(string arm, string space)
    {
        PolicyManifest manifest = space switch
        {
            "position" => TestManifests.PositionOnly(delta: true),
            "libero" => TestManifests.Sample("libero-remote.json"),
            _ => TestManifests.Sample($"droid-{arm}.json"),
        };
        using Robot probe = TestArms.Create(arm);
        using Robot robot = TestArms.Create(arm, TestArms.Configuration(probe, seed: 2, fraction: 0.3));
        EmbodimentAdapter adapter = EmbodimentAdapter.Create(manifest, robot);
        var observation = new PolicyObservation(manifest.Inputs);
        ActionAnchor anchor = adapter.CreateAnchor();
        var targets = new double[adapter.ArmJointCount];
        var grippers = new double[adapter.GripperCount];
        float[] action = new float[adapter.ActionDimensions];
        int failures = 0;

        void Block()
        {
            for (int step = 0; step < 50; step++)
            {
                adapter.CaptureState(observation, anchor);
                for (int i = 0; i < action.Length; i++)
                {
                    action[i] = 0.004f * (((step + i) % 5) - 2); // small moves around the anchor, every step different
                }

                failures += adapter.TryMapAction(action, anchor, targets, grippers, out _) ? 0 : 1;
            }
        }

        // Tiered JIT recompiles hot paths in the background (after call counting and a delay), which
        // can allocate on this thread when the new code is installed: warm up over a few hundred
        // milliseconds, pausing between blocks, until three blocks in a row allocate nothing.
        int quietBlocks = 0;
        for (int block = 0; block < 200 && (block < 40 || quietBlocks < 3); block++)
        {
            long start = GC.GetAllocatedBytesForCurrentThread();
            Block();
            quietBlocks = GC.GetAllocatedBytesForCurrentThread() == start ? quietBlocks + 1 : 0;
            Thread.Sleep(5);
        }

        failures = 0;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int block = 0; block < 4; block++)
        {
            Block();
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, failures);
        Assert.Equal(0, allocated);
    }
}
