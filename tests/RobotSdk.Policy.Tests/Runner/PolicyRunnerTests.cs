using RobotSdk.Hardware;
using RobotSdk.Policy.Manifest;
using RobotSdk.Policy.Runner;
using RobotSdk.Policy.Tests.Remote;

namespace RobotSdk.Policy.Tests.Runner;

/// <summary>Runs that use real threads and a real robot; they run one at a time so their control threads do not compete.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PolicyRunnerThreads
{
    public const string Name = "Policy runner threads";
}

[Collection(PolicyRunnerThreads.Name)]
public sealed class PolicyRunnerTests
{
    private const float Step = 0.001f;

    [Fact]
    public async Task Synchronous_PausesAreHolds_AndEachChunkRunsItsFirstSRowsFromRowZero()
    {
        using var rig = RunnerTestRig.Create(chunkLength: 10, executionHorizon: 10);
        var backend = new FakeBackend { Behaviour = (_, token) => Task.Delay(40, token) };
        PolicyRunner runner = rig.CreateRunner(backend, options => options.Execution = ChunkExecution.Synchronous);

        PolicyRunReport report = await runner.RunAsync(TimeSpan.FromSeconds(10), () => backend.Calls >= 5);

        Assert.Equal(PolicyRunStopReason.StopConditionMet, report.StopReason);
        Assert.True(report.ChunksReceived >= 4, $"{report.ChunksReceived} chunks");

        // Every inference after the first happened while the arm held: at least one held step per pause.
        Assert.True(report.HeldSteps >= report.ChunksReceived - 1, $"{report.HeldSteps} held steps for {report.ChunksReceived} chunks");
        float[][] actions = rig.Embodiment.Recorded();
        foreach (IGrouping<float, float[]> chunk in actions.GroupBy(action => action[1]).SkipLast(1))
        {
            float[] rows = [.. chunk.Select(action => action[0])];
            float rowZero = rows[0];
            Assert.Equal(10, rows.Length);
            for (int r = 0; r < rows.Length; r++)
            {
                Assert.Equal(rowZero + (r * Step), rows[r], 5);
            }
        }
    }

    [Theory]
    [InlineData(ChunkExecution.Asynchronous)]
    [InlineData(ChunkExecution.RealTimeChunking)]
    [InlineData(ChunkExecution.TemporalEnsembling)]
    public async Task OverlappedModes_NeverRunOut_WithFastInference_AndUseTheRowOfEachStep(ChunkExecution execution)
    {
        // 20 Hz with 40 rows to spare after s: a 2 s margin against a loaded machine.
        using var rig = RunnerTestRig.Create(chunkLength: 50, executionHorizon: 10, controlRateHz: 20);
        var backend = new FakeBackend();
        PolicyRunner runner = rig.CreateRunner(backend, options => options.Execution = execution);

        PolicyRunReport report = await runner.RunAsync(TimeSpan.FromSeconds(30), () => backend.Calls >= 6);

        Assert.Equal(0, report.HeldSteps);
        Assert.True(report.ChunksReceived >= 5, $"{report.ChunksReceived} chunks");
        Assert.Equal(report.Steps - report.StartupSteps, report.StepsExecuted);

        // Every chunk agrees on the ramp, so the action of consecutive steps rises by one ramp step
        // (more only where the control thread missed deadlines): a chunk used from the wrong row,
        // or a prefix shifted wrongly, breaks this.
        float[][] actions = rig.Embodiment.Recorded();
        long skipped = 0;
        for (int i = 1; i < actions.Length; i++)
        {
            double steps = (actions[i][0] - actions[i - 1][0]) / Step;
            Assert.True(Math.Abs(steps - Math.Round(steps)) < 0.05 && Math.Round(steps) >= 1, $"action {i} moved the ramp by {steps} steps");
            skipped += (long)Math.Round(steps) - 1;
        }

        Assert.Equal(report.MissedSteps, skipped);
    }

