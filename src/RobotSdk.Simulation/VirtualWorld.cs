using System.Diagnostics;
using System.Globalization;
using RobotSdk.Geometry;

namespace RobotSdk.Simulation;

/// <summary>
/// A simulated world with arms in it: a <see cref="MujocoModel"/>, its <see cref="MujocoSimulation"/>
/// and a <see cref="MujocoJointBackend"/> that device emulators drive. Either <see cref="Start"/> it,
/// and it steps in real time on its own thread (simulated time tracks the wall clock), or step it
/// yourself with <see cref="Step"/> (deterministic: no thread, no clock).
/// </summary>
/// <remarks>
/// Each physics step: the backend's servos compute actuator torques from the goals and the present
/// state, MuJoCo steps once, the backend publishes the new joint state. Everything that touches the
/// simulation holds one lock, so <see cref="Access"/> (reading poses, rendering) is safe while the
/// thread runs; long work inside it delays steps (counted in <see cref="GetStatistics"/>).
/// </remarks>
public sealed class VirtualWorld : IDisposable
{
    private readonly Lock _gate = new();
    private readonly MujocoSimulation _simulation;
    private readonly MujocoModel? _ownedModel;
    private readonly VirtualWorldOptions _options;
    private readonly double _timestep;
    private readonly IReadOnlyList<double>? _startPose;
    private readonly MjcfImprecision? _geometry;
    private Thread? _thread;
    private volatile bool _stopping;
    private volatile Exception? _fault;
    private long _steps;
    private long _stepTicks;
    private long _lateSteps;
    private double _simulatedSeconds;
    private double _wallSeconds;
    private double _droppedSeconds;
    private double _worstLag;
    private bool _disposed;

    /// <summary>Makes a world over <paramref name="model"/> with a servo on each of <paramref name="jointNames"/> (backend joint i = the i-th name).</summary>
    /// <param name="model">The compiled model; the caller keeps ownership (the world keeps the native model alive).</param>
    /// <param name="jointNames">Hinge or slide joints, each driven by a direct-torque actuator (<c>&lt;motor joint="..."/&gt;</c>).</param>
    /// <param name="options">Seed, start pose, servo model and real-time tolerances; defaults when null.</param>
    /// <exception cref="ArgumentException">A joint is missing, not a hinge or slide, or has no actuator; the start pose has the wrong length; <see cref="VirtualWorldOptions.Imprecision"/> asks for link-length or camera errors (those need <see cref="Create"/>).</exception>
    public VirtualWorld(MujocoModel model, IReadOnlyList<string> jointNames, VirtualWorldOptions? options = null)
        : this(model, SimulatedJoint.Named(jointNames), options, ownsModel: false, defaultPose: null, geometry: null)
    {
    }

    /// <summary>Makes a world over <paramref name="model"/> with the servos <paramref name="joints"/> describe (backend joint i = <c>joints[i]</c>).</summary>
    /// <param name="model">The compiled model; the caller keeps ownership (the world keeps the native model alive).</param>
    /// <param name="joints">The backend's joints, servos and units.</param>
    /// <param name="options">Seed, start pose, default servo model and real-time tolerances; defaults when null.</param>
    /// <exception cref="ArgumentException">A joint is missing, not a hinge or slide, or has no actuator; the start pose has the wrong length; <see cref="VirtualWorldOptions.Imprecision"/> asks for link-length or camera errors (those need <see cref="Create"/>).</exception>
    public VirtualWorld(MujocoModel model, IReadOnlyList<SimulatedJoint> joints, VirtualWorldOptions? options = null)
        : this(model, joints, options, ownsModel: false, defaultPose: null, geometry: null)
    {
    }

    internal VirtualWorld(MujocoModel model, IReadOnlyList<SimulatedJoint> joints, VirtualWorldOptions? options, bool ownsModel, IReadOnlyList<double>? defaultPose, MjcfImprecision? geometry)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(joints);
        _options = options ?? new VirtualWorldOptions();
        if (_options.ObjectJitterMeters < 0 || !double.IsFinite(_options.ObjectJitterMeters))
        {
            throw new ArgumentOutOfRangeException(nameof(options), _options.ObjectJitterMeters, "ObjectJitterMeters must be a non-negative number of metres.");
        }

        ArmImprecision? imprecision = _options.Imprecision?.Clone();
        imprecision?.Validate();
        if (geometry is null && imprecision is { } figures && (figures.MaxLinkLengthErrorMillimeters > 0 || figures.MaxToolOffsetErrorMillimeters > 0 || figures.HasCameraErrors || figures.HasTagMountErrors))
        {
            throw new ArgumentException("Link-length, camera and tag-mount errors change the MJCF before it compiles: make the world with VirtualWorld.Create(arm, options).", nameof(options));
        }

