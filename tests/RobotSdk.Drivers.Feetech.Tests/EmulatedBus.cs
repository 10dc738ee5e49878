using RobotSdk.Drivers.Feetech.Emulation;
using RobotSdk.Emulation;
using RobotSdk.Transports;

namespace RobotSdk.Drivers.Feetech.Tests;

/// <summary>
/// A real bus over a real pty: an emulator with virtual STS3215s on joints of a first-order
/// backend, a <see cref="LinuxSerialPort"/> on its subordinate side and a <see cref="FeetechBus"/>.
/// </summary>
internal sealed class EmulatedBus : IDisposable
{
    public static readonly byte[] ArmIds = [1, 2, 3, 4, 5, 6];

    public EmulatedBus(
        IReadOnlyList<VirtualServoConfiguration>? servos = null,
        FeetechBusOptions? busOptions = null,
        FeetechEmulatorOptions? emulatorOptions = null)
    {
        servos ??= ArmIds.Select((id, joint) => new VirtualServoConfiguration(id, joint)).ToList();
        Backend = new FirstOrderJointBackend(servos.Max(servo => servo.JointIndex) + 1, timeConstantSeconds: 0, maxVelocity: 1e6);
        Emulator = new FeetechEmulator(Backend, servos, emulatorOptions);
        Emulator.Start();
        Port = new LinuxSerialPort(Emulator.PortPath);
        Bus = new FeetechBus(Port, busOptions ?? new FeetechBusOptions { ReplyTimeoutMs = 250 });
        Bus.Open();
    }

    public FirstOrderJointBackend Backend { get; }

    public FeetechEmulator Emulator { get; }

    public LinuxSerialPort Port { get; }

    public FeetechBus Bus { get; }

    /// <summary>
    /// Options for fault tests: timeouts short enough that failing attempts stay quick, long
    /// enough that a loaded machine (two cores shared with other builds) never times out a reply
    /// that is on its way.
    /// </summary>
    public static FeetechBusOptions FastFailing(int retries = 2) => new() { ReplyTimeoutMs = 250, Retries = retries };

    public void Dispose()
    {
        Port.Dispose();
        Emulator.Dispose();
    }
}
