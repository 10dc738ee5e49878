using System.Diagnostics;
using System.Runtime.Versioning;
using RobotSdk.Calibration.Fiducials;
using RobotSdk.Calibration.HandEye;
using RobotSdk.Calibration.Identification;
using RobotSdk.Calibration.Procedure;
using RobotSdk.Geometry;
using RobotSdk.Kinematics;
using RobotSdk.Simulation;
using RobotSdk.Virtual;

namespace RobotSdk.Cli.Calibration;

/// <summary>
/// Calibrates a virtual arm end to end from rendered images: the arm gets a seeded typical imprecision
/// (<see cref="ArmImprecision.Typical"/>), poses are generated and visited through the real driver,
/// the gripper tag is detected in the scene camera's frames, identification solves, and held-out poses
/// score the result against the simulation's ground truth (read only here, for scoring).
/// </summary>
/// <remarks>
/// Tool errors are measured in the camera frame: with a gripper tag and a fixed camera, base yaw and
/// the base link are absorbed into the camera pose (the base-frame tool position of the calibrated
/// chain is rotated by the unidentified base yaw offset, several millimetres at full reach), while the
/// camera frame is where the model and the truth can be compared without a convention. Prediction:
/// camera pose (nominal or solved) inverse times the chain's forward kinematics of the measured joints;
/// truth: the simulation's tool body in its true camera frame.
/// Two phases: a few poses without a facing test give a first hand-eye estimate of the tag's normal in
/// the tool frame (the tag's mounting is not known to the procedure); the rest are drawn to face the camera.
/// </remarks>
[SupportedOSPlatform("linux")]
internal static class VirtualCalibration
{
    private const int TagId = 10;
    private const int ImageWidth = 640;
    private const int ImageHeight = 480;
    private const int PilotPosesPerAxis = 6;
    private const double PilotViewAngleDegrees = 25; // squarely facing: a pose meant to show one side must not show a neighbouring side too
    private const double PreOffsetRadians = 0.05; // about 3 degrees: well beyond 0.25 (typical) or 1 degree of backlash

    private static readonly Vector3D[] Axes =
    [
        new(1, 0, 0), new(-1, 0, 0), new(0, 1, 0), new(0, -1, 0), new(0, 0, 1), new(0, 0, -1),
    ];

    /// <summary>Edge of the black square of the tag printed for each virtual arm, metres: what a user measures on their print.</summary>
    public static double? DefaultTagSize(string arm) => arm.ToUpperInvariant() switch
    {
        "SO101" => 0.036,
        "SO100" => 0.028,
        "KOCH" => 0.030,
        "WX250S" => 0.050, // larger than the others: the wx250s scene camera is about 1.1 m away
        "VX300S" or "PIPER" or "LITE6" => 0.040,
        _ => null,
    };

