using System.ComponentModel;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace RobotSdk.Transports.Cameras;

/// <summary>
/// A camera read through an ffmpeg child process: a V4L2 device, a video file, a network stream
/// or a lavfi test pattern, delivered as raw <see cref="PixelFormat.Rgb24"/> (or
/// <see cref="PixelFormat.Gray8"/>) frames of a fixed size, with latest-value semantics.
/// </summary>
/// <remarks>
/// <para>
/// The constructor only checks the options; <see cref="StartAsync"/> starts ffmpeg and returns
/// once the first frame has arrived. A dedicated reader thread reads whole frames from ffmpeg's
/// stdout into a ring of <see cref="FfmpegCameraOptions.FrameBufferCount"/> preallocated
/// buffers, stamps each with <see cref="Stopwatch.GetTimestamp"/> when its first bytes arrive
/// (that is when ffmpeg emitted it), numbers them from 0 and keeps only the newest. In steady
/// state the reader allocates only the small <see cref="CameraFrame"/> record per frame, never
/// pixel memory.
/// </para>
/// <para>
/// Buffer reuse rule: a handed-out frame's <see cref="CameraFrame.Pixels"/> are not
/// overwritten until <c>FrameBufferCount - 1</c> newer frames have arrived (with the default 4
/// at 30 fps, about 100 ms). Readers that keep a frame longer copy it
/// (<c>frame.Pixels.ToArray()</c>), and any reader can call <see cref="IsFrameIntact"/> after
/// using a frame to confirm it was not overwritten meanwhile. The newest frame is never
/// overwritten.
/// </para>
/// <para>
/// When ffmpeg stops delivering (end of file, a dropped stream, ffmpeg killed), a frame no reader
/// took is still handed out once; then reads throw <see cref="DeviceDisconnectedException"/>
/// quoting ffmpeg's last error lines. <see cref="DisposeAsync"/> asks ffmpeg to quit
/// (<c>q</c> on its stdin), kills it after <see cref="FfmpegCameraOptions.StopGracePeriodMs"/>,
/// and waits for the reader thread and the process to end.
/// </para>
/// </remarks>
public sealed class FfmpegCamera : ICamera
{
    private readonly IReadOnlyList<string> _arguments;
    private readonly string _ffmpegPath;
    private readonly int _startupTimeoutMs;
    private readonly int _stopGracePeriodMs;

    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _firstFrameOrEnd = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _readerEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly LatestFrameBuffer _frames;
    private Process? _process;
    private FfmpegErrorTail? _errors;
    private int _started;
    private int _disposed;
    private volatile bool _stopping;

