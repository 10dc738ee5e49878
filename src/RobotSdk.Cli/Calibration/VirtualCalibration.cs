using System.Diagnostics;
using System.Runtime.Versioning;
using RobotSdk.Calibration.Fiducials;
using RobotSdk.Calibration.Identification;
using RobotSdk.Calibration.Procedure;
using RobotSdk.Geometry;
using RobotSdk.Hardware;
using RobotSdk.Kinematics;
using RobotSdk.Simulation;
using RobotSdk.Virtual;

namespace RobotSdk.Cli.Calibration;

/// <summary>
/// Calibrates a virtual arm end to end from rendered images: the arm gets a seeded typical imprecision
/// (<see cref="ArmImprecision.Typical"/>), <see cref="CalibrationProcedure"/> runs on it through the real
/// driver and the rendered scene camera exactly as on a real arm, and held-out poses then score the result
/// against the simulation's ground truth (read only here, for scoring).
/// </summary>
/// <remarks>
/// Tool errors are measured in the camera frame: with a gripper tag and a fixed camera, base yaw and
/// the base link are absorbed into the camera pose (the base-frame tool position of the calibrated
/// chain is rotated by the unidentified base yaw offset, several millimetres at full reach), while the
/// camera frame is where the model and the truth can be compared without a convention. Prediction:
/// camera pose (nominal or solved) inverse times the chain's forward kinematics of the measured joints;
/// truth: the simulation's tool body in its true camera frame.
/// </remarks>
[SupportedOSPlatform("linux")]
internal static class VirtualCalibration
{
    private const int TagId = 10;
    private const int ImageWidth = 640;
    private const int ImageHeight = 480;

    /// <summary>How well a printed tag holder's drawing gives the tag's position on the gripper, metres (one sigma): the virtual arms' tags are up to 0.5 mm off theirs.</summary>
    private const double TagMountPositionSigmaMeters = 0.001;

    /// <summary>How well it gives the tag's orientation, degrees (one sigma): the virtual arms' tags are up to 1 degree off.</summary>
    private const double TagMountRotationSigmaDegrees = 2;

    /// <summary>Edge of the black square of the gripper tag the virtual <paramref name="arm"/>'s model draws, metres (what a user measures on their print), or null when it draws none.</summary>
    /// <exception cref="KeyNotFoundException">No virtual arm has that name.</exception>
    public static double? DefaultTagSize(string arm) => SimulationModels.ReadAprilTagEdge(SimulatedArms.Get(arm).World, TagId);

    /// <summary>
    /// Starts the virtual <paramref name="armName"/> with imprecision seeded by <paramref name="seed"/> and
    /// <paramref name="backlashDegrees"/> of backlash in every hinge (and, when not 0, a tool frame up to
    /// <paramref name="toolOffsetErrorMillimeters"/> off, which no tag calibration can see), calibrates it, scores it.
    /// </summary>
    public static async Task<(CalibrationProcedureResult Procedure, CalibrationRunResult Result)> RunAsync(string armName, int seed, int poseCount, int heldOutCount, double tagSize, double backlashDegrees, double toolOffsetErrorMillimeters, Action<string> log, CancellationToken cancellationToken)
    {
        ArmImprecision imprecision = ArmImprecision.Typical(seed);
        imprecision.BacklashDegrees = backlashDegrees;
        imprecision.MaxToolOffsetErrorMillimeters = toolOffsetErrorMillimeters;
        var options = new VirtualArmOptions { World = new VirtualWorldOptions { Imprecision = imprecision } };
        using VirtualArm arm = VirtualArm.Start(armName, options);
        IRobotDriver driver = arm.CreateDriver();
        using var robot = new Robot(driver, new RobotOptions { ControlRateHz = driver.Description.SustainableControlRate(100) }, "virtual-" + arm.Name);
        (CalibrationProcedureResult procedure, CalibrationRunResult result) = await CalibrateAsync(arm, robot, seed, poseCount, heldOutCount, null, tagSize, log, cancellationToken).ConfigureAwait(false);
        return (procedure, result with { BacklashDegrees = backlashDegrees, ToolOffsetErrorMillimeters = toolOffsetErrorMillimeters });
    }