    public static async Task<VirtualCalibrationResult> RunAsync(string armName, int seed, int poseCount, int heldOutCount, double tagSize, double backlashDegrees, Action<string> log, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        ArmImprecision imprecision = ArmImprecision.Typical(seed);
        imprecision.BacklashDegrees = backlashDegrees;
        var options = new VirtualArmOptions { World = new VirtualWorldOptions { Imprecision = imprecision } };
        using VirtualArm arm = VirtualArm.Start(armName, options);
        using var robot = new Robot(arm.CreateDriver(), new RobotOptions { ControlRateHz = 100 }, "virtual-" + arm.Name);
        SerialChain chain = robot.Kinematics ?? throw new InvalidOperationException($"The {arm.Name} describes no kinematics.");
        SimulatedCamera camera = arm.OpenCamera("scene", ImageWidth, ImageHeight);
        Pose nominalCamera = chain.Description.Base * (camera.ToRigEntry(CameraMount.Fixed).Extrinsics
            ?? throw new InvalidOperationException("The scene camera has no nominal extrinsics."));
        JointLimits[] limits = [.. chain.FrameIndices.Select(index => robot.Description.Joints[index].Limits)];
        var rig = new VirtualCalibrationRig(robot, camera, arm.World);
        // Full-resolution quad search: decimating by 2 loses the 20-25 px gripper tags of the far scene cameras.
        using var detector = new AprilTagDetector(new AprilTagDetectorOptions { Decimate = 1 });
        robot.Connect();
        robot.Activate();

        var generator = new CalibrationPoseGeneratorOptions
        {
            Seed = seed,
            CalibrationCount = PilotPosesPerAxis,
            HeldOutCount = 0,
            NominalCameraPose = nominalCamera,
            Intrinsics = camera.Intrinsics,
        };

        // Each joint is approached from the side gravity pulls it towards in most poses, and poses where gravity
        // pulls a joint the other way are not drawn: every link then rests on one flank of its backlash.
        double[] preOffsets = CalibrationPoseGenerator.ChooseApproachOffsets(chain.Description, limits, generator, PreOffsetRadians);
        generator = generator with { ApproachOffsets = preOffsets };
        log($"approach offsets (rad): {string.Join(", ", preOffsets.Select(o => o.ToString("+0.00;-0.00", System.Globalization.CultureInfo.InvariantCulture)))}");

        // Phase 1: where does the tag face? The procedure does not know how it was mounted: a few poses facing
        // each tool axis in turn find it, and a hand-eye estimate over the nominal chain refines the guess.
        var pilotPoses = new List<IReadOnlyList<double>>();
        var pilotAxes = new List<int>();
        for (int a = 0; a < Axes.Length; a++)
        {
            IReadOnlyList<IReadOnlyList<double>> facing;
            try
            {
                facing = CalibrationPoseGenerator.Generate(chain.Description, limits, generator with { Seed = seed + pilotPoses.Count + a, TagNormalInTool = Axes[a], MaximumViewAngleDegrees = PilotViewAngleDegrees }).Calibration;
            }
            catch (InvalidOperationException)
            {
                continue; // no reachable pose shows this side of the tool to the camera
            }

            pilotPoses.AddRange(facing);
            pilotAxes.AddRange(Enumerable.Repeat(a, facing.Count));
        }

        log($"pilot: {pilotPoses.Count} poses to find the tag's orientation");
        CaptureOutcome pilotOutcome = await CalibrationCapture.RunAsync(rig, detector, TagId, pilotPoses, preOffsets, limits, null, cancellationToken).ConfigureAwait(false);
        Vector3D? normal = null;
        if (pilotOutcome.Captured.Count >= 4)
        {
            HandEyeResult first = HandEyeOverNominal(chain, pilotOutcome.Captured, camera.Intrinsics, tagSize);
            normal = first.TagPose.Orientation.Rotate(new Vector3D(0, 0, -1)); // tag +z points into the tag
        }
        else if (pilotOutcome.Captured.Count > 0)
        {
            normal = Axes[pilotOutcome.Captured.GroupBy(p => pilotAxes[p.PoseIndex]).MaxBy(g => g.Count())!.Key];
        }

        log($"pilot: tag seen in {pilotOutcome.Captured.Count} ({string.Join(", ", Enumerable.Range(0, Axes.Length).Select(a => $"{Axes[a]}: {pilotOutcome.Captured.Count(p => pilotAxes[p.PoseIndex] == a)}"))}); its outward normal in the tool frame is about {normal?.ToString() ?? "unknown"}");

        CalibrationPosePlan plan = CalibrationPoseGenerator.Generate(
            chain.Description,
            limits,
            generator with { Seed = seed + 100, MaximumViewAngleDegrees = 40, CalibrationCount = Math.Max(0, poseCount - pilotOutcome.Captured.Count), HeldOutCount = heldOutCount, TagNormalInTool = normal });
        log($"capturing {plan.Calibration.Count} calibration and {plan.HeldOut.Count} held-out poses");
        IReadOnlyList<IReadOnlyList<double>> all = [.. plan.Calibration, .. plan.HeldOut];
        rig.PoseIndexBase = pilotPoses.Count;
        var progress = new Progress<int>(i =>
        {
            if ((i + 1) % 10 == 0)
            {
                log($"  {i + 1}/{all.Count} poses visited");
            }
        });
        CaptureOutcome outcome = await CalibrationCapture.RunAsync(rig, detector, TagId, all, preOffsets, limits, progress, cancellationToken).ConfigureAwait(false);
        robot.Deactivate();

        // Pilot poses are calibration poses too; pose indices past the pilot are shifted by its count.
        List<CapturedPose> calibrationPoses = [.. pilotOutcome.Captured, .. outcome.Captured.Where(p => p.PoseIndex < plan.Calibration.Count).Select(p => p with { PoseIndex = p.PoseIndex + pilotPoses.Count })];
        List<CapturedPose> heldOut = [.. outcome.Captured.Where(p => p.PoseIndex >= plan.Calibration.Count).Select(p => p with { PoseIndex = p.PoseIndex + pilotPoses.Count })];
        log($"tag found in {calibrationPoses.Count} calibration and {heldOut.Count} held-out poses; solving");

        KinematicCalibration solved = KinematicIdentification.Solve(chain.Description, camera.Intrinsics, tagSize, [.. calibrationPoses.Select(p => p.Observation)]);
        HandEyeResult handEye = HandEyeOverNominal(chain, calibrationPoses, camera.Intrinsics, tagSize);
        var calibrated = new SerialChain(solved.Calibrated, robot.Description);

        double before = MedianToolError(heldOut, rig, chain, nominalCamera);
        double handEyeOnly = MedianToolError(heldOut, rig, chain, handEye.CameraPose);
        double after = MedianToolError(heldOut, rig, calibrated, solved.CameraPose);

        var joints = new List<VirtualCalibrationJoint>();
        var errors = new List<double>();
        for (int j = 0; j < chain.JointCount; j++)
        {
            int backend = chain.FrameIndices[j];
            double truth = -arm.GroundTruth.JointZeroOffsets[backend] / arm.World.Joints.GetScale(backend);
            bool estimated = solved.Identifiability.Estimated.Any(e => e.Parameter.Kind == KinematicParameterKind.JointOffset && e.Parameter.Index == j);
            joints.Add(new VirtualCalibrationJoint(chain.JointNames[j], estimated, Degrees(solved.JointOffsetsRadians[j]), Degrees(truth)));
            if (estimated)
            {
                errors.Add(Math.Abs(Degrees(solved.JointOffsetsRadians[j] - truth)));
            }
        }

        return new VirtualCalibrationResult
        {
            Arm = arm.Name,
            Seed = seed,
            BacklashDegrees = backlashDegrees,
            PosesPlanned = pilotPoses.Count + all.Count,
            PosesUsed = calibrationPoses.Count,
            HeldOutUsed = heldOut.Count,
            TagNotFound = pilotOutcome.TagNotFound + outcome.TagNotFound,
            Unreachable = pilotOutcome.Unreachable + outcome.Unreachable,
            Refused = pilotOutcome.Refused + outcome.Refused,
            ToolErrorMmBefore = before,
            ToolErrorMmHandEyeOnly = handEyeOnly,
            ToolErrorMmAfter = after,
            JointOffsetErrorDeg = Median([.. errors]),
            ReprojectionPx = solved.RmsReprojectionErrorPixels,
            Joints = joints,
            Identifiability = solved.Identifiability.Lines,
            ElapsedSeconds = Math.Round(clock.Elapsed.TotalSeconds, 1),
        };
    }

    private static HandEyeResult HandEyeOverNominal(SerialChain chain, IReadOnlyList<CapturedPose> poses, CameraIntrinsics intrinsics, double tagSize) =>
        HandEyeCalibration.Solve(
            [.. poses.Select(p => chain.ForwardKinematics([.. p.Observation.JointPositions]))],
            [.. poses.Select(p => p.Observation.Corners)],
            intrinsics,
            tagSize,
            CameraMount.Fixed);

    private static double MedianToolError(IReadOnlyList<CapturedPose> poses, VirtualCalibrationRig rig, SerialChain model, Pose cameraPose)
    {
        Pose cameraFromWorld = cameraPose.Inverse();
        return Median([.. poses.Select(p => 1000 * (cameraFromWorld.Transform(model.ToolPosition([.. p.Observation.JointPositions])) - rig.TrueToolInCamera[p.PoseIndex]).Length)]);
    }

    private static double Median(double[] values)
    {
        if (values.Length == 0)
        {
            return double.NaN;
        }

        double[] sorted = [.. values.Order()];
        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static double Degrees(double radians) => radians * 180 / Math.PI;
}
