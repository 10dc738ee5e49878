namespace RobotSdk.Policy.Runner;

/// <summary>
/// The inference thread: waits for the moment the execution mode asks for the next chunk, captures
/// an observation, runs the backend under the stall timeout, blends (real-time chunking without
/// inpainting) and publishes. Failures are counted, logged and lead to the fallback, a held retry
/// or the end of the run; they never reach the control thread.
/// </summary>
internal sealed partial class PolicyRun
{
    // Recent delays the schedule's estimate of d is the median of.
    private const int DelayWindow = 9;

    // After a cancelled inference, how long the backend gets to notice before its call is abandoned.
    private static readonly TimeSpan CancellationGrace = TimeSpan.FromSeconds(1);

    private readonly string _startedOn;
    private readonly List<double> _inferenceMilliseconds = [];
    private readonly List<int> _delaySteps = [];
    private readonly InferenceDelayEstimator _delays = new(DelayWindow);
    private ActionAnchor[] _anchors = [];
    private int _lastAnchor;
    private PolicyObservation _observation = null!;
    private float[] _chunk = [];
    private ChunkPrefix _prefix = null!;
    private float[] _blendWeights = [];
    private float[] _previousChunk = [];
    private long _previousFirstStep = -1;
    private long _publishedGeneration;
    private long _chunksReceived;
    private long _stallEvents;
    private int _consecutiveFailures;
    private string? _fallbackReason;
    private bool _ranOutLogged;

    private void InitializeInference()
    {
        // Three anchors: the current chunk's, one the control thread may still be mapping with, one to fill.
        _anchors = [_embodiment.CreateAnchor(), _embodiment.CreateAnchor(), _embodiment.CreateAnchor()];
        _lastAnchor = _anchors.Length - 1;
        AllocateInferenceBuffers();
        _blendWeights = new float[_chunkLength];
        _previousChunk = new float[_chunkLength * _dimensions];
    }

    /// <summary>Buffers a backend writes into; replaced when a call was abandoned, since it may still write into the old ones.</summary>
    private void AllocateInferenceBuffers()
    {
        _observation = new PolicyObservation(_manifest.Inputs);
        if (_options.Prompt is { } prompt)
        {
            _observation.Prompt = prompt;
        }

        _chunk = new float[_chunkLength * _dimensions];
        _prefix = new ChunkPrefix(_chunkLength, _dimensions);
    }

