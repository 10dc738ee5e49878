using System.Runtime.Versioning;
using RobotSdk.Drivers.Feetech;
using RobotSdk.Drivers.Feetech.Emulation;
using RobotSdk.Simulation;

namespace RobotSdk.Cli.Demo;

/// <summary>
/// A virtual SO-101 wired as a real one: the MuJoCo arm stepping in real time, the Feetech bus
/// emulator whose servos are the simulated joints, and a <see cref="Robot"/> over the real
/// <see cref="FeetechArmDriver"/> on the emulator's pseudo-terminal. Disposing stops all three.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class VirtualSo101 : IDisposable
{
    private readonly string _directory;

    private VirtualSo101(VirtualWorld world, FeetechArmEmulator emulator, Robot robot, string directory)
    {
        World = world;
        Emulator = emulator;
        Robot = robot;
        _directory = directory;
    }

    /// <summary>The simulation: ground truth for reports, never for control.</summary>
    public VirtualWorld World { get; }

    /// <summary>The emulated STS3215 bus whose servos are the simulated joints.</summary>
    public FeetechArmEmulator Emulator { get; }

    /// <summary>The robot, over the real driver, as an application would use a physical SO-101.</summary>
    public Robot Robot { get; }

    /// <summary>Starts the world and the emulator and builds the robot (not yet connected).</summary>
    public static VirtualSo101 Start(double controlRateHz)
    {
        string directory = Directory.CreateTempSubdirectory("robotsdk-virtual-so101-").FullName;
        VirtualWorld? world = null;
        FeetechArmEmulator? emulator = null;
        try
        {
            world = VirtualWorld.CreateSo101();
            world.Start();
            emulator = new FeetechArmEmulator(FeetechArms.So101Follower, world.Joints, new FeetechArmEmulatorOptions { LinkPath = Path.Combine(directory, "so101") });
            emulator.Start();
            // A patient bus: the emulator shares the machine's cores with the physics and the renderer,
            // so a busy moment delays a reply in a way a real bus would not.
            var driverOptions = new FeetechArmDriverOptions { Bus = new FeetechBusOptions { ReplyTimeoutMs = 50 }, MaxConsecutiveFailures = 5 };
            var robot = new Robot(new FeetechArmDriver(emulator.PortPath, FeetechArms.So101Follower, driverOptions), new RobotOptions { ControlRateHz = controlRateHz }, "virtual-so101");
            return new VirtualSo101(world, emulator, robot, directory);
        }
        catch
        {
            emulator?.Dispose();
            world?.Dispose();
            Directory.Delete(directory, recursive: true);
            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Robot.Dispose();
        Emulator.Dispose();
        World.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
