using RobotSdk.Drivers.Dynamixel.Emulation;
using RobotSdk.Emulation;
using RobotSdk.Transports;

namespace RobotSdk.Drivers.Dynamixel.Tests;

/// <summary>
/// A whole arm over a real pty: a <see cref="DynamixelArmEmulator"/> at a link path, and on
/// demand a <see cref="Robot"/> over a <see cref="DynamixelArmDriver"/> over a
/// <see cref="LinuxSerialPort"/> at that path, or a bare bus for the calibration recorder.
/// </summary>
internal sealed class ArmRig : IDisposable
{
    private readonly List<IDisposable> _owned = [];
    private readonly DynamixelArmEmulatorOptions _emulatorOptions;

    public ArmRig(DynamixelArm arm, DynamixelArmEmulatorOptions? emulatorOptions = null, IReadOnlyList<double>? initialPositions = null)
    {
        Arm = arm;
        LinkPath = Path.Combine(Path.GetTempPath(), $"ttyDXL-{arm.Model}-{Guid.NewGuid():N}");
        Backend = new FirstOrderJointBackend(arm.Joints.Count, initialPositions: initialPositions ?? InitialPositions(arm));
        _emulatorOptions = emulatorOptions ?? new DynamixelArmEmulatorOptions();
        _emulatorOptions.LinkPath = LinkPath;
        Emulator = StartEmulator();
    }

    public DynamixelArm Arm { get; }

    public string LinkPath { get; }

    public FirstOrderJointBackend Backend { get; }

    /// <summary>The emulator serving the link now (the latest one after <see cref="ReplaceEmulator"/>).</summary>
    public DynamixelArmEmulator Emulator { get; private set; }

    public DynamixelEmulator Bus => Emulator.Emulator;

    /// <summary>Distinct, non-zero positions within every arm's limits: 0.05 rad × (joint + 1).</summary>
    public static double[] InitialPositions(DynamixelArm arm) => [.. Enumerable.Range(0, arm.Joints.Count).Select(index => 0.05 * (index + 1))];

    /// <summary>Bus settings that tolerate a loaded two-core machine.</summary>
    public static DynamixelArmDriverOptions DriverOptions() => new() { Bus = new DynamixelBusOptions { ReplyTimeoutMs = 100 } };

    public DynamixelArmDriver CreateDriver(DynamixelArmDriverOptions? options = null)
    {
        var driver = new DynamixelArmDriver(LinkPath, Arm, options ?? DriverOptions());
        _owned.Add(driver);
        return driver;
    }

    public Robot CreateRobot(DynamixelArmDriverOptions? options = null)
    {
        var robot = new Robot(new DynamixelArmDriver(LinkPath, Arm, options ?? DriverOptions()), new RobotOptions { ControlRateHz = 100 });
        _owned.Add(robot);
        return robot;
    }

    /// <summary>A bus of its own on the link (for the calibration recorder); dispose the port before a driver opens the link.</summary>
    public (LinuxSerialPort Port, DynamixelBus Bus) OpenBus()
    {
        var port = new LinuxSerialPort(LinkPath, new SerialPortOptions { BaudRate = 1_000_000 });
        _owned.Add(port);
        var bus = new DynamixelBus(port, new DynamixelBusOptions { ReplyTimeoutMs = 100 });
        bus.Open();
        return (port, bus);
    }

    /// <summary>A new emulator at the same link, over the same joints: the adapter plugged back in.</summary>
    public DynamixelArmEmulator ReplaceEmulator()
    {
        Emulator = StartEmulator();
        return Emulator;
    }

    /// <summary>The backend's joint angles of the robot's arm group, in the group's order.</summary>
    public double[] BackendArmPositions(Robot robot) =>
        [.. robot.Arm.Joints.Select(joint => Backend.GetPresentPosition(Arm.IndexOf(joint.Name)))];

    /// <summary>Waits until the robot has run <paramref name="cycles"/> more control cycles.</summary>
    public static void WaitCycles(Robot robot, int cycles)
    {
        long start = robot.GetDiagnostics().Cycles;
        Poll.Until(() => robot.GetDiagnostics().Cycles >= start + cycles, $"{cycles} control cycles");
    }

    public void Dispose()
    {
        for (int index = _owned.Count - 1; index >= 0; index--)
        {
            _owned[index].Dispose();
        }
    }

    private DynamixelArmEmulator StartEmulator()
    {
        var emulator = new DynamixelArmEmulator(Arm, Backend, _emulatorOptions);
        _owned.Add(emulator);
        emulator.Start();
        return emulator;
    }
}
