using System.Diagnostics;
using System.Globalization;
using System.Runtime.Versioning;
using RobotSdk.Calibration.Fiducials;
using RobotSdk.Calibration.Procedure;
using RobotSdk.Cli.Commands;
using RobotSdk.Geometry;
using RobotSdk.Hardware;
using RobotSdk.Transports.Cameras;

namespace RobotSdk.Cli.Calibration;

/// <summary>
/// <c>robot calibrate</c> against an arm behind its real driver (a serial port, a CAN adapter, a TCP
/// controller) and a camera read through ffmpeg: the same <see cref="CalibrationProcedure"/> as the
/// virtual mode, validated by the camera alone (there is no ground truth).
/// </summary>
[SupportedOSPlatform("linux")]
internal static class RealArmCalibration
{
    /// <summary>Every arm model the real mode can drive.</summary>
    public static IReadOnlyList<string> ArmNames { get; } =
        [.. ServoArmCatalog.All.Select(arm => arm.Model).Concat(ControllerArmCatalog.All.Select(arm => arm.Model))];

    /// <summary>The arm's real driver at <paramref name="port"/> (nothing is opened before Configure).</summary>
    /// <exception cref="ArgumentException">No arm has that name; the message lists them.</exception>
    public static IRobotDriver CreateDriver(string arm, string port, int? baud, LinkSettings link = default) =>
        ServoArmCatalog.ProtocolOf(arm) is not null ? ServoArmCatalog.CreateDriver(arm, port, baud ?? 1_000_000, null, null, link)
        : ControllerArmCatalog.DriverOf(arm) is not null ? ControllerArmCatalog.CreateDriver(arm, port, baud, link)
        : throw new ArgumentException($"unknown arm '{arm}'; the arms with a driver are: {string.Join(", ", ArmNames)}.", nameof(arm));

    /// <summary>
    /// The fixed camera of a camera rig file (<c>robotsdk.camera-rig</c>) with intrinsics: the first such.
    /// Its extrinsics, when given, are the nominal camera pose relative to the arm's base.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is malformed or holds no fixed camera with intrinsics.</exception>
    public static CameraRigEntry ReadCamera(string path)
    {
        CameraRig rig = CameraRigFile.Load(path);
        return rig.Cameras.FirstOrDefault(camera => camera.Mount == CameraMount.Fixed && camera.Intrinsics is not null)
            ?? throw new InvalidDataException($"{path}: no fixed camera with intrinsics; calibrate the camera's intrinsics first and store them in this camera rig file.");
    }

    /// <summary>ffmpeg settings for <paramref name="source"/>: <c>/dev/videoN</c> (a device), <c>lavfi:GRAPH</c> (a test pattern), <c>scheme://...</c> (a stream) or a video file.</summary>
    /// <exception cref="FileNotFoundException">A device or file that does not exist.</exception>
    public static FfmpegCameraOptions CameraOptions(string source, CameraRigEntry camera) =>
        CameraSources.Options(source, camera.Name, camera.Width, camera.Height, camera.Intrinsics);

    /// <summary>
    /// Calibrates <paramref name="robot"/> (connected or not; left inactive) with <paramref name="camera"/>
    /// and returns the procedure's result with what is printed: the camera's held-out check, no ground truth.
    /// </summary>
    public static async Task<(CalibrationProcedureResult Procedure, CalibrationRunResult Result)> CalibrateAsync(
        Robot robot,
        ICamera camera,
        CameraIntrinsics intrinsics,
        Pose? nominalCameraFromBase,
        string arm,
        string armIdentity,
        CalibrationProcedureOptions options,
        Action<string> log,
        CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        KinematicChainDescription chain = robot.Kinematics?.Description ?? throw new ArgumentException($"The {robot.Description.Model} describes no kinematics, so it cannot be calibrated kinematically.", nameof(robot));
        using var detector = new AprilTagDetector(AprilTagDetectorOptions.ForCalibration());
        if (robot.State == RobotState.Disconnected)
        {
            robot.Connect();
        }

        if (options.Identification?.TagMountPrior is { } prior)
        {
            Vector3D at = prior.TagInLastJoint.Position;
            log(string.Create(CultureInfo.InvariantCulture,
                $"tag mount: from the holder's drawing, ({at.X * 1000:0.0}, {at.Y * 1000:0.0}, {at.Z * 1000:0.0}) mm in the last joint's frame, trusted to {prior.PositionStandardDeviationMeters * 1000:0.##} mm and {prior.RotationStandardDeviationDegrees:0.##} degrees"));
        }
        else
        {
            // No catalogue entry draws a tag holder yet: say what that leaves unobserved rather than guess a mount.
            log($"tag mount: no drawing of the gripper tag's holder for the {arm} (give --tag-mount); its pose on the gripper is left free (the last link's length along the wrist roll and the wrist roll's zero stay unobserved)");
        }

        robot.Activate();
        CalibrationProcedureResult procedure;
        try
        {
            procedure = await CalibrationProcedure.RunAsync(
                new RobotCalibrationRig(robot, camera),
                robot.Description,
                intrinsics,
                detector,
                options with { NominalCameraPose = nominalCameraFromBase is { } pose ? chain.Base * pose : null },
                log,
                cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            robot.Deactivate();
        }

        return (procedure, CalibrationRunResults.From(procedure, "arm", arm, armIdentity, camera.Name, options.Seed, clock.Elapsed));
    }
}
