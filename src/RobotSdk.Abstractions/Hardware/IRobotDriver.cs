namespace RobotSdk.Hardware;

/// <summary>
/// The driver contract a hardware maker implements for an arm.
/// <para>
/// Lifecycle: <see cref="DriverState.Unconfigured"/> → <see cref="Configure"/> (open the
/// transport, find the devices, load calibration) → <see cref="DriverState.Inactive"/>
/// (state readable, torque off) → <see cref="Activate"/> (torque on; the driver seeds its
/// command with the measured state so nothing jumps) → <see cref="DriverState.Active"/> →
/// <see cref="Deactivate"/> (torque off) → <see cref="IDisposable.Dispose"/>.
/// </para>
/// <para>
/// <see cref="Read"/> and <see cref="Write"/> run on the control thread every cycle: they
/// must not allocate and must not throw for expected faults (timeouts, corrupt replies,
/// device errors, a vanished port); they return a <see cref="DriverStatus"/> and record
/// details in <see cref="Diagnostics"/>. Lifecycle methods may block and throw
/// <see cref="HardwareFaultException"/>s. Calls are never concurrent: the owner serializes them.
/// </para>
/// <para>
/// Constructors take the transport and options and never open hardware. Whoever creates a
/// transport disposes it.
/// </para>
/// </summary>
public interface IRobotDriver : IDisposable
{
    /// <summary>Joints, grippers, cameras, command modes and nominal kinematics.</summary>
    RobotDescription Description { get; }

    /// <summary>Current lifecycle state.</summary>
    DriverState State { get; }

    /// <summary>Counters and the last fault.</summary>
    DriverDiagnostics Diagnostics { get; }

    /// <summary>Opens the transport and checks that the hardware answers. Unconfigured → Inactive.</summary>
    /// <exception cref="HardwareFaultException">The hardware cannot be reached or is not what was expected.</exception>
    void Configure();

    /// <summary>Turns torque on in <paramref name="mode"/>, holding the measured position. Inactive → Active.</summary>
    /// <exception cref="HardwareFaultException">The hardware rejected activation.</exception>
    void Activate(CommandMode mode);

    /// <summary>Turns torque off. Active → Inactive. Safe to call in any state, best effort on a failed bus.</summary>
    void Deactivate();

    /// <summary>Reads the measured state of every joint into <paramref name="state"/>.</summary>
    DriverStatus Read(JointFrame state);

    /// <summary>Sends <paramref name="command"/> (positions, velocities or currents per the active mode).</summary>
    DriverStatus Write(JointFrame command);
}