    private void InferenceThreadMain()
    {
        try
        {
            while (!IsStopping)
            {
                IPolicyBackend backend = _backend;
                if (!_runner.IsStarted(backend))
                {
                    if (!TryStart(backend))
                    {
                        continue;
                    }
                }

                if (!WaitForTrigger())
                {
                    break;
                }

                InferOnce(backend);
            }
        }
        catch (OperationCanceledException) when (IsStopping)
        {
            // The run ended while the thread waited.
        }
#pragma warning disable CA1031 // A failure of the loop itself ends the run and is reported, never lost.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            AddFailure($"the inference thread failed: {exception}");
            RequestStop(PolicyRunStopReason.PolicyFailed);
        }
        finally
        {
            _inferenceEnded.TrySetResult();
        }
    }

    private bool TryStart(IPolicyBackend backend)
    {
        Task start;
        try
        {
            start = backend.StartAsync(_stopping.Token);
        }
#pragma warning disable CA1031 // A backend that fails to start is a policy failure, handled like any other.
        catch (Exception exception) when (exception is not OperationCanceledException || !IsStopping)
#pragma warning restore CA1031
        {
            OnFailure($"{backend.Description} could not start: {exception.Message}", exception, abandoned: null);
            return false;
        }

        string? failure = Await(start, _options.StartTimeout, out Exception? error, out bool abandoned);
        if (failure is null)
        {
            _runner.MarkStarted(backend);
            return true;
        }

        if (!IsStopping)
        {
            OnFailure($"{backend.Description} could not start: {failure}", error, abandoned ? start : null);
        }

        return false;
    }

    /// <summary>Blocks until the execution mode wants the next chunk; false when the run ends first.</summary>
    private bool WaitForTrigger()
    {
        while (true)
        {
            _stepTicked.Reset();
            if (IsStopping)
            {
                return false;
            }

            if (IsTriggered())
            {
                return true;
            }

            _stepTicked.Wait(_stopping.Token);
        }
    }

    private bool IsTriggered()
    {
        if (_publishedGeneration == 0)
        {
            return true;
        }

        long next = Volatile.Read(ref _nextStep);
        return _execution switch
        {
            // openpi's broker: only when the chunk is used up.
            ChunkExecution.Synchronous => _queue.ExhaustedGeneration >= _publishedGeneration,

            // Observe when s − d steps of the current chunk have run, so the next one arrives by step s.
            ChunkExecution.Asynchronous or ChunkExecution.RealTimeChunking =>
                next >= _previousFirstStep + _horizon - Math.Min(_delays.Median(), _horizon)
                || _queue.ExhaustedGeneration >= _publishedGeneration,

            // ACT: a query every k steps.
            _ => next >= _previousFirstStep + _options.EnsembleQueryInterval,
        };
    }

    private void InferOnce(IPolicyBackend backend)
    {
        ActionAnchor anchor = TakeFreeAnchor();
        PolicyObservation observation = _observation;
        float[] chunk = _chunk;
        long observationStep = Volatile.Read(ref _nextStep);
        observation.ControlStep = observationStep;
        observation.TimestampTicks = _time.GetTimestamp();

        ChunkPrefix? prefix = null;
        int shift = 0;
        if (_execution == ChunkExecution.RealTimeChunking && _previousFirstStep >= 0)
        {
            // Y: what the current chunk still plans from the new observation's step on; d from recent inferences.
            shift = (int)Math.Clamp(observationStep - _previousFirstStep, 0, _chunkLength);
            ChunkBlender.Shift(_previousChunk, shift, _prefix.Actions, _dimensions);
            int estimate = Math.Min(_delays.Median(), shift);
            RealTimeChunkingWeights.Compute(_chunkLength, shift, estimate, _prefix.Weights);
            _prefix.Delay = estimate;
            prefix = _prefix;
        }

        long heldBefore = Volatile.Read(ref _heldSteps);
        long started = _time.GetTimestamp();
        var attempt = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        Task task = CaptureAndInferAsync(backend, observation, anchor, prefix, chunk, attempt.Token);
        string? failure = Await(task, _options.StallTimeout, out Exception? error, out bool abandoned, attempt);
        if (!abandoned)
        {
            attempt.Dispose(); // an abandoned call may still register on its token
        }

        if (IsStopping)
        {
            return;
        }

        if (failure is not null)
        {
            OnFailure($"{backend.Description}: {failure}", error, abandoned ? task : null);
            return;
        }

        double milliseconds = (_time.GetTimestamp() - started) * 1000.0 / _time.TimestampFrequency;
        long arrival = Volatile.Read(ref _nextStep);
        int delay = (int)Math.Clamp(arrival - observationStep, 0, _chunkLength);
        _inferenceMilliseconds.Add(milliseconds);
        _delaySteps.Add(delay);
        _delays.Add(delay);

        if (prefix is not null && !backend.InpaintsPrefix)
        {
            // The guidance-free variant: blend afterwards, with the delay as it turned out.
            RealTimeChunkingWeights.Compute(_chunkLength, shift, Math.Min(delay, shift), _blendWeights);
            ChunkBlender.Blend(prefix.Actions, _blendWeights, chunk, _dimensions);
        }

        _publishedGeneration = _execution == ChunkExecution.Synchronous
            ? _queue.Publish(chunk, ChunkSchedule.AtFirstRequest, _horizon, anchor)
            : _queue.Publish(chunk, observationStep, _chunkLength, anchor);
        chunk.CopyTo(_previousChunk, 0);
        _previousFirstStep = observationStep;
        _chunksReceived++;
        _consecutiveFailures = 0;

        if (_execution != ChunkExecution.Synchronous && !_ranOutLogged && Volatile.Read(ref _heldSteps) > heldBefore)
        {
            _ranOutLogged = true;
            PolicyRunnerLog.ChunkRanOut(_logger, milliseconds, Volatile.Read(ref _heldSteps));
        }
    }

    private async Task CaptureAndInferAsync(IPolicyBackend backend, PolicyObservation observation, ActionAnchor anchor, ChunkPrefix? prefix, float[] chunk, CancellationToken cancellationToken)
    {
        await _runner.Observations.CaptureAsync(observation, anchor, cancellationToken).ConfigureAwait(false);
        await backend.InferAsync(observation, prefix, chunk, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Waits for <paramref name="task"/> up to <paramref name="timeout"/>; returns null when it
    /// completed, else what went wrong. A late task is cancelled through <paramref name="attempt"/>
    /// and given <see cref="CancellationGrace"/>; <paramref name="abandoned"/> says it is still running.
    /// </summary>
    private string? Await(Task task, TimeSpan timeout, out Exception? error, out bool abandoned, CancellationTokenSource? attempt = null)
    {
        error = null;
        abandoned = false;
        try
        {
            if (task.Wait(timeout, _stopping.Token))
            {
                return null;
            }

            attempt?.Cancel();
            abandoned = !((IAsyncResult)task).AsyncWaitHandle.WaitOne(CancellationGrace);
            return FormattableString.Invariant($"no answer within {timeout.TotalMilliseconds:0} ms (the stall timeout)");
        }
        catch (AggregateException exception)
        {
            error = exception.InnerException ?? exception;
            return error.Message;
        }
        catch (OperationCanceledException) when (IsStopping)
        {
            abandoned = !task.IsCompleted;
            return "the run ended";
        }
    }

    private void OnFailure(string reason, Exception? error, Task? abandoned)
    {
        _stallEvents++;
        AddFailure(reason);
        PolicyRunnerLog.Stalled(_logger, reason, error);
        if (abandoned is not null)
        {
            // The abandoned call may still write into its buffers; the next call gets fresh ones.
            AllocateInferenceBuffers();
        }

        if (_options.Fallback is { } fallback && _fallbackReason is null)
        {
            _fallbackReason = reason;
            PolicyRunnerLog.SwitchedToFallback(_logger, fallback.Description, reason);
            Volatile.Write(ref _backend, fallback);
            return;
        }

        if (!_options.HoldOnStall)
        {
            RequestStop(PolicyRunStopReason.PolicyFailed);
            return;
        }

        // Holding and retrying: one call at a time, so a hung call must end first; then back off.
        if (abandoned is not null)
        {
            WaitHandle.WaitAny([((IAsyncResult)abandoned).AsyncWaitHandle, _stopping.Token.WaitHandle]);
        }

        _consecutiveFailures++;
        TimeSpan backoff = TimeSpan.FromMilliseconds(Math.Min(2000, 50 * (1 << Math.Min(_consecutiveFailures, 6))));
        _stopping.Token.WaitHandle.WaitOne(backoff);
    }

    /// <summary>An anchor neither the current chunk nor the control thread is using.</summary>
    private ActionAnchor TakeFreeAnchor()
    {
        for (int i = 1; i <= _anchors.Length; i++)
        {
            int index = (_lastAnchor + i) % _anchors.Length;
            if (!_queue.IsAnchorReserved(_anchors[index]))
            {
                _lastAnchor = index;
                return _anchors[index];
            }
        }

        // Unreachable: at most two of the three are reserved.
        throw new InvalidOperationException("Every action anchor is in use.");
    }
}
