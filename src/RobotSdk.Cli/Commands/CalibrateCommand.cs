using System.CommandLine;
using System.Globalization;
using System.Runtime.Versioning;
using System.Text.Json;
using RobotSdk.Calibration.Fiducials;
using RobotSdk.Cli.Calibration;
using RobotSdk.Simulation;
using RobotSdk.Virtual;

namespace RobotSdk.Cli.Commands;

/// <summary>
/// <c>robot calibrate</c>: kinematic calibration from a camera and a gripper tag. For now only
/// <c>--virtual</c>: a seeded imprecise virtual arm calibrated from its rendered scene camera and scored
/// against the simulation's ground truth (<see cref="VirtualCalibration"/>).
/// </summary>
[SupportedOSPlatform("linux")]
internal static class CalibrateCommand
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    public static Command Create()
    {
        var arm = new Option<string>("--arm") { Description = "The arm: " + string.Join(", ", VirtualArm.Names) + ".", Required = true };
        arm.AcceptOnlyFromAmong([.. VirtualArm.Names]);
        var isVirtual = new Option<bool>("--virtual") { Description = "Calibrate a virtual arm with seeded typical imprecision and score the result against its ground truth (the only mode so far)." };
        var seed = new Option<int>("--seed") { Description = "Seeds the arm's imprecision and the poses.", DefaultValueFactory = _ => 1 };
        var poses = new Option<int>("--poses") { Description = "Calibration poses to visit (default 50).", DefaultValueFactory = _ => 50 };
        var heldOut = new Option<int>("--held-out") { Description = "Further poses, kept out of the solve, that score it (default 15).", DefaultValueFactory = _ => 15 };
        var tagSize = new Option<double?>("--tag-size") { Description = "Edge of the gripper tag's black square, metres (default: the tag of the virtual arm)." };
        var backlash = new Option<double>("--backlash-deg") { Description = "Gear backlash injected into every hinge joint of the virtual arm, degrees, the whole play (default 0.25, the typical imprecision's).", DefaultValueFactory = _ => 0.25 };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON." };
        var command = new Command("calibrate", "Identify an arm's joint zero offsets, link lengths and camera pose from a camera and the gripper tag (--virtual: on a virtual arm, scored against ground truth).")
        {
            arm, isVirtual, seed, poses, heldOut, tagSize, backlash, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            string name = parse.GetValue(arm)!;
            if (!parse.GetValue(isVirtual))
            {
                Console.Error.WriteLine("robot calibrate: only --virtual is implemented so far.");
                return 2;
            }

            if ((parse.GetValue(tagSize) ?? VirtualCalibration.DefaultTagSize(name)) is not double size)
            {
                Console.Error.WriteLine($"robot calibrate: give --tag-size for the {name}.");
                return 2;
            }

            double backlashDegrees = parse.GetValue(backlash);
            if (!(backlashDegrees is >= 0 and <= 10))
            {
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"robot calibrate: --backlash-deg must be in [0, 10] degrees; got {backlashDegrees}."));
                return 2;
            }

            bool asJson = parse.GetValue(json);
            Action<string> log = asJson ? _ => { } : Console.WriteLine;
            try
            {
                VirtualCalibrationResult result = await VirtualCalibration.RunAsync(name, parse.GetValue(seed), parse.GetValue(poses), parse.GetValue(heldOut), size, backlashDegrees, log, cancellationToken).ConfigureAwait(false);
                Console.WriteLine(asJson ? JsonSerializer.Serialize(result, Json) : Summary(result));
                return 0;
            }
            catch (Exception exception) when (exception is SimulationException or AprilTagUnavailableException)
            {
                Console.Error.WriteLine($"robot calibrate: {exception.Message}");
                return 3;
            }
            catch (Exception exception) when (exception is ArgumentException or InvalidOperationException)
            {
                Console.Error.WriteLine($"robot calibrate: {exception.Message}");
                return 1;
            }
        });
        return command;
    }

    private static string Summary(VirtualCalibrationResult r)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        var lines = new List<string>
        {
            string.Create(c, $"virtual {r.Arm}, seed {r.Seed}: {r.PosesUsed} calibration and {r.HeldOutUsed} held-out poses with the tag seen ({r.TagNotFound} without, {r.Unreachable} unreachable, {r.Refused} refused) in {r.ElapsedSeconds:0} s"),
            string.Create(c, $"median tool error on held-out poses (camera frame): before {r.ToolErrorMmBefore:0.00} mm, hand-eye only {r.ToolErrorMmHandEyeOnly:0.00} mm, after {r.ToolErrorMmAfter:0.00} mm"),
            string.Create(c, $"median joint offset error over estimated joints: {r.JointOffsetErrorDeg:0.000} deg; reprojection RMS {r.ReprojectionPx:0.000} px"),
        };
        lines.AddRange(r.Joints.Select(j => string.Create(c, $"  {j.Name}: {(j.Estimated ? "estimated" : "held")} {j.OffsetDeg:+0.000;-0.000} deg, true {j.TrueOffsetDeg:+0.000;-0.000} deg")));
        lines.AddRange(r.Identifiability.Select(line => "  " + line));
        return string.Join(Environment.NewLine, lines);
    }
}
