using System.Runtime.Versioning;
using RobotSdk.Emulation;
using RobotSdk.Hardware;

namespace RobotSdk.Drivers.Feetech.Emulation;

/// <summary>
/// A whole Feetech arm on an emulated bus: one virtual servo per motor of a <see cref="FeetechArm"/>
/// (its ID, direction and model), each moving joint i of an <see cref="IJointBackend"/> (motor i),
/// served on a pseudo-terminal that <see cref="FeetechArmDriver"/>, LeRobot or any serial client
/// opens like the arm's USB bus adapter.
/// </summary>
/// <remarks>
/// The backend's joint i is the arm's joint i in radians, in the arm's convention: with an
/// uncalibrated emulated servo (homing offset 0, no zero offset) the driver reads exactly the
/// backend's position. Fault injection (<see cref="FeetechEmulator.RemoveServo"/>,
/// <see cref="FeetechEmulator.SetErrors"/>, <see cref="FeetechEmulator.ClosePort"/>...) is on
/// <see cref="Emulator"/>. Lifecycle as <see cref="FeetechEmulator"/>: the constructor only
/// validates, <see cref="Start"/> creates the pty and link, <see cref="Dispose"/> closes them.
/// </remarks>
[SupportedOSPlatform("linux")]
public sealed class FeetechArmEmulator : IDisposable
{
    /// <summary>Speed cap of the default backend, rad/s: the STS3215's no-load speed at 7.4 V (60 degrees in 0.222 s).</summary>
    public const double DefaultMaxVelocityRadiansPerSecond = 4.7;

    /// <summary>Creates the emulated arm; nothing is opened until <see cref="Start"/>.</summary>
    /// <param name="arm">The arm to emulate, for example <see cref="FeetechArms.So101Follower"/>.</param>
    /// <param name="backend">The joints the servos move, at least one per motor; a <see cref="FirstOrderJointBackend"/> sized to the arm when null (see <see cref="CreateBackend"/>).</param>
    /// <param name="options">Link path, servo options, zero offsets and wrong models; defaults when null.</param>
    /// <exception cref="ArgumentException">The arm is inconsistent, the backend has too few joints, or an option names an unknown motor.</exception>
    public FeetechArmEmulator(FeetechArm arm, IJointBackend? backend = null, FeetechArmEmulatorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(arm);
        arm.ThrowIfInvalid(nameof(arm));
        options ??= new FeetechArmEmulatorOptions();
        backend ??= CreateBackend(arm);
        if (backend.JointCount < arm.Motors.Count)
        {
            throw new ArgumentException($"The {arm.Model} has {arm.Motors.Count} motors; the backend has only {backend.JointCount} joints.", nameof(backend));
        }

        string? unknown = options.ZeroOffsetsRadians.Keys.Concat(options.ModelNumbers.Keys).FirstOrDefault(name => arm.IndexOf(name) < 0);
        if (unknown is not null)
        {
            throw new ArgumentException($"The {arm.Model} has no motor called '{unknown}'.", nameof(options));
        }

        FeetechEmulatorOptions servoOptions = options.Servos?.Copy() ?? new FeetechEmulatorOptions();
        if (options.LinkPath is { } link)
        {
            servoOptions.LinkPath = link;
        }

        Arm = arm;
        Backend = backend;
        Emulator = new FeetechEmulator(backend, arm.Motors.Select((motor, joint) => new VirtualServoConfiguration(
            motor.Id,
            joint,
            motor.Direction,
            options.ZeroOffsetsRadians.GetValueOrDefault(motor.Name),
            options.ModelNumbers.TryGetValue(motor.Name, out int model) ? model : motor.Servo.ModelNumber)), servoOptions);
    }

    /// <summary>The emulated arm.</summary>
    public FeetechArm Arm { get; }

    /// <summary>The joints the servos move: joint i is motor i.</summary>
    public IJointBackend Backend { get; }

    /// <summary>The bus emulator, for fault injection, registers and instruction counts.</summary>
    public FeetechEmulator Emulator { get; }

    /// <summary>The path clients open: the link when one was made, else the pty (valid after <see cref="Start"/>).</summary>
    public string PortPath => Emulator.LinkPath ?? Emulator.PortPath;

    /// <summary>
    /// The default backend for <paramref name="arm"/>: one first-order joint per motor (time constant
    /// 50 ms, capped at <see cref="DefaultMaxVelocityRadiansPerSecond"/>), all at 0 rad (clamped into
    /// the nominal limits), torque off.
    /// </summary>
    public static FirstOrderJointBackend CreateBackend(FeetechArm arm)
    {
        ArgumentNullException.ThrowIfNull(arm);
        return new FirstOrderJointBackend(
            arm.Motors.Count,
            timeConstantSeconds: 0.05,
            maxVelocity: DefaultMaxVelocityRadiansPerSecond,
            initialPositions: [.. arm.Motors.Select(motor => Math.Clamp(0, motor.MinPositionRadians, motor.MaxPositionRadians))]);
    }

    /// <summary>Creates the pty (and link) and starts serving.</summary>
    /// <exception cref="DeviceUnavailableException">No pseudo-terminal could be created.</exception>
    /// <exception cref="IOException">The link path is taken by something other than a link.</exception>
    public void Start() => Emulator.Start();

    /// <summary>Stops serving and closes the pty and its link.</summary>
    public void Dispose() => Emulator.Dispose();

    /// <inheritdoc />
    public override string ToString() => $"emulated {Arm.Model} ({Arm.Motors.Count} servos)";
}
