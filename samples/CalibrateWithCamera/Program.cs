// CalibrateWithCamera: measure how an arm is really built, with one fixed camera and an AprilTag on the
// gripper, save the result, and drive the arm through the corrected model. Without arguments it runs on
// a virtual SO-101 built with typical errors (joint zeros, link lengths, camera placement); with
// --profile, --camera-rig, --camera and --tag-size it calibrates a real arm. See README.md.
using System.Globalization;
using System.Numerics;
using System.Runtime.Versioning;
using Microsoft.Extensions.DependencyInjection;
using RobotSdk;
using RobotSdk.Calibration.Files;
using RobotSdk.Calibration.Fiducials;
using RobotSdk.Calibration.Identification;
using RobotSdk.Calibration.Procedure;
using RobotSdk.Calibration.Reports;
using RobotSdk.Configuration;
using RobotSdk.Geometry;
using RobotSdk.Hardware;
using RobotSdk.Kinematics;
using RobotSdk.Simulation;
using RobotSdk.Transports.Cameras;
using RobotSdk.Virtual;

[assembly: SupportedOSPlatform("linux")] // the simulator, serial ports and ffmpeg cameras are Linux-only

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture; // numbers print the same everywhere
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); }; // stop where it is, then torque off
try
{
    Dictionary<string, string> options = ParseOptions(args);
    int seed = Number(options, "--seed", 1), poses = Number(options, "--poses", 24), heldOut = Number(options, "--held-out", 6);
    string output = Path.GetFullPath(options.GetValueOrDefault("--out") ?? Path.Combine("robot-output", "calibrate-with-camera"));
    string[] real = ["--profile", "--camera-rig", "--camera", "--tag-size"];
    if (real.Any(options.ContainsKey) && !real.All(options.ContainsKey))
    {
        throw new ArgumentException($"a real arm needs all of {string.Join(", ", real)}; missing: {string.Join(", ", real.Where(o => !options.ContainsKey(o)))}.");
    }

    if (!options.TryGetValue("--profile", out string? profilePath))
    {
        // The virtual arm's imprecision is seeded, so a seed gives the same "badly built" arm every run.
        using VirtualArm arm = VirtualArm.Start("so101", new VirtualArmOptions { World = new VirtualWorldOptions { Imprecision = ArmImprecision.Typical(seed) } });
        using var robot = new Robot(arm.CreateDriver(), new RobotOptions { ControlRateHz = 100 });
        SimulatedCamera camera = arm.OpenCamera("scene", 640, 480, framesPerSecond: 15); // the arm disposes it
        camera.Start(); // streams like a real camera; RobotCalibrationRig waits for a frame taken after the arm stopped
        // Where the scene file says the camera is (the truth differs by the imprecision): the pilot aims with it.
        Pose cameraInBase = camera.ToRigEntry(CameraMount.Fixed).Extrinsics!.Value;
        // Where the tag's holder puts it on the gripper (body of the last joint, wrist_roll), from the model; the
        // virtual tag sits up to 0.5 mm and 1 degree off it, as a printed holder would: a prior, not the truth.
        Pose? mount = arm.World.GetNominalTagMount(10, "wrist_roll");
        TagMountPrior? tagMount = mount is { } drawn ? new TagMountPrior(drawn, PositionStandardDeviationMeters: 0.001, RotationStandardDeviationDegrees: 2) : null;
        await CalibrateAndUseAsync(robot, camera, camera.Intrinsics, cameraInBase, 0.036, tagMount, seed, poses, heldOut, output, cancel.Token);
    }
    else
    {
        // The camera rig file holds the camera's intrinsics (calibrate them first) and, optionally, its rough pose.
        string rigPath = ExistingFile(options, "--camera-rig");
        CameraRigEntry entry = CameraRigFile.Load(rigPath).Cameras.FirstOrDefault(c => c.Mount == CameraMount.Fixed && c.Intrinsics is not null)
            ?? throw new InvalidDataException($"{rigPath}: no fixed camera with intrinsics; calibrate the camera's intrinsics and store them there first.");
        string source = File.Exists(options["--camera"]) ? options["--camera"] : throw new FileNotFoundException($"no camera at '{options["--camera"]}' (give a /dev/videoN device).");
        double tagSize = Number(options, "--tag-size", 0.0);
        using ServiceProvider services = ServoArmProfile.Load(ExistingFile(options, "--profile"));
        Robot robot = services.GetRequiredService<RobotCatalog>().RobotNames.Contains("arm")
            ? services.GetRequiredKeyedService<Robot>("arm")
            : throw new InvalidDataException($"{profilePath}: no robot called \"arm\" under \"Robots\" (see samples/HelloArm/hello-arm.json).");
        var cameraOptions = new FfmpegCameraOptions { Name = entry.Name, Source = source, Width = entry.Width, Height = entry.Height, Intrinsics = entry.Intrinsics };
        await using FfmpegCamera camera = await FfmpegCamera.OpenAsync(cameraOptions, cancel.Token);
        // No drawing of your tag's holder here: its pose on the gripper is left free (give a TagMountPrior if you have one).
        await CalibrateAndUseAsync(robot, camera, entry.Intrinsics!, entry.Extrinsics, tagSize, null, seed, poses, heldOut, output, cancel.Token);
    }

    return 0;
}
catch (Exception exception) when (exception is ArgumentException or RobotConfigurationException or InvalidDataException or FileNotFoundException
    or KeyNotFoundException or HardwareFaultException or TimeoutException or InvalidOperationException or AprilTagUnavailableException or OperationCanceledException)
{
    // Bad arguments, files, hardware, or a tag the camera cannot see are the user's to fix: one line, no stack trace.
    string detail = string.Empty; // a JSON syntax error's line and position are in the inner exceptions
    for (Exception? inner = exception is InvalidDataException ? exception.InnerException : null; inner is not null; inner = inner.InnerException)
    {
        detail += " " + inner.Message;
    }

    Console.Error.WriteLine($"calibrate-with-camera: {exception.Message}{detail}");
    return 1;
}

