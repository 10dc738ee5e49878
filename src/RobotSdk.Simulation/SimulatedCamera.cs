using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using RobotSdk.Geometry;

namespace RobotSdk.Simulation;

/// <summary>
/// A camera of a <see cref="VirtualWorld"/>: renders one MJCF camera at a fixed size and frame rate
/// on its own thread, as <see cref="PixelFormat.Rgb24"/> frames with latest-value semantics, like a
/// real camera.
/// </summary>
/// <remarks>
/// <para>
/// The constructor makes the offscreen renderer (an OSMesa GL context) but starts nothing;
/// <see cref="Start"/> starts the render thread. Each frame: the thread takes the world's lock
/// (<see cref="VirtualWorld.Access"/>) only for the render call, stamps the frame with
/// <see cref="Stopwatch.GetTimestamp"/> as the state is read, numbers frames from 0 and keeps only the
/// newest. When rendering falls behind the frame rate, frames are skipped rather than bunched.
/// </para>
/// <para>
/// Buffer reuse rule (as for the ffmpeg camera): frames are rendered into a ring of
/// <see cref="SimulatedCameraOptions.FrameBufferCount"/> preallocated buffers, so a handed-out
/// frame's pixels are not overwritten until <c>FrameBufferCount - 1</c> newer frames have been
/// rendered; copy a frame kept longer, or check <see cref="IsFrameIntact"/> after using it. In steady
/// state the thread allocates only the small <see cref="CameraFrame"/> record per frame.
/// </para>
/// <para>
/// <see cref="Intrinsics"/> are exact for MuJoCo's projection (<see cref="MjcfCameras.ComputeIntrinsics"/>).
/// The camera's pose is the MJCF camera's (<see cref="MujocoSimulation.GetCameraPose(string)"/>, looking
/// along its -z axis with +y up; the OpenCV optical frame is that turned by pi about x).
/// If the world fails or is disposed under a running camera, reads throw
/// <see cref="DeviceDisconnectedException"/> once the last frame was taken.
/// </para>
/// </remarks>
public sealed class SimulatedCamera : ICamera
{
    private readonly VirtualWorld _world;
    private readonly OffscreenRenderer _renderer;
    private readonly int _cameraIndex;
    private readonly long _periodTicks;
    private readonly Lock _renderGate = new();
    private readonly LatestFrameBuffer _frames;
    private readonly ManualResetEventSlim _stopSignal = new(false);
    private readonly Action<MujocoSimulation> _renderIntoTarget;

    private Thread? _thread;
    private unsafe byte* _targetPointer;
    private int _targetLength;
    private long _targetTimestamp;
    private long _framesRendered;
    private long _skippedFrames;
    private long _renderTicks;
    private int _started;
    private int _disposed;
    private bool _rendererDisposed;

    /// <summary>Creates a camera over <paramref name="world"/>'s MJCF camera <see cref="SimulatedCameraOptions.CameraName"/>; nothing runs until <see cref="Start"/>.</summary>
    /// <param name="world">The world to look at; the caller keeps ownership and disposes it after the camera.</param>
    /// <param name="options">Camera, size, frame rate and field of view; validated here and copied.</param>
    /// <exception cref="ArgumentException">An option is out of range, or the model has no such camera.</exception>
    /// <exception cref="SimulationUnavailableException">OSMesa is missing or could not make a GL context.</exception>
    public SimulatedCamera(VirtualWorld world, SimulatedCameraOptions options)
    {
        ArgumentNullException.ThrowIfNull(world);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        SimulatedCameraOptions settings = options.Clone();
        _world = world;
        _cameraIndex = world.Model.GetCameraIndex(settings.CameraName);
        Name = settings.CameraName;
        Width = settings.Width;
        Height = settings.Height;
        FramesPerSecond = settings.FramesPerSecond;
        FieldOfViewYDegrees = settings.FieldOfViewYDegrees;
        Intrinsics = MjcfCameras.ComputeIntrinsics(Width, Height, FieldOfViewYDegrees);
        _periodTicks = Math.Max(1, (long)Math.Round(Stopwatch.Frequency / settings.FramesPerSecond));
        _renderIntoTarget = RenderIntoTarget;
        _renderer = new OffscreenRenderer(world.Model, Width, Height);
        _frames = new LatestFrameBuffer(settings.FrameBufferCount, _renderer.FrameLength);
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>Frame width in pixels.</summary>
    public int Width { get; }

    /// <summary>Frame height in pixels.</summary>
    public int Height { get; }

    /// <summary>Frames per second the render thread aims at.</summary>
    public double FramesPerSecond { get; }

    /// <summary>The MJCF camera's vertical field of view, degrees.</summary>
    public double FieldOfViewYDegrees { get; }

    /// <summary>Bytes in one frame: Width x Height x 3.</summary>
    public int FrameLength => _renderer.FrameLength;

    /// <inheritdoc />
    /// <remarks>Always known: fy = (H/2)/tan(fovy/2), fx = fy, cx = W/2, cy = H/2, no distortion.</remarks>
    public CameraIntrinsics Intrinsics { get; }

    CameraIntrinsics? ICamera.Intrinsics => Intrinsics;

    /// <inheritdoc />
    public long DroppedFrames => _frames.DroppedFrames;

    /// <summary>Frames rendered by the thread since <see cref="Start"/>.</summary>
    public long FramesRendered => Interlocked.Read(ref _framesRendered);

    /// <summary>Frame slots the thread skipped because rendering fell behind the frame rate.</summary>
    public long SkippedFrames => Interlocked.Read(ref _skippedFrames);

    /// <summary>Mean time of one render (world lock and GL), for diagnostics; zero before the first frame.</summary>
    public TimeSpan MeanRenderTime
    {
        get
        {
            long frames = FramesRendered;
            return frames == 0 ? TimeSpan.Zero : TimeSpan.FromSeconds((double)Interlocked.Read(ref _renderTicks) / Stopwatch.Frequency / frames);
        }
    }

    /// <summary>Whether the render thread is running.</summary>
    public bool IsRunning => _thread is { IsAlive: true };

    /// <summary>Starts the render thread. A camera starts once.</summary>
    /// <exception cref="InvalidOperationException">Already started.</exception>
    /// <exception cref="ObjectDisposedException">Disposed.</exception>
    public void Start()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException($"Camera '{Name}' was already started; create a new {nameof(SimulatedCamera)} to start again.");
        }

