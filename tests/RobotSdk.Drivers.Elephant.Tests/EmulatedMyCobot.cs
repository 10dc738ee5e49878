using RobotSdk.Drivers.Elephant.Emulation;
using RobotSdk.Emulation;

namespace RobotSdk.Drivers.Elephant.Tests;

/// <summary>
/// A myCobot 280 on a real pty: a <see cref="MyCobotEmulator"/> over a first-order backend, with a
/// symbolic link at a unique path so drivers open it like a stable <c>/dev/serial/by-id</c> name.
/// Firmware latency is 2 ms unless the options say otherwise, so tests run quickly.
/// </summary>
internal sealed class EmulatedMyCobot : IDisposable
{
    public EmulatedMyCobot(IReadOnlyList<double>? initialPositions = null, MyCobotEmulatorOptions? options = null, string? linkPath = null, bool withGripper = true)
    {
        Joints = MyCobotEmulator.CreateBackend(withGripper, initialPositions);
        options ??= new MyCobotEmulatorOptions { ProcessingLatency = TimeSpan.FromMilliseconds(2) };
        options.LinkPath = linkPath ?? Path.Combine(Path.GetTempPath(), $"ttyMYCOBOT-{Guid.NewGuid():N}");
        Emulator = new MyCobotEmulator(Joints, options);
        Emulator.Start();
    }

    public FirstOrderJointBackend Joints { get; }

    public MyCobotEmulator Emulator { get; }

    public string LinkPath => Emulator.PortPath;

    /// <summary>Link options for tests: a reply timeout a loaded two-core machine never reaches by accident.</summary>
    public static MyCobotBusOptions PatientBus() => new() { ReplyTimeoutMs = 300, Retries = 2 };

    /// <summary>Link options for fault tests: two attempts per query, so a dead link fails sooner.</summary>
    public static MyCobotBusOptions OneRetry() => new() { ReplyTimeoutMs = 300, Retries = 1 };

    public MyCobotDriver CreateDriver(MyCobotDriverOptions? options = null)
    {
        options ??= new MyCobotDriverOptions { Bus = PatientBus() };
        options.MaxControlRateHz = 100; // this emulator answers in 2 ms, not the real firmware's 20
        return new(LinkPath, options);
    }

    public Robot CreateRobot(MyCobotDriverOptions? options = null, double controlRateHz = 50) =>
        new(CreateDriver(options), new RobotOptions { ControlRateHz = controlRateHz });

    public void Dispose() => Emulator.Dispose();
}