    [Fact]
    public async Task RealTimeChunking_BlendsDisagreeingChunks_WhereAsynchronousJumps()
    {
        double rtc = await LargestJumpInDisagreementAsync(ChunkExecution.RealTimeChunking);
        double naive = await LargestJumpInDisagreementAsync(ChunkExecution.Asynchronous);

        // Consecutive chunks disagree by 0.1 on number 2: a naive switch jumps by all of it,
        // the blend by (1 − W_d) of it, W_d ≈ 0.9 here.
        Assert.True(naive > 0.09, $"naive switching jumped by {naive}");
        Assert.True(rtc < 0.03, $"real-time chunking jumped by {rtc}");
    }

    [Fact]
    public async Task RealTimeChunking_GivesAnInpaintingBackendThePreviousChunkShiftedAndTheWeights()
    {
        using var rig = RunnerTestRig.Create(chunkLength: 50, executionHorizon: 10, controlRateHz: 20);
        var backend = new FakeBackend { InpaintsPrefix = true, Behaviour = (_, token) => Task.Delay(60, token) };
        PolicyRunner runner = rig.CreateRunner(backend);

        await runner.RunAsync(TimeSpan.FromSeconds(30), () => backend.Calls >= 3);

        ChunkPrefix?[] prefixes;
        lock (backend.PrefixesSeen)
        {
            prefixes = [.. backend.PrefixesSeen];
        }

        Assert.Null(prefixes[0]); // nothing to continue yet
        ChunkPrefix prefix = prefixes[1]!;

        // Y continues the previous chunk: its number 2 is the first call's 0.1, its ramp is continuous.
        Assert.Equal(0.1f, prefix.Actions[2], 5);
        Assert.Equal(prefix.Actions[0] + Step, prefix.Actions[RunnerTestRig.Dimensions], 5);
        // 60 ms at 20 Hz: the chunk arrives at least one step after its observation, and those steps get weight 1.
        Assert.InRange(prefix.Delay, 1, 10);
        Assert.All(prefix.Weights[..prefix.Delay], weight => Assert.Equal(1f, weight));
        Assert.InRange(prefix.Weights[prefix.Delay], 0.5f, 0.99f);
        Assert.Equal(0f, prefix.Weights[49]);

        // An inpainting backend's chunk is used as it comes: the second chunk's own number 2 appears.
        Assert.Contains(rig.Embodiment.Recorded(), action => Math.Abs(action[2] - 0.2f) < 1e-6);
    }

    [Fact]
    public async Task AHangingBackend_TriggersAHold_ThenTheFallback_WhichIsReported()
    {
        using var rig = RunnerTestRig.Create(chunkLength: 10, executionHorizon: 5);
        var hang = new TaskCompletionSource();
        var backend = new FakeBackend("main") { Behaviour = (call, _) => call == 1 ? Task.CompletedTask : hang.Task };
        var fallback = new FakeBackend("fallback") { Marker = 1 };
        var logger = new RecordingLogger();
        PolicyRunner runner = rig.CreateRunner(backend, options =>
        {
            options.Fallback = fallback;
            options.StallTimeout = TimeSpan.FromMilliseconds(300);
        }, logger);

        PolicyRunReport report = await runner.RunAsync(TimeSpan.FromSeconds(60), () => fallback.Calls >= 3);
        hang.SetResult();

        Assert.Equal(PolicyRunStopReason.StopConditionMet, report.StopReason);
        Assert.Equal(2, backend.Calls);
        Assert.Equal(1, fallback.Starts);
        Assert.True(report.FallbackUsed);
        Assert.Contains("stall timeout", report.FallbackReason);
        Assert.Equal(1, report.StallEvents);
        Assert.True(report.HeldSteps > 0, "the first chunk (10 steps) ran out during the 300 ms stall; the arm must have held");
        Assert.Equal("main", report.Backend);
        Assert.Contains(logger.Entries, entry => entry.Message.StartsWith("policy stalled: main", StringComparison.Ordinal) && entry.Message.EndsWith("holding the last target", StringComparison.Ordinal));
        Assert.Contains(logger.Entries, entry => entry.Message.Contains("fallback policy fallback", StringComparison.Ordinal));

        // After the switch the actions come from the fallback (its marker is 1 + 0.01 × call).
        Assert.True(rig.Embodiment.Recorded()[^1][1] > 1, "the last action must be the fallback's");
    }