        JointImprecision? jointErrors = imprecision is null ? null : JointImprecision.Draw(imprecision, joints.Count) with
        {
            MotorInertia = geometry is null ? null : joints.Select(joint => geometry.ReadJointArmature(joint.Name)).ToArray(),
        };
        Joints = new MujocoJointBackend(model, joints, _options.Servo, jointErrors);
        _startPose = _options.InitialPositions ?? defaultPose;
        if (_startPose is { } initial && initial.Count != Joints.JointCount)
        {
            throw new ArgumentException($"InitialPositions has {initial.Count} values; the world has {Joints.JointCount} joints.", nameof(options));
        }

        _geometry = geometry;
        GroundTruth = new ImprecisionTruth(
            imprecision?.Seed ?? 0,
            Joints.JointNames,
            Joints.ZeroOffsets,
            Joints.Backlash,
            Joints.EncoderNoise,
            geometry?.LinkLengthErrors ?? [],
            geometry?.Cameras ?? [])
        {
            TagMounts = geometry?.TagMounts ?? [],
        };
        Model = model;
        _timestep = model.TimestepSeconds;
        _simulation = new MujocoSimulation(model);
        _ownedModel = ownsModel ? model : null;
        ResetState();
    }

    /// <summary>The world's model.</summary>
    public MujocoModel Model { get; }

    /// <summary>The simulated servos, for a device emulator (joint i = the i-th joint name).</summary>
    public MujocoJointBackend Joints { get; }

    /// <summary>
    /// The imprecision this world was built with (<see cref="VirtualWorldOptions.Imprecision"/>): zero
    /// offsets, backlash and noise per joint, link-length errors per chain body, nominal and true camera
    /// poses (cameras and links only for worlds made by <see cref="Create"/>; all zero without
    /// imprecision). Ground truth for tests and reports ONLY: calibration code must never read it.
    /// </summary>
    public ImprecisionTruth GroundTruth { get; }

    /// <summary>The MJCF as authored, before any imprecision: what a calibration may be given as the nominal model; null for a world made over a compiled model.</summary>
    public string? NominalMjcf => _geometry?.NominalXml;

    /// <summary>Whether the real-time thread is running.</summary>
    public bool IsRunning => _thread is { IsAlive: true } && !_stopping;

    /// <summary>Why the real-time thread stopped, when a step failed (then <see cref="IsRunning"/> is false; <see cref="Stop"/> before stepping by hand); null otherwise.</summary>
    public Exception? Fault => _fault;

    /// <summary>Simulated time, seconds.</summary>
    public double TimeSeconds
    {
        get
        {
            lock (_gate)
            {
                return _simulation.TimeSeconds;
            }
        }
    }

    /// <summary>The SO-101 tabletop (<see cref="SimulatedArms.So101"/>) with the follower's six servos, joint i = the Feetech driver's motor i.</summary>
    /// <param name="options">Seed, start pose (<see cref="SimulationModels.So101RestPose"/> when not given), servo model; defaults when null.</param>
    /// <returns>A stopped world that owns its model.</returns>
    /// <exception cref="SimulationUnavailableException">MuJoCo or RobotSdk's shim is not installed.</exception>
    public static VirtualWorld CreateSo101(VirtualWorldOptions? options = null) => Create(SimulatedArms.So101, options);

    /// <summary>The built-in world of <paramref name="arm"/> with its servos: joint i of the world is joint i of the arm's driver.</summary>
    /// <param name="arm">One of <see cref="SimulatedArms.All"/> (or your own over a built-in world).</param>
    /// <param name="options">Seed, start pose (the arm's <see cref="SimulatedArmModel.RestPose"/> when not given), real-time tolerances, imprecision (applied to the MJCF text before it compiles); defaults when null.</param>
    /// <returns>A stopped world that owns its model.</returns>
    /// <exception cref="SimulationUnavailableException">MuJoCo or RobotSdk's shim is not installed.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An imprecision figure is out of range.</exception>
    public static VirtualWorld Create(SimulatedArmModel arm, VirtualWorldOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(arm);
        ArmImprecision? imprecision = options?.Imprecision?.Clone();
        imprecision?.Validate();
        var geometry = new MjcfImprecision(SimulationModels.ReadXml(arm.World), arm, imprecision);
        MujocoModel model = MujocoModel.LoadFromXml(geometry.Xml);
        try
        {
            return new VirtualWorld(model, arm.Joints, options, ownsModel: true, arm.RestPose, geometry);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>Starts stepping in real time on a dedicated thread.</summary>
    /// <exception cref="InvalidOperationException">Already running.</exception>
    /// <exception cref="ObjectDisposedException">Disposed.</exception>
    public void Start()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_thread is not null)
        {
            throw new InvalidOperationException("The world is already running.");
        }

        _stopping = false;
        _thread = new Thread(RunRealTime) { IsBackground = true, Name = "RobotSdk virtual world", Priority = ThreadPriority.AboveNormal };
        _thread.Start();
    }

    /// <summary>
    /// The nominal extrinsics of camera <paramref name="cameraName"/> (optical frame relative to the
    /// arm's base for <see cref="CameraMount.Fixed"/>, to the tool body for <see cref="CameraMount.Wrist"/>)
    /// from <see cref="NominalMjcf"/>, not the true pose; null for a world made over a compiled model,
    /// or when a joint lies between the camera and that frame.
    /// </summary>
    public Pose? GetNominalExtrinsics(string cameraName, CameraMount mount)
    {
        ArgumentException.ThrowIfNullOrEmpty(cameraName);
        return _geometry?.GetNominalExtrinsics(cameraName, mount);
    }

    /// <summary>
    /// The nominal pose of site <paramref name="siteName"/> (MJCF site frame) in the frame of the body
    /// holding joint <paramref name="jointName"/>, from <see cref="NominalMjcf"/>, not the true pose (see
    /// <see cref="ArmImprecision.MaxTagMountPositionErrorMillimeters"/>): what a mount's drawing says. Null
    /// for a world made over a compiled model, when either is missing, or when a joint lies between them.
    /// </summary>
    public Pose? GetNominalSitePose(string siteName, string jointName)
    {
        ArgumentException.ThrowIfNullOrEmpty(siteName);
        ArgumentException.ThrowIfNullOrEmpty(jointName);
        return _geometry?.GetNominalSitePose(siteName, jointName);
    }

    /// <summary>
    /// The nominal pose of AprilTag <paramref name="tagId"/> (site <c>apriltag_tag36h11_&lt;id&gt;</c>) in the
    /// frame of the body holding joint <paramref name="jointName"/>, in the detector's tag frame (libapriltag's:
    /// x along the printed image's right, y down it, z into the face; the site's frame turned half a turn
    /// about x): what a printed holder's drawing gives a calibration as its tag-mount prior. Null as for
    /// <see cref="GetNominalSitePose"/>.
    /// </summary>
    public Pose? GetNominalTagMount(int tagId, string jointName) =>
        GetNominalSitePose(string.Create(CultureInfo.InvariantCulture, $"apriltag_{AprilTagImages.Tag36h11}_{tagId}"), jointName) is { } site
            ? site * new Pose(Vector3D.Zero, new Rotation(0, 1, 0, 0))
            : null;

    /// <summary>Stops the real-time thread (the state stays; <see cref="Step"/> or <see cref="Start"/> may follow).</summary>
    public void Stop()
    {
        Thread? thread = _thread;
        if (thread is null)
        {
            return;
        }

        _stopping = true;
        thread.Join();
        _thread = null;
        _stopping = false;
    }

    /// <summary>Advances the world by <paramref name="count"/> physics steps, servos included (manual mode).</summary>
    /// <exception cref="InvalidOperationException">The real-time thread is running.</exception>
    /// <exception cref="SimulationException">MuJoCo failed.</exception>
    public void Step(int count = 1)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (_thread is not null)
        {
            throw new InvalidOperationException("The world is running in real time; Stop it before stepping by hand.");
        }

        for (int i = 0; i < count; i++)
        {
            StepOnce();
        }
    }

    /// <summary>Advances by whole steps until <paramref name="seconds"/> more simulated time has passed (manual mode).</summary>
    public void StepFor(double seconds) => Step((int)Math.Round(seconds / _timestep));

    /// <summary>
    /// Runs <paramref name="action"/> on the simulation under the world's lock (no step runs
    /// meanwhile): read body poses, render a camera, move an object. After it the backend republishes
    /// the joints, so positions set here are what the emulators read next. Keep it short.
    /// </summary>
    public void Access(Action<MujocoSimulation> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        ObjectDisposedException.ThrowIf(_disposed, this);
        lock (_gate)
        {
            action(_simulation);
            Joints.Publish(_simulation);
        }
    }

    /// <summary>Runs <paramref name="read"/> on the simulation under the world's lock and returns its result.</summary>
    public T Access<T>(Func<MujocoSimulation, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        ObjectDisposedException.ThrowIf(_disposed, this);
        lock (_gate)
        {
            T result = read(_simulation);
            Joints.Publish(_simulation);
            return result;
        }
    }

    /// <summary>Back to the start: the MJCF state, the seeded placement, the start pose, every servo off, every motor in the middle of its backlash, the noise stream from its seed.</summary>
    /// <exception cref="InvalidOperationException">The real-time thread is running.</exception>
    public void Reset()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_thread is not null)
        {
            throw new InvalidOperationException("Stop the world before resetting it.");
        }

        ResetState();
    }

    /// <summary>How well the world has kept real time.</summary>
    public VirtualWorldStatistics GetStatistics()
    {
        lock (_gate)
        {
            double cost = _steps > 0 ? (double)_stepTicks / Stopwatch.Frequency / _steps : 0;
            return new VirtualWorldStatistics(_steps, _simulatedSeconds, _wallSeconds, _lateSteps, _droppedSeconds, _worstLag, cost);
        }
    }

    /// <summary>Stops the thread and frees the simulation (and the model, when the world loaded it).</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        Stop();
        _disposed = true;
        lock (_gate)
        {
            _simulation.Dispose();
        }

        _ownedModel?.Dispose();
    }

    /// <inheritdoc />
    public override string ToString() => $"virtual world ({Model.Source}): {Joints.JointCount} servos, {(IsRunning ? "running" : "stopped")}";

    private void ResetState()
    {
        lock (_gate)
        {
            _simulation.Reset();
            if (_options.Seed is int seed)
            {
                PlaceObjects(new Random(seed));
            }

            if (_startPose is { } initial)
            {
                for (int i = 0; i < initial.Count; i++)
                {
                    MujocoJoint joint = Model.Joints[Model.GetJointIndex(Joints.JointNames[i])];
                    double value = joint.IsLimited ? Math.Clamp(initial[i], joint.RangeMinimum, joint.RangeMaximum) : initial[i];
                    _simulation.SetJointPosition(joint.Index, value);
                }
            }

            _simulation.Forward();
            Joints.ResetImprecision();
            Joints.Publish(_simulation);
            Joints.Release();
        }
    }

    private void PlaceObjects(Random random)
    {
        var positions = new double[Model.PositionCount];
        _simulation.CopyPositionsTo(positions);
        double jitter = _options.ObjectJitterMeters;
        foreach (MujocoJoint joint in Model.Joints.Where(joint => joint.Type == MujocoJointType.Free))
        {
            int address = joint.PositionAddress;
            positions[address] += ((random.NextDouble() * 2) - 1) * jitter;
            positions[address + 1] += ((random.NextDouble() * 2) - 1) * jitter;
            double half = (random.NextDouble() * 2 - 1) * Math.PI / 2; // a turn about z of up to +-180 degrees
            (double w, double x, double y, double z) = (positions[address + 3], positions[address + 4], positions[address + 5], positions[address + 6]);
            double c = Math.Cos(half), s = Math.Sin(half);
            positions[address + 3] = (c * w) - (s * z);
            positions[address + 4] = (c * x) - (s * y);
            positions[address + 5] = (c * y) + (s * x);
            positions[address + 6] = (c * z) + (s * w);
        }

        _simulation.SetPositions(positions);
    }

    private void StepOnce()
    {
        long start = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            Joints.ApplyControls(_simulation);
            _simulation.Step();
            Joints.AdvanceImprecision(_simulation);
            Joints.Publish(_simulation);
            _steps++;
            _stepTicks += Stopwatch.GetTimestamp() - start;
        }
    }

    private void RunRealTime()
    {
        double maxLag = _options.MaxLag.TotalSeconds;
        double late = _options.LateStepThreshold.TotalSeconds;
        double wallBefore;
        lock (_gate)
        {
            wallBefore = _wallSeconds;
        }

        var clock = Stopwatch.StartNew();
        double offset = 0; // wall seconds given up (backlog dropped)
        long stepped = 0;
        try
        {
            while (!_stopping)
            {
                double now = clock.Elapsed.TotalSeconds - offset;
                long due = (long)Math.Floor(now / _timestep);
                while (stepped < due && !_stopping)
                {
                    double lag = clock.Elapsed.TotalSeconds - offset - ((stepped + 1) * _timestep);
                    if (lag > maxLag)
                    {
                        double backlog = (due - stepped) * _timestep;
                        offset += backlog;
                        lock (_gate)
                        {
                            _droppedSeconds += backlog;
                        }

                        break;
                    }

                    StepOnce();
                    stepped++;
                    lock (_gate)
                    {
                        _simulatedSeconds += _timestep;
                        _lateSteps += lag > late ? 1 : 0;
                        _worstLag = Math.Max(_worstLag, lag);
                    }
                }

                lock (_gate)
                {
                    _wallSeconds = wallBefore + clock.Elapsed.TotalSeconds;
                }

                // Sleep rather than spin (two shared cores): a step then runs up to about a
                // millisecond after its due time, well inside any servo's control period.
                double wait = ((stepped + 1) * _timestep) - (clock.Elapsed.TotalSeconds - offset);
                if (wait > 0)
                {
                    Thread.Sleep(1);
                }
            }
        }
        catch (SimulationException exception)
        {
            _fault = exception;
        }
        finally
        {
            lock (_gate)
            {
                _wallSeconds = wallBefore + clock.Elapsed.TotalSeconds;
            }
        }
    }
}
