using RobotSdk.Drivers.AgileX.Emulation;
using RobotSdk.Emulation;

namespace RobotSdk.Drivers.AgileX.Tests;

/// <summary>
/// A whole PiPER on a real pty: a <see cref="PiperEmulator"/> over a first-order backend, behind
/// an emulated SLCAN adapter with a symbolic link at a unique path, as a udev by-id name would be.
/// </summary>
internal sealed class EmulatedPiper : IDisposable
{
    public EmulatedPiper(IReadOnlyList<double>? initialPositions = null, PiperEmulatorOptions? options = null, string? linkPath = null)
    {
        Joints = new FirstOrderJointBackend(PiperArm.JointCount, timeConstantSeconds: 0.02, maxVelocity: PiperArm.MaxJointSpeedRadiansPerSecond, initialPositions: initialPositions);
        options ??= new PiperEmulatorOptions();
        options.LinkPath = linkPath ?? Path.Combine(Path.GetTempPath(), $"ttyPIPER-{Guid.NewGuid():N}");
        Emulator = new PiperEmulator(Joints, options);
        Emulator.Start();
    }

    public FirstOrderJointBackend Joints { get; }

    public PiperEmulator Emulator { get; }

    public string LinkPath => Emulator.PortPath;

    /// <summary>
    /// Driver options for tests: timeouts a loaded two-core machine never reaches by accident,
    /// full speed so moves finish quickly.
    /// </summary>
    public static PiperDriverOptions PatientOptions(Action<PiperDriverOptions>? change = null)
    {
        var options = new PiperDriverOptions
        {
            ConnectTimeoutMs = 5000,
            EnableTimeoutMs = 5000,
            FeedbackTimeoutMs = 500,
            SpeedPercent = 100,
        };
        change?.Invoke(options);
        return options;
    }

    public PiperDriver CreateDriver(PiperDriverOptions? options = null) => new(LinkPath, options ?? PatientOptions());

    public Robot CreateRobot(PiperDriverOptions? options = null) =>
        new(CreateDriver(options), new RobotOptions { ControlRateHz = 100 });

    public void Dispose() => Emulator.Dispose();
}
