using RobotSdk.Drivers.Feetech.Emulation;
using RobotSdk.Emulation;

namespace RobotSdk.Drivers.Feetech.Tests;

/// <summary>
/// A whole arm on a real pty: a <see cref="FeetechArmEmulator"/> over a first-order backend, with a
/// symbolic link at a unique path so drivers open it like a stable <c>/dev/serial/by-id</c> name.
/// </summary>
internal sealed class EmulatedArm : IDisposable
{
    public EmulatedArm(FeetechArm arm, IReadOnlyList<double>? initialPositions = null, FeetechArmEmulatorOptions? options = null, string? linkPath = null)
    {
        Arm = arm;
        Joints = new FirstOrderJointBackend(arm.Motors.Count, timeConstantSeconds: 0.02, maxVelocity: FeetechArmEmulator.DefaultMaxVelocityRadiansPerSecond, initialPositions: initialPositions);
        options ??= new FeetechArmEmulatorOptions();
        options.LinkPath = linkPath ?? Path.Combine(Path.GetTempPath(), $"ttyFEETECH-{Guid.NewGuid():N}");
        Emulator = new FeetechArmEmulator(arm, Joints, options);
        Emulator.Start();
    }

    public FeetechArm Arm { get; }

    public FirstOrderJointBackend Joints { get; }

    public FeetechArmEmulator Emulator { get; }

    public FeetechEmulator Bus => Emulator.Emulator;

    public string LinkPath => Emulator.PortPath;

    /// <summary>Bus options for tests: a reply timeout a loaded two-core machine never reaches by accident.</summary>
    public static FeetechBusOptions PatientBus() => new() { ReplyTimeoutMs = 250, Retries = 2 };

    /// <summary>
    /// Bus options for fault tests: two attempts per transaction instead of three, so a missing servo
    /// fails sooner, while a reply held up by a loaded machine still gets its retry.
    /// </summary>
    public static FeetechBusOptions OneRetry() => new() { ReplyTimeoutMs = 250, Retries = 1 };

    public FeetechArmDriver CreateDriver(FeetechArmDriverOptions? options = null)
    {
        options ??= new FeetechArmDriverOptions { Bus = PatientBus() };
        return new FeetechArmDriver(LinkPath, Arm, options);
    }

    public Robot CreateRobot(FeetechArmDriverOptions? options = null) =>
        new(CreateDriver(options), new RobotOptions { ControlRateHz = 100 });

    /// <summary>Instructions the emulator has received of every kind other than Sync Read and Sync Write.</summary>
    public long OtherInstructions() =>
        Enum.GetValues<FeetechInstruction>()
            .Where(instruction => instruction is not (FeetechInstruction.SyncRead or FeetechInstruction.SyncWrite))
            .Sum(Bus.GetInstructionCount);

    public void Dispose() => Emulator.Dispose();
}
