// HelloArm: the smallest complete RobotSdk program. Copy it and change the profile.
// It builds a robot from a JSON profile through dependency injection, activates it, moves
// it, reads its state and e-stops it. The profile uses the mirror driver, so it runs
// without hardware; point "Driver", "Arm" and "Port" at a real arm to drive one.
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RobotSdk;
using RobotSdk.Configuration;
using RobotSdk.Geometry;

string profilePath = Path.GetFullPath(args.Length > 0 ? args[0] : Path.Combine(AppContext.BaseDirectory, "hello-arm.json"));
try
{
    await RunAsync(profilePath);
    return 0;
}
catch (Exception exception) when (exception is RobotConfigurationException or InvalidDataException or FileNotFoundException or HardwareFaultException)
{
    // Bad profiles and unreachable hardware are the user's to fix: one clear message, no stack trace.
    // A JSON syntax error's line and position are in the inner exceptions.
    string detail = exception is InvalidDataException ? string.Concat(Chain(exception.InnerException).Select(e => " " + e.Message)) : string.Empty;
    Console.Error.WriteLine($"hello-arm: {exception.Message}{detail}");
    return 1;
}

static async Task RunAsync(string profilePath)
{
    IConfigurationRoot configuration = new ConfigurationBuilder().AddJsonFile(profilePath).Build();

    var services = new ServiceCollection()
        .AddLogging(logging => logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information));
    services.AddRobotSdk(configuration);
    using ServiceProvider provider = services.BuildServiceProvider();

    // Fail fast, with the file and field named, before touching hardware.
    provider.ValidateRobotProfiles();
    Robot robot = provider.GetRequiredKeyedService<Robot>("arm");

    robot.Connect();   // open the transport, start the control loop (torque still off)
    robot.Activate();  // torque on, holding the measured position

    // Move the joints (radians), then the tool (metres) through inverse kinematics.
    await robot.Arm.MoveToAsync([0.3, 0.2, -0.3, 0.1, 0.0]);
    await robot.MoveToPoseAsync(new Pose(new Vector3D(0.22, 0.05, 0.15), Rotation.Identity));
    robot.Gripper?.SetOpenFraction(0.5);

    // Read the state.
    var positions = new double[robot.Arm.Joints.Count];
    robot.Arm.ReadPositions(positions);
    for (int i = 0; i < positions.Length; i++)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{robot.Arm.Joints[i].Name,-14} {positions[i],8:0.000} rad"));
    }

    Console.WriteLine($"tool at {robot.GetToolPose().Position} m");

    // E-stop: callable from any thread; the next control cycle holds the arm.
    robot.EmergencyStop();
    Console.WriteLine($"e-stopped: {robot.IsEmergencyStopped}; commands are refused until the reset");
    robot.ResetEmergencyStop();
    robot.Deactivate(); // torque off
}

static IEnumerable<Exception> Chain(Exception? exception)
{
    for (; exception is not null; exception = exception.InnerException)
    {
        yield return exception;
    }
}
