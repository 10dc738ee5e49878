using System.Runtime.Versioning;
using RobotSdk.Hardware;
using RobotSdk.Simulation;

namespace RobotSdk.Virtual;

/// <summary>
/// A virtual arm served like a real one: the arm's MuJoCo world stepping in real time, its device
/// emulator in front of the simulated joints (an STS or Dynamixel servo bus, the PiPER's SLCAN
/// adapter or the myCobot's serial link on a pseudo-terminal, the Lite 6's controller on a loopback
/// TCP port), and the <see cref="Port"/> where the unchanged real driver, or any other program,
/// connects. Disposing stops the cameras, the emulator and the world.
/// </summary>
/// <example>
/// <code>
/// using VirtualArm arm = VirtualArm.Start("so101");
/// using var robot = new Robot(new FeetechArmDriver(arm.Port, FeetechArms.So101Follower));
/// robot.Connect();
/// </code>
/// </example>
[SupportedOSPlatform("linux")]
public sealed class VirtualArm : IDisposable
{
    private readonly IDisposable _emulator;
    private readonly VirtualArmWiring _wiring;
    private readonly List<SimulatedCamera> _cameras = [];
    private readonly Lock _camerasLock = new();
    private bool _disposed;

    private VirtualArm(SimulatedArmModel model, VirtualArmWiring wiring, VirtualWorld world, IDisposable emulator, string port)
    {
        Model = model;
        _wiring = wiring;
        World = world;
        _emulator = emulator;
        Port = port;
    }

    /// <summary>The names of the arms that can be served (<see cref="SimulatedArms.All"/> that have an emulator).</summary>
    public static IReadOnlyList<string> Names { get; } =
        Array.AsReadOnly(SimulatedArms.All.Where(arm => VirtualArmWiring.Find(arm.Name) is not null).Select(arm => arm.Name).ToArray());

    /// <summary>Whether the arm called <paramref name="arm"/> is served on a loopback TCP port (the Lite 6) rather than a serial port.</summary>
    /// <exception cref="KeyNotFoundException">No virtual arm has that name.</exception>
    public static bool IsServedOverTcp(string arm) => Wiring(arm).Driver == VirtualArmWiring.Lite6;

    /// <summary>The arm's model: its world, joints and rest pose.</summary>
    public SimulatedArmModel Model { get; }

    /// <summary>The arm's name (for example <c>so101</c>).</summary>
    public string Name => Model.Name;

    /// <summary>The profile driver that talks to this arm: <c>feetech</c>, <c>dynamixel</c>, <c>piper</c>, <c>lite6</c> or <c>mycobot</c>.</summary>
    public string Driver => _wiring.Driver;

    /// <summary>
    /// The reply timeout (ms) that <see cref="CreateDriver"/> gives its driver, where it differs from
    /// the driver's default; a profile for this arm should carry it (<c>robot virtual</c> prints one).
    /// The emulator shares the machine's cores with the physics, so a busy moment can delay a reply.
    /// </summary>
    public int? ReplyTimeoutMs => _wiring.ReplyTimeoutMs;

    /// <summary>The consecutive failed cycles <see cref="CreateDriver"/>'s driver tolerates, where it differs from the driver's default.</summary>
    public int? MaxConsecutiveFailures => _wiring.MaxConsecutiveFailures;

    /// <summary>
    /// Where clients connect: a serial path (the link when one was asked for, else <c>/dev/pts/N</c>)
    /// or, for the Lite 6, <c>127.0.0.1:PORT</c>. Give it to the real driver.
    /// </summary>
    public string Port { get; }

    /// <summary>The simulation behind the emulator: ground truth for tests and reports, never for control.</summary>
    public VirtualWorld World { get; }

    /// <summary>
    /// What imprecision the arm was given (<see cref="VirtualWorldOptions.Imprecision"/>): for tests
    /// and reports that score a calibration, never for the calibration itself.
    /// </summary>
    public ImprecisionTruth GroundTruth => World.GroundTruth;

    /// <summary>Starts the virtual arm called <paramref name="arm"/> (one of <see cref="Names"/>).</summary>
    /// <param name="arm">The arm's name, case-insensitive.</param>
    /// <param name="options">Link path or TCP port, world options; defaults when null.</param>
    /// <exception cref="KeyNotFoundException">No virtual arm has that name; the message lists them.</exception>
    /// <exception cref="SimulationUnavailableException">MuJoCo, OSMesa or RobotSdk's shim is not installed (the message says what to install).</exception>
    /// <exception cref="IOException">The pseudo-terminal, link or port could not be made (for example the link path exists and is not a link).</exception>
    public static VirtualArm Start(string arm, VirtualArmOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(arm);
        options ??= new VirtualArmOptions();
        VirtualArmWiring wiring = Wiring(arm);
        SimulatedArmModel model = SimulatedArms.Get(arm);
        VirtualWorld world = VirtualWorld.Create(model, options.World);
        try
        {
            if (options.RealTime)
            {
                world.Start();
            }

            (IDisposable emulator, string port) = wiring.StartEmulator(world.Joints, options);
            return new VirtualArm(model, wiring, world, emulator, port);
        }
        catch
        {
            world.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A new instance of the real driver for this arm at <see cref="Port"/> (nothing opened before
    /// Configure), with a patient reply timeout on servo buses: the emulator shares the machine's
    /// cores with the physics. Equivalent to constructing the driver yourself.
    /// </summary>
    public IRobotDriver CreateDriver() => _wiring.CreateDriver(Port);

    /// <summary>
    /// A camera of the arm's world (<c>scene</c>, fixed, or <c>wrist</c>, on the gripper) as an
    /// <see cref="ICamera"/>, rendering at <paramref name="width"/> x <paramref name="height"/>;
    /// not started (<see cref="SimulatedCamera.Start"/> streams, <see cref="SimulatedCamera.RenderOnce()"/> renders one
    /// frame). The arm disposes it.
    /// </summary>
    /// <exception cref="ArgumentException">The world has no camera of that name.</exception>
    public SimulatedCamera OpenCamera(string name = "scene", int width = 640, int height = 480, double framesPerSecond = 30)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        SimulatedCameraOptions options = SimulatedCameraOptions.FromMjcf(SimulationModels.ReadXml(Model.World), name);
        options.Width = width;
        options.Height = height;
        options.FramesPerSecond = framesPerSecond;
        var camera = new SimulatedCamera(World, options);
        lock (_camerasLock)
        {
            _cameras.Add(camera);
        }

        return camera;
    }

    /// <summary>Stops the cameras, the emulator (its link or socket goes away) and the world.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        lock (_camerasLock)
        {
            foreach (SimulatedCamera camera in _cameras)
            {
                camera.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }

            _cameras.Clear();
        }

        _emulator.Dispose();
        World.Dispose();
    }

    private static VirtualArmWiring Wiring(string arm) =>
        VirtualArmWiring.Find(arm) ?? throw new KeyNotFoundException($"No virtual arm is called '{arm}'; known: {string.Join(", ", Names)}.");

    /// <inheritdoc />
    public override string ToString() => $"virtual {Name} ({Driver}) at {Port}";
}