    /// <summary>Creates a camera; nothing is started until <see cref="StartAsync"/>.</summary>
    /// <param name="options">Source and settings; validated here and copied, so later changes have no effect.</param>
    /// <exception cref="ArgumentException">An option is missing or out of range.</exception>
    public FfmpegCamera(FfmpegCameraOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Name = options.Name;
        Source = FfmpegArguments.DisplaySource(options);
        Width = options.Width;
        Height = options.Height;
        PixelFormat = options.PixelFormat;
        Intrinsics = options.Intrinsics;
        _arguments = FfmpegArguments.Build(options);
        _ffmpegPath = options.FfmpegPath;
        _frames = new LatestFrameBuffer(options.FrameBufferCount, options.FrameSizeBytes);
        _startupTimeoutMs = options.StartupTimeoutMs;
        _stopGracePeriodMs = options.StopGracePeriodMs;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>The source as named in messages and exceptions (a stream URL's password hidden).</summary>
    public string Source { get; }

    /// <summary>Frame width in pixels.</summary>
    public int Width { get; }

    /// <summary>Frame height in pixels.</summary>
    public int Height { get; }

    /// <summary>Layout of the frames.</summary>
    public PixelFormat PixelFormat { get; }

    /// <inheritdoc />
    public CameraIntrinsics? Intrinsics { get; }

    /// <inheritdoc />
    public long DroppedFrames => _frames.DroppedFrames;

    /// <summary>Frames received from ffmpeg since start.</summary>
    public long FramesReceived => _frames.FramesPublished;

    /// <summary>The ffmpeg process ID once started and until disposed, for diagnostics; otherwise null.</summary>
    public int? ProcessId { get; private set; }

    /// <summary>The ffmpeg arguments this camera runs with, for logs and bug reports.</summary>
    public IReadOnlyList<string> Arguments => _arguments;

    /// <summary>Creates a camera and starts it; disposes it again if the start fails.</summary>
    /// <param name="options">Source and settings.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>A camera that has delivered its first frame.</returns>
    /// <exception cref="DeviceUnavailableException">As for <see cref="StartAsync"/>.</exception>
    /// <exception cref="HardwareTimeoutException">As for <see cref="StartAsync"/>.</exception>
    public static async Task<FfmpegCamera> OpenAsync(FfmpegCameraOptions options, CancellationToken cancellationToken = default)
    {
        var camera = new FfmpegCamera(options);
        try
        {
            await camera.StartAsync(cancellationToken).ConfigureAwait(false);
            return camera;
        }
        catch
        {
            await camera.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Starts ffmpeg and waits for the first frame. A camera starts once; to retry, create a new one.</summary>
    /// <param name="cancellationToken">Cancels the start (ffmpeg is then stopped).</param>
    /// <exception cref="DeviceUnavailableException">
    /// ffmpeg is not installed (NotFound; install it or run <c>eng/bootstrap.sh</c>) or cannot be
    /// run (PermissionDenied), or ffmpeg could not open the source; the message quotes ffmpeg.
    /// </exception>
    /// <exception cref="HardwareTimeoutException">No frame arrived within <see cref="FfmpegCameraOptions.StartupTimeoutMs"/>.</exception>
    /// <exception cref="InvalidOperationException">The camera was already started.</exception>
    /// <exception cref="OperationCanceledException">The start was canceled; ffmpeg was stopped, and reads then throw <see cref="InvalidOperationException"/>.</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException($"Camera '{Name}' was already started; create a new {nameof(FfmpegCamera)} to start again.");
        }

        Process process = LaunchFfmpeg();
        _errors = new FfmpegErrorTail(process.StandardError, Name);
        Stream output = process.StandardOutput.BaseStream;
        var reader = new Thread(() => ReadFrames(output)) { IsBackground = true, Name = $"ffmpeg frames ({Name})" };
        lock (_gate)
        {
            _process = process;
        }

        ProcessId = process.Id;
        reader.Start();

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_startupTimeoutMs);
        try
        {
            await _firstFrameOrEnd.Task.WaitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var exception = new HardwareTimeoutException(
                Source,
                null,
                null,
                $"no frame from ffmpeg within {_startupTimeoutMs} ms (a device may be streaming nothing; a network stream may need a longer {nameof(FfmpegCameraOptions.StartupTimeoutMs)}). ffmpeg said: {_errors.Text()}");
            Fail(exception);
            await StopFfmpegAsync().ConfigureAwait(false);
            throw exception;
        }
        catch (OperationCanceledException)
        {
            Fail(new InvalidOperationException($"Camera '{Name}' is stopped: its start was canceled."));
            await StopFfmpegAsync().ConfigureAwait(false);
            throw;
        }

        if (!_frames.HasFrame && _frames.Fault is { } fault)
        {
            await StopFfmpegAsync().ConfigureAwait(false);
            throw fault;
        }
    }

    /// <inheritdoc />
    /// <exception cref="DeviceDisconnectedException">ffmpeg stopped delivering and the last frame was already taken.</exception>
    public bool TryGetLatestFrame([NotNullWhen(true)] out CameraFrame? frame)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return _frames.TryGetLatest(out frame);
    }

    /// <inheritdoc />
    /// <exception cref="DeviceDisconnectedException">ffmpeg stopped delivering (end of stream, ffmpeg died); the message quotes ffmpeg.</exception>
    /// <exception cref="InvalidOperationException">The camera was not started.</exception>
    public ValueTask<CameraFrame> ReadNextFrameAsync(long afterSequenceNumber = -1, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (Volatile.Read(ref _started) == 0)
        {
            throw new InvalidOperationException($"Camera '{Name}' is not started; call {nameof(StartAsync)} first.");
        }

        return _frames.ReadNextAsync(afterSequenceNumber, cancellationToken);
    }

    /// <summary>
    /// Whether <paramref name="frame"/> (from this camera) still has its own pixels: false once its
    /// buffer has been reused for a newer frame. Call it after using the pixels: true then means
    /// nothing overwrote them while they were read.
    /// </summary>
    /// <param name="frame">A frame handed out by this camera.</param>
    public bool IsFrameIntact(CameraFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return _frames.Holds(frame);
    }