        _thread = new Thread(RunFrames) { IsBackground = true, Name = $"simulated camera ({Name})" };
        _thread.Start();
    }

    /// <summary>
    /// Renders the present state once into <paramref name="rgb"/> (RGB24, rows top to bottom,
    /// <see cref="FrameLength"/> bytes), on the calling thread, whether or not the thread runs.
    /// Allocates nothing.
    /// </summary>
    /// <returns>The <see cref="Stopwatch"/> timestamp at which the state was read.</returns>
    /// <exception cref="ArgumentException">The buffer has the wrong length.</exception>
    /// <exception cref="SimulationException">MuJoCo or OpenGL failed.</exception>
    public long RenderOnce(Span<byte> rgb)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (rgb.Length != FrameLength)
        {
            throw new ArgumentException($"The buffer has {rgb.Length} bytes; a {Width}x{Height} RGB24 image needs {FrameLength}.", nameof(rgb));
        }

        return RenderLocked(rgb);
    }

    /// <summary>Renders the present state once into a new frame (sequence number -1) that the caller owns, for reports and snapshots.</summary>
    /// <exception cref="SimulationException">MuJoCo or OpenGL failed.</exception>
    public CameraFrame RenderOnce()
    {
        byte[] pixels = GC.AllocateUninitializedArray<byte>(FrameLength);
        long timestamp = RenderOnce(pixels);
        return new CameraFrame(Width, Height, PixelFormat.Rgb24, pixels, timestamp, -1);
    }

    /// <summary>
    /// The OpenCV optical frame (x right, y down, z forward) in MuJoCo's OpenGL camera frame (x right,
    /// y up, looking along -z): a half turn about x.
    /// </summary>
    public static Pose OpenGlToOptical { get; } = new(Vector3D.Zero, new Rotation(0, 1, 0, 0));

    /// <summary>
    /// The camera's optical frame (OpenCV: x right, y down, z forward) in the world, now: it maps
    /// optical coordinates to world coordinates, so a world point p lands at
    /// u = cx + fx X/Z, v = cy + fy Y/Z with (X, Y, Z) = pose⁻¹ p. The TRUE pose, the one it renders
    /// from (camera imprecision included): ground truth for tests and reports, not for calibration code.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The world was disposed.</exception>
    public Pose GetOpticalPose() => _world.Access(simulation => simulation.GetCameraPose(_cameraIndex)) * OpenGlToOptical;

    /// <summary>
    /// This camera as a <see cref="CameraRigEntry"/>, with what a calibration may be told: name, size,
    /// <see cref="CameraRigEntry.Source"/> = the MJCF camera's name, the exact <see cref="Intrinsics"/>
    /// (imprecision never perturbs them) and the NOMINAL extrinsics from the world's authored MJCF
    /// (<see cref="VirtualWorld.GetNominalExtrinsics"/>; null for a world made over a compiled model).
    /// With camera imprecision the camera renders from a different, true pose
    /// (<see cref="GetOpticalPose"/>, <see cref="VirtualWorld.GroundTruth"/>) that only calibration can find.
    /// </summary>
    /// <param name="mount">Whether the MJCF camera is fixed in the scene or carried by the arm.</param>
    public CameraRigEntry ToRigEntry(CameraMount mount) =>
        new(Name, mount, Width, Height) { Source = Name, Intrinsics = Intrinsics, Extrinsics = _world.GetNominalExtrinsics(Name, mount) };

    /// <inheritdoc />
    /// <exception cref="DeviceDisconnectedException">Rendering failed (the world was disposed or faulted) and the last frame was taken.</exception>
    public bool TryGetLatestFrame([NotNullWhen(true)] out CameraFrame? frame)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return _frames.TryGetLatest(out frame);
    }

    /// <inheritdoc />
    /// <exception cref="DeviceDisconnectedException">Rendering failed (the world was disposed or faulted).</exception>
    /// <exception cref="InvalidOperationException">The camera was not started.</exception>
    public ValueTask<CameraFrame> ReadNextFrameAsync(long afterSequenceNumber = -1, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (Volatile.Read(ref _started) == 0)
        {
            throw new InvalidOperationException($"Camera '{Name}' is not started; call {nameof(Start)} first.");
        }

        return _frames.ReadNextAsync(afterSequenceNumber, cancellationToken);
    }

    /// <summary>
    /// Whether <paramref name="frame"/> (from this camera's thread) still has its own pixels: false
    /// once its buffer has been reused. Call it after using the pixels.
    /// </summary>
    public bool IsFrameIntact(CameraFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return _frames.Holds(frame);
    }

    /// <summary>Stops and joins the render thread, frees the renderer, and fails pending reads with <see cref="ObjectDisposedException"/>. The world is not disposed.</summary>
    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return ValueTask.CompletedTask;
        }

        _stopSignal.Set();
        _thread?.Join();
        lock (_renderGate)
        {
            _rendererDisposed = true;
            _renderer.Dispose();
        }

        _frames.Fail(new ObjectDisposedException(GetType().FullName, $"Camera '{Name}' was disposed."), replace: true);
        _stopSignal.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"simulated camera '{Name}' {Width}x{Height} at {FramesPerSecond:0.##} fps, fovy {FieldOfViewYDegrees:0.##} degrees");

    /// <summary>Renders into <paramref name="rgb"/> under the camera's render lock and, inside it, the world's; returns when the state was read.</summary>
    private unsafe long RenderLocked(Span<byte> rgb)
    {
        lock (_renderGate)
        {
            ObjectDisposedException.ThrowIf(_rendererDisposed, this);
            fixed (byte* pixels = rgb)
            {
                // A cached delegate reading these fields: rendering a frame allocates nothing.
                _targetPointer = pixels;
                _targetLength = rgb.Length;
                try
                {
                    _world.Access(_renderIntoTarget);
                }
                finally
                {
                    _targetPointer = null;
                    _targetLength = 0;
                }
            }

            return _targetTimestamp;
        }
    }

    private unsafe void RenderIntoTarget(MujocoSimulation simulation)
    {
        _targetTimestamp = Stopwatch.GetTimestamp();
        _renderer.Render(simulation, _cameraIndex, new Span<byte>(_targetPointer, _targetLength));
    }

    private void RunFrames()
    {
        long sequenceNumber = 0;
        long due = Stopwatch.GetTimestamp();
        try
        {
            while (!_stopSignal.IsSet)
            {
                long now = Stopwatch.GetTimestamp();
                if (now < due)
                {
                    long waitMs = Math.Max(1, (due - now) * 1000 / Stopwatch.Frequency);
                    if (_stopSignal.Wait((int)waitMs))
                    {
                        break;
                    }

                    continue;
                }

                long start = Stopwatch.GetTimestamp();
                byte[] buffer = _frames.BeginWrite(sequenceNumber);
                long timestamp = RenderLocked(buffer);
                Interlocked.Add(ref _renderTicks, Stopwatch.GetTimestamp() - start);
                Interlocked.Increment(ref _framesRendered);
                _frames.Publish(new CameraFrame(Width, Height, PixelFormat.Rgb24, buffer, timestamp, sequenceNumber));
                sequenceNumber++;

                // Next slot on the frame-rate grid; slots already past are skipped, not bunched.
                due += _periodTicks;
                long late = Stopwatch.GetTimestamp() - due;
                if (late > 0)
                {
                    long missed = (late / _periodTicks) + 1;
                    Interlocked.Add(ref _skippedFrames, missed);
                    due += missed * _periodTicks;
                }
            }
        }
        catch (Exception exception) when (exception is SimulationException or ObjectDisposedException or InvalidOperationException)
        {
            _frames.Fail(new DeviceDisconnectedException(
                $"simulated camera '{Name}'",
                string.Create(CultureInfo.InvariantCulture, $"rendering stopped after {sequenceNumber} frames: {exception.Message}"),
                exception));
        }
    }
}
