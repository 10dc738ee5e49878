using System.CommandLine;
using System.Globalization;
using System.Runtime.Versioning;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RobotSdk.Calibration.Files;
using RobotSdk.Configuration;
using RobotSdk.Geometry;
using RobotSdk.Hardware;

namespace RobotSdk.Cli.Commands;

/// <summary>
/// <c>robot move</c>: move a robot from a profile to joint positions through the control loop and safety layer.
/// With <c>--calibration</c>, the arm's kinematic calibration replaces its nominal chain (for the workspace
/// box and the tool pose printed at the end); a file made on another arm is refused before anything moves (exit 1).
/// </summary>
[SupportedOSPlatform("linux")]
internal static class MoveCommand
{
    public static Command Create()
    {
        var profile = new Option<string>("--profile") { Description = "JSON profile with a \"Robots\" section.", Required = true };
        var robot = new Option<string?>("--robot") { Description = "Which robot of the profile (default: the only one)." };
        var joints = new Option<string>("--joints") { Description = "Comma-separated arm joint positions in radians, in the arm's joint order.", Required = true };
        var speed = new Option<double>("--speed") { Description = "Fraction of the velocity limits, (0, 1].", DefaultValueFactory = _ => 0.3 };
        var calibration = new Option<string?>("--calibration")
        {
            Description = "Kinematic calibration file (robot calibrate) of this very arm: its chain replaces the nominal one for the workspace box and the reported tool pose. A file made on another arm is refused.",
        };
        var command = new Command("move", "Move an arm to joint positions (radians) through the control loop and safety layer, then turn torque off.") { profile, robot, joints, speed, calibration };
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                double[] goal = [.. parse.GetValue(joints)!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                    .Select(text => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture))];
                using ServiceProvider services = ProfileServices.Build(parse.GetValue(profile)!);
                using Robot arm = ProfileServices.Resolve(services, parse.GetValue(robot));
                string? calibrationPath = parse.GetValue(calibration);
                if (calibrationPath is not null)
                {
                    // Before Connect: a file of another arm must not get as far as the hardware.
                    arm.UseCalibration(KinematicCalibrationFile.LoadFor(calibrationPath, arm.Description), calibrationPath);
                }

                arm.Connect();
                arm.Activate();
                await arm.Arm.MoveToAsync(goal, parse.GetValue(speed), cancellationToken: cancellationToken).ConfigureAwait(false);
                var reached = new double[goal.Length];
                arm.Arm.ReadPositions(reached);
                Console.WriteLine(string.Join(Environment.NewLine, arm.Arm.Joints.Select((joint, i) =>
                    string.Create(CultureInfo.InvariantCulture, $"{joint.Name,-16} {reached[i],9:0.0000} rad (goal {goal[i]:0.0000})"))));
                if (arm.Kinematics is { } chain)
                {
                    // The arm's joints are the chain's, in its order: the tool where the printed positions put it.
                    Vector3D tool = chain.ToolPosition(reached);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"tool at ({tool.X:0.0000}, {tool.Y:0.0000}, {tool.Z:0.0000}) m, {(calibrationPath is null ? "nominal kinematics" : $"calibrated kinematics from {calibrationPath}")}"));
                }

                arm.Deactivate();
                Console.WriteLine("torque off.");
                return 0;
            }
            catch (Exception exception) when (exception is RobotConfigurationException or InvalidDataException or FileNotFoundException or CalibrationMismatchException or HardwareFaultException
                or FormatException or ArgumentException or RobotHaltedException or TimeoutException or InvalidOperationException)
            {
                Console.Error.WriteLine($"robot move: {exception.Message}");
                return 1;
            }
        });
        return command;
    }
}