    /// <summary>Calibrates <paramref name="robot"/>, the connected driver of <paramref name="arm"/>, and scores it against the arm's ground truth; leaves the robot inactive.</summary>
    /// <param name="arm">The virtual arm (its ground truth scores the result).</param>
    /// <param name="robot">A robot over <paramref name="arm"/>'s driver, connected or not.</param>
    /// <param name="seed">Seeds the poses.</param>
    /// <param name="poseCount">Calibration poses, the pilot's included.</param>
    /// <param name="heldOutCount">Held-out poses.</param>
    /// <param name="pilotPosesPerAxis">Pilot poses per tool axis (<see cref="CalibrationProcedureOptions.PilotPosesPerAxis"/>), or null for the procedure's default.</param>
    /// <param name="tagSize">Edge of the gripper tag's black square, metres.</param>
    /// <param name="log">Told a line per stage.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    public static async Task<(CalibrationProcedureResult Procedure, CalibrationRunResult Result)> CalibrateAsync(VirtualArm arm, Robot robot, int seed, int poseCount, int heldOutCount, int? pilotPosesPerAxis, double tagSize, Action<string> log, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        SerialChain chain = robot.Kinematics ?? throw new InvalidOperationException($"The {arm.Name} describes no kinematics.");
        SimulatedCamera camera = arm.OpenCamera("scene", ImageWidth, ImageHeight);
        // The arm disposes the camera, after whoever else renders its world (freeing a GL context early can pull another renderer's objects with it).
        Pose nominalCamera = chain.Description.Base * (camera.ToRigEntry(CameraMount.Fixed).Extrinsics
            ?? throw new InvalidOperationException("The scene camera has no nominal extrinsics."));
        var rig = new VirtualCalibrationRig(robot, camera, arm.World);
        using var detector = new AprilTagDetector(AprilTagDetectorOptions.ForCalibration());
        if (robot.State == RobotState.Disconnected)
        {
            robot.Connect();
        }

        if (robot.State != RobotState.Active)
        {
            robot.Activate();
        }

        // The tag's holder is drawn in the arm's model (its site); the virtual tag is mounted with an error, so the drawing is a prior, not the truth.
        string lastJoint = arm.World.Joints.JointNames[chain.FrameIndices[^1]];
        TagMountPrior? prior = arm.World.GetNominalTagMount(TagId, lastJoint) is { } mount
            ? new TagMountPrior(mount, TagMountPositionSigmaMeters, TagMountRotationSigmaDegrees)
            : null;
        log(prior is null
            ? $"tag mount: the {arm.Name} model draws no tag {TagId} fixed to the {lastJoint} body; the tag's pose on the gripper is left free"
            : $"tag mount prior: the {arm.Name} model's tag {TagId} in the {lastJoint} frame, +/- {TagMountPositionSigmaMeters * 1000:0.#} mm and {TagMountRotationSigmaDegrees:0.#} deg");
        var options = new CalibrationProcedureOptions
        {
            TagSizeMeters = tagSize,
            TagId = TagId,
            Seed = seed,
            CalibrationPoseCount = poseCount,
            HeldOutPoseCount = heldOutCount,
            NominalCameraPose = nominalCamera,
            Identification = new KinematicIdentificationOptions { TagMountPrior = prior },
        };
        CalibrationProcedureResult procedure = await CalibrationProcedure.RunAsync(
            rig,
            robot.Description,
            camera.Intrinsics,
            detector,
            pilotPosesPerAxis is int perAxis ? options with { PilotPosesPerAxis = perAxis } : options,
            log,
            cancellationToken).ConfigureAwait(false);
        robot.Deactivate();

        KinematicCalibration solved = procedure.Solution;
        var calibrated = new SerialChain(solved.Calibrated, robot.Description);
        IReadOnlyList<CapturedPose> heldOut = procedure.HeldOutPoses;
        var joints = new List<CalibrationRunJoint>();
        var errors = new List<double>();
        for (int j = 0; j < chain.JointCount; j++)
        {
            int backend = chain.FrameIndices[j];
            double truth = -arm.GroundTruth.JointZeroOffsets[backend] / arm.World.Joints.GetScale(backend);
            bool estimated = solved.Identifiability.Estimated.Any(e => e.Parameter.Kind == KinematicParameterKind.JointOffset && e.Parameter.Index == j);
            joints.Add(new CalibrationRunJoint(chain.JointNames[j], estimated, Degrees(solved.JointOffsetsRadians[j]), Degrees(truth)));
            if (estimated)
            {
                errors.Add(Math.Abs(Degrees(solved.JointOffsetsRadians[j] - truth)));
            }
        }

        CalibrationRunResult result = CalibrationRunResults.From(procedure, "virtual", arm.Name, robot.Description.Identity, camera.Name, seed, clock.Elapsed) with
        {
            ToolErrorMmBefore = MedianToolError(heldOut, rig, chain, nominalCamera),
            ToolErrorMmHandEyeOnly = MedianToolError(heldOut, rig, chain, procedure.NominalHandEye.CameraPose),
            ToolErrorMmAfter = MedianToolError(heldOut, rig, calibrated, solved.CameraPose),
            JointOffsetErrorDeg = CalibrationRunResults.Median(errors),
            Joints = joints,
        };
        return (procedure, result);
    }

    private static double? MedianToolError(IReadOnlyList<CapturedPose> poses, VirtualCalibrationRig rig, SerialChain model, Pose cameraPose)
    {
        Pose cameraFromWorld = cameraPose.Inverse();
        return CalibrationRunResults.Median([.. poses.Select(p => 1000 * (cameraFromWorld.Transform(model.ToolPosition([.. p.Observation.JointPositions])) - rig.TrueToolInCamera[p.PoseIndex]).Length)]);
    }

    private static double Degrees(double radians) => radians * 180 / Math.PI;
}