    /// <summary>Stops ffmpeg (politely, then by force), waits for it and the reader thread, and fails pending reads with <see cref="ObjectDisposedException"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await StopFfmpegAsync().ConfigureAwait(false);
        Fail(new ObjectDisposedException(GetType().FullName, $"Camera '{Name}' was disposed."), replace: true);
    }

    private Process LaunchFfmpeg()
    {
        var startInfo = new ProcessStartInfo(_ffmpegPath)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            CreateNoWindow = true,
        };
        foreach (string argument in _arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
            return process;
        }
        catch (Win32Exception exception)
        {
            process.Dispose();
            const int PermissionDenied = 13;
            var exceptionToThrow = new DeviceUnavailableException(
                Source,
                exception.NativeErrorCode == PermissionDenied ? DeviceUnavailableReason.PermissionDenied : DeviceUnavailableReason.NotFound,
                $"cannot run ffmpeg ('{_ffmpegPath}': {exception.Message}). Install ffmpeg (sudo apt-get install ffmpeg, or run eng/bootstrap.sh) or set {nameof(FfmpegCameraOptions)}.{nameof(FfmpegCameraOptions.FfmpegPath)}.",
                exception);
            Fail(exceptionToThrow);
            throw exceptionToThrow;
        }
    }

    private void ReadFrames(Stream output)
    {
        long sequenceNumber = 0;
        bool endedMidFrame = false;
        Exception? readError = null;
        try
        {
            while (true)
            {
                byte[] buffer = _frames.BeginWrite(sequenceNumber);

                // The first read blocks until ffmpeg starts writing the frame: that moment is its timestamp.
                int received = output.Read(buffer, 0, buffer.Length);
                if (received == 0)
                {
                    break;
                }

                long timestampTicks = Stopwatch.GetTimestamp();
                if (received < buffer.Length)
                {
                    received += output.ReadAtLeast(buffer.AsSpan(received), buffer.Length - received, throwOnEndOfStream: false);
                    if (received < buffer.Length)
                    {
                        endedMidFrame = true;
                        break;
                    }
                }

                _frames.Publish(new CameraFrame(Width, Height, PixelFormat, buffer, timestampTicks, sequenceNumber));
                if (sequenceNumber == 0)
                {
                    _firstFrameOrEnd.TrySetResult();
                }

                sequenceNumber++;
            }
        }
        catch (IOException exception)
        {
            readError = exception;
        }
        catch (ObjectDisposedException exception)
        {
            readError = exception;
        }

        try
        {
            if (!_stopping)
            {
                Fail(DescribeEnd(sequenceNumber, endedMidFrame, readError));
            }
        }
        finally
        {
            _firstFrameOrEnd.TrySetResult();
            _readerEnded.TrySetResult();
        }
    }

    private HardwareFaultException DescribeEnd(long framesDelivered, bool endedMidFrame, Exception? readError)
    {
        // ffmpeg closes stdout as it exits; give it a moment so its exit code and last words are in.
        Process? process = _process;
        string exit = "still running";
        if (process is not null && process.WaitForExit(2000))
        {
            exit = string.Create(CultureInfo.InvariantCulture, $"exit code {process.ExitCode}");
        }

        _errors?.WaitForEnd(1000);
        string ffmpegSaid = _errors?.Text() ?? string.Empty;
        if (framesDelivered == 0)
        {
            return new DeviceUnavailableException(
                Source,
                ClassifyOpenFailure(ffmpegSaid),
                $"ffmpeg could not open the source ({exit}): {ffmpegSaid}",
                readError);
        }

        string how = endedMidFrame ? "in the middle of a frame" : "cleanly";
        return new DeviceDisconnectedException(
            Source,
            string.Create(CultureInfo.InvariantCulture, $"the stream ended {how} after {framesDelivered} frames (ffmpeg {exit}): {ffmpegSaid}"),
            readError);
    }

    private static DeviceUnavailableReason ClassifyOpenFailure(string ffmpegSaid) =>
        ffmpegSaid.Contains("Permission denied", StringComparison.OrdinalIgnoreCase) ? DeviceUnavailableReason.PermissionDenied
        : ffmpegSaid.Contains("busy", StringComparison.OrdinalIgnoreCase) ? DeviceUnavailableReason.Busy
        : ffmpegSaid.Contains("No such file", StringComparison.OrdinalIgnoreCase) || ffmpegSaid.Contains("not found", StringComparison.OrdinalIgnoreCase) ? DeviceUnavailableReason.NotFound
        : DeviceUnavailableReason.Refused;

    /// <summary>Records why the camera stopped (the first reason wins unless <paramref name="replace"/>) and fails every waiting reader with it.</summary>
    private void Fail(Exception fault, bool replace = false) => _frames.Fail(fault, replace);

    private async Task StopFfmpegAsync()
    {
        Process? process;
        lock (_gate)
        {
            process = _process;
            _process = null;
        }

        if (process is null)
        {
            return;
        }

        _stopping = true;
        try
        {
            if (!process.HasExited)
            {
                await AskToQuitOrKillAsync(process).ConfigureAwait(false);
            }

            // The reader ends at end of stream once ffmpeg is gone; stderr likewise.
            try
            {
                await _readerEnded.Task.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // Only possible if something else holds ffmpeg's stdout open; the thread is a background one.
                Debug.WriteLine($"The reader thread of camera '{Name}' did not end after ffmpeg exited.");
            }

            _errors?.WaitForEnd(2000);
        }
        finally
        {
            process.Dispose();
            ProcessId = null;
        }
    }

    private async Task AskToQuitOrKillAsync(Process process)
    {
        try
        {
            // 'q' is ffmpeg's interactive quit; closing stdin as well covers builds that ignore it.
            await process.StandardInput.WriteAsync('q').ConfigureAwait(false);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // ffmpeg already closed its stdin (it is exiting).
        }

        using var grace = new CancellationTokenSource(_stopGracePeriodMs);
        try
        {
            await process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It exited between the timeout and the kill.
            }

            await process.WaitForExitAsync().ConfigureAwait(false);
        }
    }
}
