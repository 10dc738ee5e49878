using RobotSdk.Drivers.Dynamixel.Emulation;
using RobotSdk.Emulation;
using RobotSdk.Transports;

namespace RobotSdk.Drivers.Dynamixel.Tests;

/// <summary>
/// A real bus against a real emulator over a real pty: joints that reach their goals at once,
/// virtual servos, a <see cref="LinuxSerialPort"/> on the pty and a <see cref="DynamixelBus"/> on that.
/// </summary>
internal sealed class EmulatedBus : IDisposable
{
    public EmulatedBus(
        IReadOnlyList<VirtualServo> servos,
        DynamixelBusOptions? busOptions = null,
        DynamixelEmulatorOptions? emulatorOptions = null,
        int clientBaudRate = 1_000_000)
    {
        int joints = servos.Max(servo => servo.JointIndex) + 1;
        Backend = new FirstOrderJointBackend(joints, timeConstantSeconds: 0, maxVelocity: 1e9);
        Emulator = new DynamixelEmulator(Backend, servos, emulatorOptions);
        Emulator.Start();
        Port = new LinuxSerialPort(Emulator.PortPath, new SerialPortOptions { BaudRate = clientBaudRate });
        Bus = new DynamixelBus(Port, busOptions ?? new DynamixelBusOptions { ReplyTimeoutMs = 200, BaudRate = clientBaudRate });
        Bus.Open();
    }

    public FirstOrderJointBackend Backend { get; }

    public DynamixelEmulator Emulator { get; }

    public LinuxSerialPort Port { get; }

    public DynamixelBus Bus { get; }

    /// <summary>An XM430-W350 (or <paramref name="model"/>) answering at once (Return Delay Time 0) on joint <c>id - 1</c>.</summary>
    public static VirtualServo Servo(byte id, ServoModel? model = null, int? joint = null) =>
        new(id, model ?? ServoModel.XM430W350, joint ?? (id - 1)) { ReturnDelayTime = 0 };

    /// <summary>Servos 1 to <paramref name="count"/>.</summary>
    public static VirtualServo[] Servos(int count) => [.. Enumerable.Range(1, count).Select(id => Servo((byte)id))];

    public void Dispose()
    {
        Port.Dispose();
        Emulator.Dispose();
        Assert.Null(Emulator.Fault);
    }
}
