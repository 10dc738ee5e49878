using System.CommandLine;
using System.Globalization;
using System.Runtime.Versioning;
using System.Text.Json;
using RobotSdk.Calibration.Fiducials;
using RobotSdk.Calibration.Identification;
using RobotSdk.Calibration.Procedure;
using RobotSdk.Cli.Calibration;
using RobotSdk.Simulation;
using RobotSdk.Transports.Cameras;
using RobotSdk.Virtual;

namespace RobotSdk.Cli.Commands;

/// <summary>
/// <c>robot calibrate</c>: kinematic calibration from a fixed camera and a gripper tag
/// (<see cref="CalibrationProcedure"/>), written as a calibration file and an HTML report.
/// <c>--virtual</c>: a seeded imprecise virtual arm calibrated from its rendered scene camera and scored
/// against the simulation's ground truth (<see cref="VirtualCalibration"/>). <c>--port</c> and
/// <c>--camera</c>: an arm behind its real driver and an ffmpeg camera (<see cref="RealArmCalibration"/>).
/// </summary>
[SupportedOSPlatform("linux")]
internal static class CalibrateCommand
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    public static Command Create()
    {
        var arm = new Option<string>("--arm") { Description = "The arm: " + string.Join(", ", RealArmCalibration.ArmNames) + " (virtual: " + string.Join(", ", VirtualArm.Names) + ").", Required = true };
        var isVirtual = new Option<bool>("--virtual") { Description = "Calibrate a virtual arm with seeded typical imprecision and score the result against its ground truth." };
        var port = new Option<string?>("--port") { Description = "A real arm: its serial port (/dev/ttyACM0), CAN adapter or controller address, as for its driver." };
        var baud = new Option<int?>("--baud") { Description = "A real arm: the bus baud rate or CAN bitrate (default: the driver's)." };
        var camera = new Option<string?>("--camera") { Description = "A real arm: the fixed camera, read through ffmpeg: /dev/videoN, a video file, a stream URL or lavfi:GRAPH." };
        var intrinsics = new Option<string?>("--camera-intrinsics") { Description = "A real arm: camera rig file (robotsdk.camera-rig) with the camera's size and intrinsics, and optionally its nominal pose relative to the base." };
        var seed = new Option<int>("--seed") { Description = "Seeds the poses (and, with --virtual, the arm's imprecision).", DefaultValueFactory = _ => 1 };
        var poses = new Option<int>("--poses") { Description = "Calibration poses to visit (default 50).", DefaultValueFactory = _ => 50 };
        var heldOut = new Option<int>("--held-out") { Description = "Further poses, kept out of the solve, that check it (default 15).", DefaultValueFactory = _ => 15 };
        var tagSize = new Option<double?>("--tag-size") { Description = "Edge of the gripper tag's black square, metres (default with --virtual: the virtual arm's tag; required otherwise)." };
        var tagId = new Option<int>("--tag-id") { Description = "The gripper tag's id, tag36h11 (default 10).", DefaultValueFactory = _ => 10 };
        var output = new Option<string?>("--out") { Description = "Folder for the calibration file and the report (default robot-output/calibration/ARM-seedN, or ARM-TIMESTAMP for a real arm)." };
        var backlash = new Option<double>("--backlash-deg") { Description = "With --virtual: gear backlash injected into every hinge joint, degrees, the whole play (default 0.25, the typical imprecision's).", DefaultValueFactory = _ => 0.25 };
        var toolOffset = new Option<double>("--tool-offset-error-mm") { Description = "With --virtual: also make the tool frame's offset on the last link up to this much off (a jaw longer or shorter than drawn); no gripper-tag calibration can observe it (default 0).", DefaultValueFactory = _ => 0 };
        var tagMount = new Option<string?>("--tag-mount") { Description = "A real arm: the gripper tag's pose from its holder's drawing, in the last joint's frame: X,Y,Z,ROLL,PITCH,YAW (metres, degrees); weighed as a prior, it determines what the camera cannot (the wrist roll's zero, the last link's length along it)." };
        var tagMountSigma = new Option<string>("--tag-mount-sigma") { Description = "A real arm: how far to trust --tag-mount, MM,DEG (default 1,2: a printed holder).", DefaultValueFactory = _ => TagMountArgument.DefaultSigma };
        (Option<int?> replyTimeout, Option<int?> maxFailures) = LinkSettings.CreateOptions();
        var json = new Option<bool>("--json") { Description = "Print the result as JSON." };
        var command = new Command("calibrate", "Identify an arm's joint zero offsets, link lengths and camera pose from a fixed camera and the gripper tag; write a calibration file and an HTML report (--virtual: on a virtual arm, scored against ground truth).")
        {
            arm, isVirtual, port, baud, camera, intrinsics, seed, poses, heldOut, tagSize, tagId, tagMount, tagMountSigma, replyTimeout, maxFailures, backlash, toolOffset, output, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            string name = parse.GetValue(arm)!;
            bool asJson = parse.GetValue(json);
            Action<string> log = asJson ? _ => { } : Console.WriteLine;
            try
            {
                CalibrationProcedureResult procedure;
                CalibrationRunResult result;
                string folder;
                if (parse.GetValue(isVirtual))
                {
                    if (parse.GetValue(port) is not null || parse.GetValue(camera) is not null)
                    {
                        return Usage("--virtual calibrates a simulated arm; leave out --port and --camera (or leave out --virtual for a real arm).");
                    }

                    if (parse.GetValue(tagMount) is not null)
                    {
                        return Usage("--tag-mount is for a real arm: a virtual arm's tag mount comes from its model's drawing.");
                    }

                    if (!VirtualArm.Names.Contains(name, StringComparer.OrdinalIgnoreCase))
                    {
                        return Usage($"no virtual arm '{name}'; the virtual arms are: {string.Join(", ", VirtualArm.Names)}.");
                    }

                    if ((parse.GetValue(tagSize) ?? VirtualCalibration.DefaultTagSize(name)) is not double size)
                    {
                        return Usage($"give --tag-size for the {name}.");
                    }

                    double backlashDegrees = parse.GetValue(backlash);
                    if (!(backlashDegrees is >= 0 and <= 10))
                    {
                        return Usage(string.Create(CultureInfo.InvariantCulture, $"--backlash-deg must be in [0, 10] degrees; got {backlashDegrees}."));
                    }

                    double toolOffsetMillimeters = parse.GetValue(toolOffset);
                    if (!(toolOffsetMillimeters is >= 0 and <= 50))
                    {
                        return Usage(string.Create(CultureInfo.InvariantCulture, $"--tool-offset-error-mm must be in [0, 50] millimetres; got {toolOffsetMillimeters}."));
                    }

                    int seedValue = parse.GetValue(seed);
                    (procedure, result) = await VirtualCalibration.RunAsync(name, seedValue, parse.GetValue(poses), parse.GetValue(heldOut), size, backlashDegrees, toolOffsetMillimeters, log, cancellationToken).ConfigureAwait(false);
                    folder = parse.GetValue(output) ?? CalibrationOutput.DefaultFolder(name, "seed" + seedValue.ToString(CultureInfo.InvariantCulture));
                }
                else
                {
                    if (!RealArmCalibration.ArmNames.Contains(name, StringComparer.OrdinalIgnoreCase))
                    {
                        return Usage($"unknown arm '{name}'; the arms with a driver are: {string.Join(", ", RealArmCalibration.ArmNames)}.");
                    }

                    if (parse.GetValue(port) is not string portPath)
                    {
                        return Usage($"give --port PORT and --camera SOURCE to calibrate a real {name}, or --virtual to calibrate a simulated one.");
                    }

                    if (parse.GetValue(camera) is not string cameraSource)
                    {
                        return Usage($"give --camera SOURCE (/dev/videoN, a video file, a stream URL or lavfi:GRAPH): the fixed camera that sees the {name}'s gripper tag.");
                    }

                    if (parse.GetValue(tagSize) is not double size)
                    {
                        return Usage("give --tag-size: the edge of the printed tag's black square in metres, as measured on the print (for example 0.036).");
                    }

                    if (parse.GetValue(intrinsics) is not string intrinsicsPath)
                    {
                        return Usage("give --camera-intrinsics FILE: a camera rig file with the camera's intrinsics (kinematic calibration needs a calibrated camera).");
                    }

                    TagMountPrior? mountPrior;
                    try
                    {
                        mountPrior = parse.GetValue(tagMount) is string mount ? TagMountArgument.Parse(mount, parse.GetValue(tagMountSigma)!) : null;
                    }
                    catch (FormatException exception)
                    {
                        return Usage(exception.Message);
                    }

                    if (portPath.StartsWith('/') && !File.Exists(portPath))
                    {
                        return Usage($"no serial port at '{portPath}': is the arm plugged in (see `robot ports`)?");
                    }

                    CameraRigEntry cameraEntry = RealArmCalibration.ReadCamera(intrinsicsPath);
                    FfmpegCameraOptions cameraOptions = RealArmCalibration.CameraOptions(cameraSource, cameraEntry);
                    using var robot = new Robot(RealArmCalibration.CreateDriver(name, portPath, parse.GetValue(baud), new LinkSettings(parse.GetValue(replyTimeout), parse.GetValue(maxFailures))), new RobotOptions(), name);
                    await using FfmpegCamera ffmpeg = await FfmpegCamera.OpenAsync(cameraOptions, cancellationToken).ConfigureAwait(false);
                    string identity = robot.Description.Identity; // the driver's: model plus servo IDs, or the controller's address
                    (procedure, result) = await RealArmCalibration.CalibrateAsync(
                        robot,
                        ffmpeg,
                        cameraEntry.Intrinsics!,
                        cameraEntry.Extrinsics,
                        name,
                        identity,
                        new CalibrationProcedureOptions
                        {
                            TagSizeMeters = size,
                            TagId = parse.GetValue(tagId),
                            Seed = parse.GetValue(seed),
                            CalibrationPoseCount = parse.GetValue(poses),
                            HeldOutPoseCount = parse.GetValue(heldOut),
                            Identification = mountPrior is null ? null : new KinematicIdentificationOptions { TagMountPrior = mountPrior },
                        },
                        log,
                        cancellationToken).ConfigureAwait(false);
                    folder = parse.GetValue(output) ?? CalibrationOutput.DefaultFolder(name, DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
                }

                (string file, string report) = CalibrationOutput.Write(procedure, folder, result.Arm, result.ArmIdentity, result.Camera, DateTimeOffset.UtcNow);
                result = result with { CalibrationFile = file, Report = report };
                Console.WriteLine(asJson ? JsonSerializer.Serialize(result, Json) : Summary(result));
                return 0;
            }
            catch (RobotHaltedException exception)
            {
                // The safety layer already took torque off (a servo stopped answering, or a fault): say where, write nothing.
                Console.Error.WriteLine($"robot calibrate: the arm stopped, nothing was written: {exception.Message}");
                return 1;
            }
            catch (Exception exception) when (exception is SimulationException or AprilTagUnavailableException)
            {
                Console.Error.WriteLine($"robot calibrate: {exception.Message}");
                return 3;
            }
            catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or InvalidDataException or FileNotFoundException
                or HardwareFaultException or DeviceUnavailableException or DeviceDisconnectedException or IOException or TimeoutException)
            {
                Console.Error.WriteLine($"robot calibrate: {exception.Message}");
                return 1;
            }
        });
        return command;
    }

    private static int Usage(string message)
    {
        Console.Error.WriteLine($"robot calibrate: {message}");
        return 2;
    }

    private static string Summary(CalibrationRunResult r)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        var lines = new List<string>
        {
            string.Create(c, $"{r.ArmIdentity}: {r.PosesUsed} calibration and {r.HeldOutUsed} held-out poses with the tag seen ({r.TagNotFound} without, {r.Unreachable} unreachable, {r.Refused} refused) in {r.ElapsedSeconds:0} s"),
        };
        if (r.Mode == "virtual")
        {
            lines.Add(string.Create(c, $"median tool error on held-out poses against ground truth (camera frame): before {r.ToolErrorMmBefore:0.00} mm, hand-eye only {r.ToolErrorMmHandEyeOnly:0.00} mm, after {r.ToolErrorMmAfter:0.00} mm"));
            lines.Add(string.Create(c, $"median joint offset error over estimated joints: {r.JointOffsetErrorDeg:0.000} deg"));
        }

        lines.Add(string.Create(c, $"median tag error on held-out poses measured by the camera: before {r.CameraToolErrorMmBefore:0.00} mm, after {r.CameraToolErrorMmAfter:0.00} mm; held-out reprojection RMS before {r.HeldOutReprojectionPxBefore:0.000} px, after {r.HeldOutReprojectionPxAfter:0.000} px"));
        lines.Add(string.Create(c, $"reprojection RMS at the solution {r.ReprojectionPx:0.000} px"));
        lines.AddRange(r.Joints.Select(j => string.Create(c, $"  {j.Name}: {(j.Estimated ? "estimated" : "held")} {j.OffsetDeg:+0.000;-0.000} deg{(j.TrueOffsetDeg is double truth ? string.Create(c, $", true {truth:+0.000;-0.000} deg") : string.Empty)}")));
        lines.AddRange(r.Identifiability.Select(line => "  " + line));
        lines.Add($"calibration file: {r.CalibrationFile}");
        lines.Add($"report: {r.Report}");
        return string.Join(Environment.NewLine, lines);
    }
}
