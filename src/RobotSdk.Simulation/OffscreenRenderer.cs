namespace RobotSdk.Simulation;

/// <summary>
/// Renders a <see cref="MujocoSimulation"/>'s cameras into RGB24 images without a display, through
/// OSMesa (Mesa's software renderer, Debian <c>libosmesa6</c>). Shadows, reflections and
/// multisampling are off for speed (about 11-14 ms per 640x480 frame on a CPU core).
/// </summary>
/// <remarks>
/// The environment variable <c>ROBOTSDK_OSMESA_LIBRARY</c>, when set before the first renderer is
/// made, names the OSMesa library to load (a path or soname) instead of Debian's <c>libOSMesa.so.8</c>.
/// Each renderer owns its own OpenGL context and makes it current on the calling thread for every
/// call, so it may be used from any one thread at a time. Creating a renderer raises the model's
/// offscreen buffer size to at least <see cref="Width"/> x <see cref="Height"/> and turns its
/// multisampling off (settings MuJoCo reads when it makes a GL context).
/// </remarks>
public sealed unsafe class OffscreenRenderer : IDisposable
{
    private const int ErrorBufferSize = 1024;
    private const string InstallHint =
        "Offscreen rendering needs OSMesa: run `bash eng/bootstrap.sh`, or `sudo apt-get install libosmesa6`.";

    private readonly MujocoModel model;
    private readonly SafeOffscreenRendererHandle handle;

    /// <summary>Creates a renderer for <paramref name="model"/> producing <paramref name="width"/> x <paramref name="height"/> images.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is not in 1..8192.</exception>
    /// <exception cref="SimulationUnavailableException">OSMesa is missing or could not make a GL context.</exception>
    public OffscreenRenderer(MujocoModel model, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, 8192);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(height, 8192);
        this.model = model;
        Width = width;
        Height = height;
        LimitSoftwareRenderThreads();
        byte* error = stackalloc byte[ErrorBufferSize];
        nint renderer = NativeMethods.CreateRenderer(model.Handle, width, height, error, ErrorBufferSize);
        if (renderer == 0)
        {
            string reason = MujocoStatus.FromBuffer(new ReadOnlySpan<byte>(error, ErrorBufferSize));
            throw new SimulationUnavailableException($"Could not create an offscreen OpenGL context for MuJoCo: {reason}. {InstallHint}", reason);
        }

        handle = new SafeOffscreenRendererHandle(renderer, model.Handle);
    }

    /// <summary>
    /// Mesa's llvmpipe (the software rasterizer behind OSMesa) renders on one thread per core by default,
    /// which on a small machine starves the physics thread stepping in real time: with a 30 fps camera on
    /// 2 cores the real-time factor fell to 0.83-0.996, and was 0.9999 with one render thread
    /// (<c>robot bench sim</c>). So one thread, unless the user set <c>LP_NUM_THREADS</c> (not overwritten).
    /// Mesa reads it when the first context is created.
    /// </summary>
    private static void LimitSoftwareRenderThreads() => NativeMethods.SetNativeEnvironmentVariable("LP_NUM_THREADS", "1", overwrite: 0);

    /// <summary>Image width in pixels.</summary>
    public int Width { get; }

    /// <summary>Image height in pixels.</summary>
    public int Height { get; }

    /// <summary>Bytes in one image: <see cref="Width"/> x <see cref="Height"/> x 3 (RGB24).</summary>
    public int FrameLength => Width * Height * 3;

    /// <summary>
    /// Renders the model camera <paramref name="cameraIndex"/> into <paramref name="rgb"/>: RGB24,
    /// rows top to bottom, <see cref="FrameLength"/> bytes. Allocates nothing.
    /// </summary>
    /// <exception cref="ArgumentException">The simulation runs another model, or the buffer has the wrong length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Not a camera index.</exception>
    /// <exception cref="SimulationException">MuJoCo or OpenGL failed.</exception>
    public void Render(MujocoSimulation simulation, int cameraIndex, Span<byte> rgb)
    {
        if ((uint)cameraIndex >= (uint)model.CameraNames.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(cameraIndex), cameraIndex, $"The model has {model.CameraNames.Count} cameras.");
        }

        RenderCamera(simulation, cameraIndex, null, rgb);
    }

    /// <summary>Renders the named model camera into <paramref name="rgb"/> (RGB24, rows top to bottom).</summary>
    /// <exception cref="ArgumentException">No such camera, another model, or the wrong buffer length.</exception>
    /// <exception cref="SimulationException">MuJoCo or OpenGL failed.</exception>
    public void Render(MujocoSimulation simulation, string cameraName, Span<byte> rgb) =>
        Render(simulation, model.GetCameraIndex(cameraName), rgb);

    /// <summary>Renders from a free camera (not in the model) into <paramref name="rgb"/> (RGB24, rows top to bottom).</summary>
    /// <exception cref="ArgumentException">Another model, or the wrong buffer length.</exception>
    /// <exception cref="SimulationException">MuJoCo or OpenGL failed.</exception>
    public void Render(MujocoSimulation simulation, FreeCamera camera, Span<byte> rgb)
    {
        double* freeCamera = stackalloc double[6]
        {
            camera.LookAt.X, camera.LookAt.Y, camera.LookAt.Z, camera.DistanceMetres, camera.AzimuthDegrees, camera.ElevationDegrees,
        };
        RenderCamera(simulation, -1, freeCamera, rgb);
    }

    /// <summary>Frees the GL context and MuJoCo's scene.</summary>
    public void Dispose() => handle.Dispose();

    private void RenderCamera(MujocoSimulation simulation, int camera, double* freeCamera, Span<byte> rgb)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        if (!ReferenceEquals(simulation.Model, model))
        {
            throw new ArgumentException("The simulation runs a different model from the one this renderer was made for.", nameof(simulation));
        }

        if (rgb.Length != FrameLength)
        {
            throw new ArgumentException($"The buffer has {rgb.Length} bytes; a {Width}x{Height} RGB24 image needs {FrameLength}.", nameof(rgb));
        }

        fixed (byte* pixels = rgb)
        {
            MujocoStatus.ThrowIfFailed(
                NativeMethods.Render(handle, model.Handle, simulation.Handle, camera, freeCamera, pixels, rgb.Length),
                "rendering");
        }
    }
}
