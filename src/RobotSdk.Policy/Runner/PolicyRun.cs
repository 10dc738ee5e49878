using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;
using RobotSdk.Policy.Manifest;

namespace RobotSdk.Policy.Runner;

/// <summary>
/// One run of a <see cref="PolicyRunner"/>: the control thread (<c>PolicyRun.Control.cs</c>), the
/// inference thread (<c>PolicyRun.Inference.cs</c>), what they share, and the report.
/// </summary>
internal sealed partial class PolicyRun : IDisposable
{
    // Failures kept for the report; later ones are counted only.
    private const int MaxFailuresKept = 200;

    private readonly PolicyRunner _runner;
    private readonly Robot _robot;
    private readonly IEmbodiment _embodiment;
    private readonly PolicyRunnerOptions _options;
    private readonly PolicyManifest _manifest;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly ChunkExecution _execution;
    private readonly int _chunkLength;
    private readonly int _dimensions;
    private readonly int _horizon;
    private readonly double _rateHz;
    private readonly long _periodTicks;
    private readonly long _totalSteps;
    private readonly ChunkSchedule _queue;

    // Shared between the threads.
    private readonly ManualResetEventSlim _stepTicked = new(false);
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _controlEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _inferenceEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> _failures = [];
    private long _nextStep;
    private int _stopReason = -1;
    private IPolicyBackend _backend;

    public PolicyRun(PolicyRunner runner, TimeSpan duration)
    {
        _runner = runner;
        _robot = runner.Robot;
        _embodiment = runner.Embodiment;
        _options = runner.Options;
        _manifest = _options.Manifest;
        _logger = runner.Logger;
        _time = runner.Time;
        _execution = _options.Execution;
        ActionSpace actions = _manifest.Actions;
        _chunkLength = actions.ChunkLength;
        _dimensions = actions.Dimensions;
        _horizon = _options.ExecutionHorizon ?? actions.ExecutionHorizon;
        _rateHz = actions.ControlRateHertz;
        _periodTicks = Math.Max(1, (long)Math.Round(_time.TimestampFrequency / _rateHz));
        _totalSteps = Math.Max(1, (long)Math.Round(duration.TotalSeconds * _rateHz));
        int ensembleCapacity = (int)Math.Ceiling((double)_chunkLength / _options.EnsembleQueryInterval) + 1;
        _queue = new ChunkSchedule(_chunkLength, _dimensions, _execution, ensembleCapacity, _options.EnsembleDecay);
        _backend = runner.Backend;
        _startedOn = runner.Backend.Description;
        InitializeControl();
        InitializeInference();
    }

    private bool IsStopping => _stopping.IsCancellationRequested;

    public async Task<PolicyRunReport> ExecuteAsync(Func<bool>? stopWhen, CancellationToken cancellationToken)
    {
        PolicyRunnerLog.Started(_logger, _robot.Name, _backend.Description, _execution, _rateHz, _chunkLength, _horizon);
        RobotDiagnostics before = _robot.GetDiagnostics();
        var control = new Thread(ControlThreadMain) { Name = $"policy-control:{_robot.Name}", IsBackground = true, Priority = ThreadPriority.Highest };
        var inference = new Thread(InferenceThreadMain) { Name = $"policy-inference:{_robot.Name}", IsBackground = true };
        ExceptionDispatchInfo? stopConditionFailure = null;
        control.Start();
        inference.Start();
        using (cancellationToken.Register(() => RequestStop(PolicyRunStopReason.Cancelled)))
        {
            TimeSpan poll = TimeSpan.FromSeconds(Math.Clamp(1 / _rateHz, 0.005, 0.05));
            while (!_controlEnded.Task.IsCompleted)
            {
                try
                {
                    if (stopWhen is not null && !IsStopping && stopWhen())
                    {
                        RequestStop(PolicyRunStopReason.StopConditionMet);
                    }
                }
#pragma warning disable CA1031 // Rethrown below, once both threads have ended.
                catch (Exception exception)
#pragma warning restore CA1031
                {
                    stopConditionFailure = ExceptionDispatchInfo.Capture(exception);
                    AddFailure($"the stop condition threw: {exception.Message}");
                    RequestStop(PolicyRunStopReason.StopConditionMet);
                }

                await Task.WhenAny(_controlEnded.Task, Task.Delay(poll, CancellationToken.None)).ConfigureAwait(false);
            }

            await _inferenceEnded.Task.ConfigureAwait(false);
        }

        await HandBackHoldingAsync().ConfigureAwait(false);
        stopConditionFailure?.Throw();
        RobotDiagnostics after = _robot.GetDiagnostics();
        PolicyRunReport report = BuildReport(before, after);
        PolicyRunnerLog.Ended(_logger, report.StopReason, report.Steps, report.ChunksReceived, report.HeldSteps, report.MaxCommandGapMs);
        return report;
    }