    [Fact]
    public async Task AnExceptionInTheBackend_IsReported_AndTheRunHoldsAndRetries()
    {
        using var rig = RunnerTestRig.Create(chunkLength: 10, executionHorizon: 5);
        var backend = new FakeBackend
        {
            Behaviour = (call, _) => call == 2 ? Task.FromException(new InvalidOperationException("the model exploded")) : Task.CompletedTask,
        };
        PolicyRunner runner = rig.CreateRunner(backend, options => options.Execution = ChunkExecution.Asynchronous);

        PolicyRunReport report = await runner.RunAsync(TimeSpan.FromSeconds(60), () => backend.Calls >= 5);

        Assert.Equal(PolicyRunStopReason.StopConditionMet, report.StopReason);
        Assert.Equal(1, report.StallEvents);
        Assert.Contains(report.Failures, failure => failure.Contains("the model exploded", StringComparison.Ordinal));
        Assert.False(report.FallbackUsed);
        Assert.True(report.ChunksReceived >= 3, $"{report.ChunksReceived} chunks");
    }

    [Fact]
    public async Task AFailureWithoutFallback_EndsTheRun_WhenHoldOnStallIsOff()
    {
        using var rig = RunnerTestRig.Create(chunkLength: 10, executionHorizon: 5);
        var backend = new FakeBackend
        {
            Behaviour = (call, _) => call == 2 ? Task.FromException(new InvalidOperationException("the server closed with 1011")) : Task.CompletedTask,
        };
        PolicyRunner runner = rig.CreateRunner(backend, options => options.HoldOnStall = false);

        PolicyRunReport report = await runner.RunAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(PolicyRunStopReason.PolicyFailed, report.StopReason);
        Assert.Equal(2, backend.Calls);
        Assert.Contains(report.Failures, failure => failure.Contains("1011", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cancellation_StopsTheRun_AndTerminatesTheBackend()
    {
        using var rig = RunnerTestRig.Create(chunkLength: 10, executionHorizon: 5);
        using var cancellation = new CancellationTokenSource();
        var never = new TaskCompletionSource();
        var backend = new FakeBackend
        {
            Behaviour = (call, _) =>
            {
                if (call == 3)
                {
                    cancellation.Cancel();
                    return never.Task; // ignores cancellation: only Terminate could stop it
                }

                return Task.CompletedTask;
            },
        };
        PolicyRunner runner = rig.CreateRunner(backend);

        PolicyRunReport report = await runner.RunAsync(TimeSpan.FromSeconds(60), cancellation.Token);

        Assert.Equal(PolicyRunStopReason.Cancelled, report.StopReason);
        Assert.Equal(1, backend.Terminations);
        Assert.Equal(0, report.StallEvents); // ending the run is not a stall
        Assert.Equal(RobotState.Active, rig.Robot.State);
    }

    [Fact]
    public async Task TheEmergencyStop_EndsTheRun_AndTerminatesTheBackend()
    {
        using var rig = RunnerTestRig.Create(chunkLength: 10, executionHorizon: 5);
        var backend = new FakeBackend();
        backend.Behaviour = (call, _) =>
        {
            if (call == 3)
            {
                rig.Robot.EmergencyStop();
            }

            return Task.CompletedTask;
        };
        PolicyRunner runner = rig.CreateRunner(backend);

        PolicyRunReport report = await runner.RunAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(PolicyRunStopReason.EmergencyStop, report.StopReason);
        Assert.True(backend.Terminations >= 1);
    }

    [Fact]
    public async Task ADriverFault_EndsTheRun_AndTheReportSaysWhichServoFailed()
    {
        var driver = new FailingDriver(new MirrorDriver(DemoArm.Description));
        using var rig = RunnerTestRig.Create(chunkLength: 10, executionHorizon: 5, driver: driver);
        var backend = new FakeBackend();
        backend.Behaviour = (call, _) =>
        {
            if (call == 3)
            {
                driver.ServoStopsAnswering();
            }

            return Task.CompletedTask;
        };
        PolicyRunner runner = rig.CreateRunner(backend);

        PolicyRunReport report = await runner.RunAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(PolicyRunStopReason.RobotInactive, report.StopReason);
        Assert.Equal(RobotState.Faulted, rig.Robot.State);
        string failure = Assert.Single(report.Failures);
        Assert.StartsWith("the robot faulted and turned torque off: ", failure, StringComparison.Ordinal);
        Assert.Contains("/dev/ttyTEST0", failure, StringComparison.Ordinal);
        Assert.Contains("Present_Position", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADeactivationDuringTheRun_EndsIt_AndIsReported()
    {
        using var rig = RunnerTestRig.Create(chunkLength: 10, executionHorizon: 5);
        var backend = new FakeBackend();
        backend.Behaviour = (call, _) =>
        {
            if (call == 3)
            {
                rig.Robot.Deactivate();
            }

            return Task.CompletedTask;
        };
        PolicyRunner runner = rig.CreateRunner(backend);

        PolicyRunReport report = await runner.RunAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(PolicyRunStopReason.RobotInactive, report.StopReason);
        Assert.Contains(report.Failures, failure => failure.StartsWith("the robot left the Active state", StringComparison.Ordinal) || failure.StartsWith("the robot refused a command", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(ChunkExecution.Synchronous)]
    [InlineData(ChunkExecution.Asynchronous)]
    [InlineData(ChunkExecution.RealTimeChunking)]
    [InlineData(ChunkExecution.TemporalEnsembling)]
    public async Task TheControlThread_AllocatesNothing_InSteadyState(ChunkExecution execution)
    {
        using var rig = RunnerTestRig.Create(chunkLength: 20, executionHorizon: 10);
        var backend = new FakeBackend { Behaviour = (_, token) => Task.Delay(30, token) };
        PolicyRunner runner = rig.CreateRunner(backend, options => options.Execution = execution);

        // A first run warms up what is created lazily once per robot (the robot's locks make their
        // wait events the first time a thread has to wait); the next is the steady state, with
        // holds (synchronous pauses) and chunk switches. An allocation in the step shows in every
        // run of 200 steps; a one-off of the runtime on a loaded machine (208 bytes once in CI) in
        // one at most: up to three runs, and one must allocate nothing.
        await runner.RunAsync(TimeSpan.FromSeconds(60), () => rig.Embodiment.RecordedCount >= 100 && backend.Calls >= 5);
        var measured = new List<(long Bytes, long Steps)>();
        while (measured.Count < 3 && (measured.Count == 0 || measured[^1].Bytes != 0))
        {
            int recorded = rig.Embodiment.RecordedCount;
            int calls = backend.Calls;
            PolicyRunReport report = await runner.RunAsync(TimeSpan.FromSeconds(60), () => rig.Embodiment.RecordedCount >= recorded + 200 && backend.Calls >= calls + 10);
            Assert.True(report.AllocationMeasuredSteps > 50, $"only {report.AllocationMeasuredSteps} steps were measured");
            measured.Add((report.ControlThreadAllocatedBytes, report.AllocationMeasuredSteps));
        }

        Assert.True(measured[^1].Bytes == 0, $"the control thread allocated in every run (bytes, steps): {string.Join(", ", measured)}");
    }

    [Fact]
    public async Task AFailedMap_HoldsThePreviousTarget_AndIsCounted()
    {
        using var rig = RunnerTestRig.Create(chunkLength: 10, executionHorizon: 10);
        rig.Embodiment.UnmappableMarker = 0.01f * 2; // every action of the second chunk
        var backend = new FakeBackend();
        PolicyRunner runner = rig.CreateRunner(backend, options => options.Execution = ChunkExecution.Synchronous);

        PolicyRunReport report = await runner.RunAsync(TimeSpan.FromSeconds(60), () => backend.Calls >= 4);

        // The adapter scribbled NaN into the targets of each refusal: sending them would have failed the control thread.
        Assert.Equal(PolicyRunStopReason.StopConditionMet, report.StopReason);
        Assert.Equal(10, report.MapFailures);
        Assert.Equal(FakeEmbodiment.Problem, report.LastMapProblem);
        Assert.Empty(report.Failures);
    }

    [Fact]
    public async Task AStopConditionThatThrows_EndsTheRun_AndTheExceptionReachesTheCaller()
    {
        using var rig = RunnerTestRig.Create(chunkLength: 10, executionHorizon: 5);
        var backend = new FakeBackend();
        PolicyRunner runner = rig.CreateRunner(backend);

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            runner.RunAsync(TimeSpan.FromSeconds(60), () => backend.Calls >= 2 ? throw new InvalidOperationException("the success check broke") : false));

        Assert.Equal("the success check broke", exception.Message);
        Assert.Equal(RobotState.Active, rig.Robot.State);
        PolicyRunReport next = await runner.RunAsync(TimeSpan.FromSeconds(60), () => backend.Calls >= 4); // the runner is free again
        Assert.Equal(PolicyRunStopReason.StopConditionMet, next.StopReason);
        Assert.Equal(1, backend.Starts); // started once, for both runs
    }

    [Fact]
    public void TheConstructor_ListsEveryMismatch()
    {
        using var rig = RunnerTestRig.Create(chunkLength: 10, executionHorizon: 12);
        var options = new PolicyRunnerOptions { Manifest = rig.Manifest, EnsembleQueryInterval = 0 };

        var exception = Assert.Throws<ArgumentException>(() => new PolicyRunner(rig.Robot, new WrongSizeEmbodiment(), rig.Observations, new FakeBackend(), options));

        Assert.Contains("ExecutionHorizon: 12 is not within [1, 10]", exception.Message);
        Assert.Contains("EnsembleQueryInterval: 0", exception.Message);
        Assert.Contains("reads 7 numbers per action; the manifest's actions have 6", exception.Message);
        Assert.Contains("drives 4 arm joints; robot 'demo-arm' has 5", exception.Message);
    }

    [Fact]
    public void TheConstructor_RefusesToMixChunksOfDeltaActions()
    {
        using var rig = RunnerTestRig.Create(chunkLength: 10, executionHorizon: 5, kind: ActionSpaceKind.JointDelta);

        var exception = Assert.Throws<ArgumentException>(() => rig.CreateRunner(new FakeBackend(), options => options.Execution = ChunkExecution.TemporalEnsembling));

        Assert.Contains("delta actions", exception.Message);
        rig.CreateRunner(new FakeBackend(), options => options.Execution = ChunkExecution.Asynchronous); // fine
    }

    [Fact]
    public async Task RunAsync_RefusesAnInactiveRobot()
    {
        using var rig = RunnerTestRig.Create(chunkLength: 10, executionHorizon: 5);
        PolicyRunner runner = rig.CreateRunner(new FakeBackend());
        rig.Robot.Deactivate();

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => runner.RunAsync(TimeSpan.FromSeconds(1)));

        Assert.Contains("activate it", exception.Message);
    }

    private static async Task<double> LargestJumpInDisagreementAsync(ChunkExecution execution)
    {
        using var rig = RunnerTestRig.Create(chunkLength: 50, executionHorizon: 10, controlRateHz: 20);
        var backend = new FakeBackend();
        PolicyRunner runner = rig.CreateRunner(backend, options => options.Execution = execution);
        PolicyRunReport report = await runner.RunAsync(TimeSpan.FromSeconds(30), () => backend.Calls >= 6);
        Assert.Equal(0, report.HeldSteps);
        float[][] actions = rig.Embodiment.Recorded();
        double largest = 0;
        for (int i = 1; i < actions.Length; i++)
        {
            largest = Math.Max(largest, Math.Abs(actions[i][2] - actions[i - 1][2]));
        }

        return largest;
    }

    private sealed class WrongSizeEmbodiment : IEmbodiment
    {
        public int ArmJointCount => 4;

        public int GripperCount => 1;

        public int ActionDimensions => 7;

        public ActionAnchor CreateAnchor() => new(4, 1);

        public void CaptureState(PolicyObservation observation, ActionAnchor anchor)
        {
        }

        public bool TryMapAction(ReadOnlySpan<float> action, ActionAnchor anchor, Span<double> armTargets, Span<double> gripperOpenFractions, out string? problem)
        {
            problem = null;
            return true;
        }
    }
}
