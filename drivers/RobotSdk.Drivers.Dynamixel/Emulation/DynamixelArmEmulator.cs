using System.Runtime.Versioning;
using RobotSdk.Emulation;
using RobotSdk.Hardware;

namespace RobotSdk.Drivers.Dynamixel.Emulation;

/// <summary>
/// A whole Dynamixel arm on a pseudo-terminal: one <see cref="VirtualServo"/> per servo of a
/// <see cref="DynamixelArm"/>, with the right model numbers, IDs, operating modes and drive
/// modes, moving the joints of an <see cref="IJointBackend"/> (joint i of the backend is joint
/// i of the arm). A shadow servo drives the same backend joint as its primary, mounted the
/// other way round, with the opposite Drive Mode and the primary's ID as Secondary ID, so it
/// reads what its primary reads. Clients open <see cref="PortPath"/> with a
/// <see cref="DynamixelArmDriver"/> (or any Dynamixel SDK) as they would the real arm.
/// </summary>
/// <remarks>
/// Fault injection and inspection go through <see cref="Emulator"/>. Serving starts with
/// <see cref="Start"/>. Disposing closes the pseudo-terminal (clients see the adapter vanish)
/// and removes the link.
/// </remarks>
[SupportedOSPlatform("linux")]
public sealed class DynamixelArmEmulator : IDisposable
{
    /// <summary>Creates the servos and the pseudo-terminal of <paramref name="arm"/>; call <see cref="Start"/> to serve.</summary>
    /// <param name="arm">The arm, for example <see cref="DynamixelArms.ViperX300s"/>.</param>
    /// <param name="backend">The joints; a <see cref="FirstOrderJointBackend"/> with one joint per arm joint, all at 0, when null.</param>
    /// <param name="options">Baud rate, link path and servo set-up; defaults when null.</param>
    /// <exception cref="ArgumentException">The backend has fewer joints than the arm.</exception>
    /// <exception cref="DeviceUnavailableException">No pseudo-terminal could be created.</exception>
    public DynamixelArmEmulator(DynamixelArm arm, IJointBackend? backend = null, DynamixelArmEmulatorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(arm);
        options ??= new DynamixelArmEmulatorOptions();
        backend ??= new FirstOrderJointBackend(arm.Joints.Count);
        if (backend.JointCount < arm.Joints.Count)
        {
            throw new ArgumentException($"The {arm.Model} has {arm.Joints.Count} joints; the backend has {backend.JointCount}.", nameof(backend));
        }

        Arm = arm;
        Backend = backend;
        Emulator = new DynamixelEmulator(backend, CreateServos(arm, options), new DynamixelEmulatorOptions { BaudRate = options.BaudRate, LinkPath = options.LinkPath });
    }

    /// <summary>The arm emulated.</summary>
    public DynamixelArm Arm { get; }

    /// <summary>The joints the servos move, in the arm's joint order.</summary>
    public IJointBackend Backend { get; }

    /// <summary>The bus emulator: fault injection (<see cref="DynamixelEmulator.RemoveServo"/>, <see cref="DynamixelEmulator.ClosePort"/>, ...), registers, instruction counts.</summary>
    public DynamixelEmulator Emulator { get; }

    /// <summary>The path to give clients: the link when there is one, else the pty device.</summary>
    public string PortPath => Emulator.PortPath;

    /// <summary>The symbolic link, when one was asked for.</summary>
    public string? LinkPath => Emulator.LinkPath;

    /// <summary>
    /// The servos of <paramref name="arm"/> as an emulator sets them up: IDs, models and backend
    /// joints from the arm; mounting direction so that the joint angle follows the arm's zero
    /// convention; shadows mounted opposite their primary.
    /// </summary>
    /// <param name="arm">The arm.</param>
    /// <param name="options">Set-up options; defaults when null.</param>
    /// <returns>One servo per motor, in <see cref="DynamixelArm.Motors"/> order.</returns>
    public static IReadOnlyList<VirtualServo> CreateServos(DynamixelArm arm, DynamixelArmEmulatorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(arm);
        options ??= new DynamixelArmEmulatorOptions();
        var servos = new List<VirtualServo>();
        foreach (DynamixelMotor motor in arm.Motors)
        {
            DynamixelJoint joint = arm.Joints[motor.JointIndex];

            // Present − 2048 = mirror × sign × joint, and the driver reads joint = Direction × (Present − 2048):
            // the primary's mounting sign is Direction × mirror; a shadow is mounted the other way round.
            int primaryMirror = (joint.DriveMode & DynamixelJoint.ReverseBit) != 0 ? -1 : 1;
            int sign = joint.Direction * primaryMirror * (motor.IsShadow ? -1 : 1);
            var servo = new VirtualServo(motor.Id, motor.Model, motor.JointIndex) { DirectionSign = sign, FirmwareVersion = options.FirmwareVersion };
            if (!options.FactoryFresh)
            {
                servo = servo with
                {
                    ReturnDelayTime = options.ReturnDelayTime,
                    DriveMode = motor.DriveMode,
                    OperatingMode = motor.OperatingMode,
                    SecondaryId = motor.SecondaryId,
                };
            }

            servos.Add(options.ConfigureServo?.Invoke(servo) ?? servo);
        }

        return servos;
    }

    /// <summary>Starts serving on a background thread.</summary>
    public void Start() => Emulator.Start();

    /// <summary>Stops serving (the servos fall silent; the port stays open).</summary>
    public void Stop() => Emulator.Stop();

    /// <summary>Stops serving, closes the pseudo-terminal and removes the link.</summary>
    public void Dispose() => Emulator.Dispose();

    /// <inheritdoc />
    public override string ToString() => $"{Arm.Model} emulator on {PortPath}";
}