    /// <summary>Ends the run for <paramref name="reason"/> (the first reason wins); the e-stop and cancellation also terminate the backend's inference.</summary>
    private void RequestStop(PolicyRunStopReason reason)
    {
        if (Interlocked.CompareExchange(ref _stopReason, (int)reason, -1) != -1)
        {
            return;
        }

        if (reason is PolicyRunStopReason.EmergencyStop or PolicyRunStopReason.Cancelled)
        {
            Volatile.Read(ref _backend).Terminate();
        }

        _stopping.Cancel();
        _stepTicked.Set();
    }

    private void AddFailure(string failure)
    {
        lock (_failures)
        {
            if (_failures.Count < MaxFailuresKept)
            {
                _failures.Add(failure);
            }
        }
    }

    /// <summary>
    /// Streaming stops with the run, and the robot's watchdog would stop the arm with a warning; a
    /// goal at the last sent position hands the arm back holding, quietly.
    /// </summary>
    private async Task HandBackHoldingAsync()
    {
        if (_robot.State != RobotState.Active || _robot.IsEmergencyStopped || _steps == 0)
        {
            return;
        }

        try
        {
            var sent = new double[_robot.Arm.Joints.Count];
            _robot.Arm.ReadSentPositions(sent);
            await _robot.Arm.MoveToAsync(sent, speedFraction: 1, toleranceRadians: 0.05).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The run is over; a failed hand-back is logged, and the watchdog holds the arm anyway.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            PolicyRunnerLog.HandBackFailed(_logger, exception);
        }
    }

    private PolicyRunReport BuildReport(RobotDiagnostics before, RobotDiagnostics after)
    {
        int reason = Volatile.Read(ref _stopReason);
        double[] inference = [.. _inferenceMilliseconds];
        Array.Sort(inference);
        int[] delays = [.. _delaySteps];
        Array.Sort(delays);
        lock (_failures)
        {
            return new PolicyRunReport
            {
                Execution = _execution,
                ControlRateHz = _rateHz,
                StopReason = reason < 0 ? PolicyRunStopReason.DurationElapsed : (PolicyRunStopReason)reason,
                Steps = _steps,
                StepsExecuted = _executed,
                StartupSteps = _startupSteps,
                HeldSteps = _heldSteps,
                LongestHoldSteps = _longestHold,
                MissedSteps = _missedSteps,
                MapFailures = _mapFailures,
                LastMapProblem = _lastMapProblem,
                ChunksReceived = _chunksReceived,
                MaxCommandGapMs = _commandIntervals.MaxMilliseconds,
                MaxCommandGapStep = _commandIntervals.MaxStep,
                LateCommands = _commandIntervals.LateCount,
                CommandPeriodP50Ms = _commandIntervals.QuantileMilliseconds(0.5),
                CommandPeriodP99Ms = _commandIntervals.QuantileMilliseconds(0.99),
                InferenceMsP50 = Quantile(inference, 0.5),
                InferenceMsP95 = Quantile(inference, 0.95),
                InferenceMsMax = inference.Length == 0 ? 0 : inference[^1],
                DelayStepsP50 = delays.Length == 0 ? 0 : delays[(delays.Length - 1) / 2],
                StallEvents = _stallEvents,
                Failures = [.. _failures],
                Backend = _startedOn,
                FallbackUsed = _fallbackReason is not null,
                FallbackReason = _fallbackReason,
                WorkspaceRefusals = after.WorkspaceRejections - before.WorkspaceRejections,
                LimitedCycles = after.LimitedCycles - before.LimitedCycles,
                ControlThreadAllocatedBytes = _allocatedBytes,
                AllocationMeasuredSteps = _allocationMeasuredSteps,
            };
        }
    }

    private static double Quantile(double[] sorted, double quantile) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)];

    public void Dispose()
    {
        _stopping.Dispose();
        _stepTicked.Dispose();
    }
}
