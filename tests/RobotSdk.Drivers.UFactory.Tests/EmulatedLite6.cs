using RobotSdk.Drivers.UFactory.Emulation;
using RobotSdk.Emulation;

namespace RobotSdk.Drivers.UFactory.Tests;

/// <summary>A Lite 6 controller emulator on 127.0.0.1 over a first-order backend (7 joints: the arm and the gripper).</summary>
internal sealed class EmulatedLite6 : IDisposable
{
    public EmulatedLite6(IReadOnlyList<double>? initialPositions = null, int port = 0, Lite6EmulatorOptions? options = null)
    {
        double[] positions = new double[Lite6Arm.JointCount];
        initialPositions?.ToArray().CopyTo(positions, 0);
        Joints = new FirstOrderJointBackend(Lite6Arm.JointCount, timeConstantSeconds: 0.02, maxVelocity: Lite6Emulator.DefaultMaxVelocityRadiansPerSecond, initialPositions: positions);
        options ??= new Lite6EmulatorOptions();
        options.Port = port;
        Emulator = new Lite6Emulator(Joints, options);
        Emulator.Start();
    }

    public FirstOrderJointBackend Joints { get; }

    public Lite6Emulator Emulator { get; }

    public int Port => Emulator.Port;

    /// <summary>Options for tests: reply timeouts a loaded two-core machine never reaches by accident.</summary>
    public static Lite6DriverOptions Patient() => new() { ReplyTimeoutMs = 250, CommandTimeoutMs = 2000 };

    public Lite6Driver CreateDriver(Lite6DriverOptions? options = null) => new(Lite6Emulator.Host, Port, options ?? Patient());

    public static Robot CreateRobot(Lite6Driver driver) => new(driver, new RobotOptions { ControlRateHz = 100 });

    public double[] ArmPositions() => [.. Enumerable.Range(0, Lite6Arm.ArmJointCount).Select(Joints.GetPresentPosition)];

    public void Dispose() => Emulator.Dispose();
}