static async Task CalibrateAndUseAsync(Robot robot, ICamera camera, CameraIntrinsics intrinsics, Pose? cameraInBase, double tagSize, TagMountPrior? tagMount,
    int seed, int poses, int heldOut, string output, CancellationToken cancellationToken)
{
    SerialChain nominal = robot.Kinematics ?? throw new InvalidDataException($"the {robot.Description.Model} describes no kinematics, so there is nothing to calibrate.");
    robot.Connect();
    robot.Activate(); // the procedure moves the arm: keep the space around it clear
    try
    {
        using var detector = new AprilTagDetector(AprilTagDetectorOptions.ForCalibration());
        CalibrationProcedureResult result = await CalibrationProcedure.RunAsync(
            new RobotCalibrationRig(robot, camera), robot.Description, intrinsics, detector,
            new CalibrationProcedureOptions
            {
                TagSizeMeters = tagSize, // the black square's edge as printed: every distance scales with it
                CalibrationPoseCount = poses,
                HeldOutPoseCount = heldOut, // never used to solve, so they show how well the model predicts
                Seed = seed,
                NominalCameraPose = cameraInBase is { } pose ? nominal.Description.Base * pose : null, // world frame
                Identification = new KinematicIdentificationOptions { TagMountPrior = tagMount },
            },
            Console.WriteLine,
            cancellationToken);

        // The camera is the judge: where each model puts the tag against where the camera sees it, on poses it never solved with.
        Console.WriteLine($"held-out tag error measured by the camera (median): before {result.HeldOutTagErrorMillimetresBefore:0.00} mm, after {result.HeldOutTagErrorMillimetresAfter:0.00} mm");
        Console.WriteLine($"held-out reprojection RMS: before {result.HeldOutReprojectionPixelsBefore:0.000} px, after {result.HeldOutReprojectionPixelsAfter:0.000} px");
        KinematicCalibration solution = result.Solution;
        for (int j = 0; j < nominal.JointCount; j++)
        {
            // A joint the poses cannot tell apart from the camera's own pose (the base yaw, with a fixed camera) is held at 0.
            bool estimated = solution.Identifiability.Estimated.Any(e => e.Parameter.Kind == KinematicParameterKind.JointOffset && e.Parameter.Index == j);
            Console.WriteLine($"  joint offset {nominal.JointNames[j],-14} {solution.JointOffsetsRadians[j] * 180 / Math.PI,7:0.00} deg{(estimated ? string.Empty : "  (not identifiable here, held)")}");
        }

        // Save what an app loads at start-up, and a report for people (charts, residuals, a held-out frame).
        Directory.CreateDirectory(output);
        string file = Path.Combine(output, "kinematic-calibration.json"), report = Path.Combine(output, "report.html");
        DateTimeOffset created = DateTimeOffset.UtcNow;
        RobotDescription arm = robot.Description; // the driver's: its Identity names this very arm (servo IDs, port)
        KinematicCalibrationFile.Save(result.ToStoredCalibration(arm.Model, arm.Identity, camera.Name, created), file);
        CalibrationReport.Write(result.ToReportData(arm.Model, arm.Identity, camera.Name, created), report);
        Console.WriteLine($"calibration file: {file}");
        Console.WriteLine($"report: {report}");

        // How an app uses it. LoadFor refuses a file made on another arm; at construction time,
        // new RobotOptions().UseCalibration(stored, driver.Description, file) does the same before the robot exists.
        StoredKinematicCalibration stored = KinematicCalibrationFile.LoadFor(file, arm);
        Vector3D nominalTool = robot.GetToolPose().Position;
        robot.UseCalibration(stored, file); // from the next control cycle, FK, IK and the workspace box use the calibrated chain
        Vector3D calibratedTool = robot.GetToolPose().Position;
        Console.WriteLine($"at the present joints the calibrated model puts the tool {(calibratedTool - nominalTool).Length * 1000:0.0} mm away from where the nominal model puts it");
        var target = new Pose(calibratedTool + new Vector3D(0, 0, 0.03), Rotation.Identity); // 3 cm up; inverse kinematics is position-only by default
        // Hobby servos sag under gravity (about 0.005 rad), so "there" is within 0.01 rad; then let the arm settle.
        await robot.MoveToPoseAsync(target, toleranceRadians: 0.01, cancellationToken: cancellationToken);
        await Task.Delay(300, cancellationToken);
        Vector3D reached = robot.GetToolPose().Position;
        Console.WriteLine($"moved 3 cm up through the calibrated chain: tool at {reached} m, {(reached - target.Position).Length * 1000:0.0} mm from the target");
    }
    finally
    {
        robot.Deactivate(); // torque off: support a real arm before it ends
        Console.WriteLine("torque off");
    }
}

static Dictionary<string, string> ParseOptions(string[] args)
{
    string[] known = ["--seed", "--poses", "--held-out", "--out", "--profile", "--camera-rig", "--camera", "--tag-size"];
    var options = new Dictionary<string, string>(StringComparer.Ordinal);
    for (int i = 0; i < args.Length; i += 2)
    {
        options[known.Contains(args[i]) ? args[i] : throw new ArgumentException($"unknown option '{args[i]}'; the options are {string.Join(", ", known)}.")] =
            i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
    }

    return options;
}

static string ExistingFile(Dictionary<string, string> options, string name) =>
    File.Exists(options[name]) ? Path.GetFullPath(options[name]) : throw new FileNotFoundException($"{name}: no file at '{Path.GetFullPath(options[name])}'.");

static T Number<T>(Dictionary<string, string> options, string name, T fallback) where T : INumber<T> =>
    !options.TryGetValue(name, out string? text) ? fallback
    : T.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out T? value) && value > T.Zero ? value
    : throw new ArgumentException($"{name} '{text}' is not a positive number.");
