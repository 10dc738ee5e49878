using System.Globalization;
using RobotSdk.Calibration.Fiducials;
using RobotSdk.Calibration.HandEye;
using RobotSdk.Calibration.Identification;
using RobotSdk.Calibration.Reports;
using RobotSdk.Geometry;
using RobotSdk.Kinematics;

namespace RobotSdk.Calibration.Procedure;

/// <summary>
/// Kinematic calibration of any serial arm with a tag on its gripper and a fixed camera, from start to
/// validated result: pilot, pose plan, capture, solve, and a held-out check measured by the camera. It
/// needs no ground truth, so it runs the same on a real arm and on a virtual one.
/// </summary>
/// <remarks>
/// <list type="number">
/// <item>Pilot: the tag's mounting is not an input. A few poses facing each tool axis in turn
/// (<see cref="CalibrationProcedureOptions.PilotPosesPerAxis"/> each) are captured; a hand-eye estimate
/// over the nominal chain gives the tag's outward normal in the tool frame (and, when no nominal camera
/// pose was given, the camera's pose: unaimed pilot rounds are then repeated, up to
/// <see cref="MaximumUnaimedPilotRounds"/>, until the tag was seen <see cref="SightingsToLocateCamera"/> times).
/// A pilot that never sees the tag stops the run with a message rather than visiting poses in vain.</item>
/// <item>Plan: <see cref="CalibrationPoseGenerator"/> draws the remaining calibration poses and the
/// held-out poses inside the joint limits, clear of the table, in view and facing the camera.</item>
/// <item>Capture: <see cref="CalibrationCapture"/> visits them through backlash-consistent approaches.</item>
/// <item>Solve: <see cref="KinematicIdentification"/> on the pilot and calibration poses.</item>
/// <item>Validate: on each held-out pose, the tag pose the camera measures (from its four corners) is
/// compared with where each model puts it, and the corners are reprojected, before (nominal chain
/// with a hand-eye camera and tag) and after (calibrated chain with its solved camera and tag).</item>
/// </list>
/// The rig sees pose indices counted over the whole run, pilot poses first, the numbering of
/// <see cref="CapturedPose.PoseIndex"/> and <see cref="HeldOutPoseCheck.PoseIndex"/> in the result, so a
/// rig can record its own data per pose (a simulation records the truth to score against).
/// </remarks>
public static class CalibrationProcedure
{
    /// <summary>Pilot sightings of the tag needed to locate an unknown camera by hand-eye calibration.</summary>
    public const int SightingsToLocateCamera = 6;

    /// <summary>Most pilot rounds drawn when no nominal camera pose is given.</summary>
    public const int MaximumUnaimedPilotRounds = 4;

    private static readonly Vector3D[] ToolAxes =
    [
        new(1, 0, 0), new(-1, 0, 0), new(0, 1, 0), new(0, -1, 0), new(0, 0, 1), new(0, 0, -1),
    ];

    /// <summary>Calibrates the arm of <paramref name="rig"/>.</summary>
    /// <param name="rig">The arm and the fixed camera; the arm must be active (torque on) and free to move.</param>
    /// <param name="robot">The arm's description: nominal kinematics and joint limits.</param>
    /// <param name="intrinsics">The camera's intrinsics (from a camera calibration; exact for a simulated camera).</param>
    /// <param name="detector">An AprilTag detector whose family includes the gripper tag's.</param>
    /// <param name="options">Settings.</param>
    /// <param name="log">Told a line at each stage, or null.</param>
    /// <param name="cancellationToken">Cancels the run (the arm stops where it is).</param>
    /// <exception cref="ArgumentException">The robot describes no kinematics, or a setting is out of range.</exception>
    /// <exception cref="InvalidOperationException">Too few poses with the tag seen to estimate its mounting or to solve; the message says how many were seen.</exception>
    public static async Task<CalibrationProcedureResult> RunAsync(
        ICalibrationRig rig,
        RobotDescription robot,
        CameraIntrinsics intrinsics,
        AprilTagDetector detector,
        CalibrationProcedureOptions options,
        Action<string>? log,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rig);
        ArgumentNullException.ThrowIfNull(robot);
        ArgumentNullException.ThrowIfNull(intrinsics);
        ArgumentNullException.ThrowIfNull(detector);
        ArgumentNullException.ThrowIfNull(options);
        ObservationValidation.CheckTagSize(options.TagSizeMeters, nameof(options));
        if (options.CalibrationPoseCount < KinematicIdentification.MinimumPoses || options.HeldOutPoseCount < 0 || options.PilotPosesPerAxis < 1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(options),
                $"CalibrationPoseCount {options.CalibrationPoseCount} (at least {KinematicIdentification.MinimumPoses}), HeldOutPoseCount {options.HeldOutPoseCount} (0 or more), PilotPosesPerAxis {options.PilotPosesPerAxis} (1 or more).");
        }

        log ??= _ => { };
        var nominal = new SerialChain(robot);
        JointLimits[] limits = [.. nominal.FrameIndices.Select(index => robot.Joints[index].Limits)];
        var recorder = new FrameRecordingRig(rig);
        CalibrationPoseGeneratorOptions generator = options.PoseGenerator with
        {
            Seed = options.Seed,
            CalibrationCount = options.PilotPosesPerAxis,
            HeldOutCount = 0,
            NominalCameraPose = options.NominalCameraPose,
            Intrinsics = options.NominalCameraPose is null ? null : intrinsics,
        };

        // Each joint is approached from the side gravity pulls it towards in most poses, and poses where gravity
        // pulls a joint the other way are not drawn: every link then rests on one flank of its backlash.
        double[] preOffsets = CalibrationPoseGenerator.ChooseApproachOffsets(nominal.Description, limits, generator, options.PreOffsetRadians);
        generator = generator with { ApproachOffsets = preOffsets };
        log($"approach offsets (rad): {string.Join(", ", preOffsets.Select(o => o.ToString("+0.00;-0.00", CultureInfo.InvariantCulture)))}");

        // Phase 1: where does the tag face? A few poses facing each tool axis in turn find it, and a
        // hand-eye estimate over the nominal chain refines the guess. Without a nominal camera pose the
        // poses cannot be aimed at the camera: rounds of them are drawn until the tag was seen often
        // enough to locate the camera, unless a whole round saw it nowhere (the camera does not see the
        // workspace, or the tag id is wrong: more rounds would not help).
        var pilotPoses = new List<IReadOnlyList<double>>();
        var pilotAxes = new List<int>(); // per pilot pose: the index in ToolAxes it was drawn to show
        var pilotCaptured = new List<CapturedPose>();
        int pilotNotFound = 0, pilotUnreachable = 0, pilotRefused = 0;
        int rounds = options.NominalCameraPose is null ? MaximumUnaimedPilotRounds : 1;
        for (int index = 0; index < rounds && (index == 0 || (pilotCaptured.Count > 0 && pilotCaptured.Count < SightingsToLocateCamera)); index++)
        {
            var batch = new List<IReadOnlyList<double>>();
            for (int axis = 0; axis < ToolAxes.Length; axis++)
            {
                IReadOnlyList<IReadOnlyList<double>> facing;
                try
                {
                    facing = CalibrationPoseGenerator.Generate(
                        nominal.Description,
                        limits,
                        generator with { Seed = options.Seed + pilotPoses.Count + batch.Count + axis, TagNormalInTool = ToolAxes[axis], MaximumViewAngleDegrees = options.PilotViewAngleDegrees }).Calibration;
                }
                catch (InvalidOperationException)
                {
                    continue; // no reachable pose shows this side of the tool to the camera
                }

                batch.AddRange(facing);
                pilotAxes.AddRange(Enumerable.Repeat(axis, facing.Count));
            }

            log($"pilot: {batch.Count} poses to find the tag's orientation");
            recorder.PoseIndexBase = pilotPoses.Count;
            CaptureOutcome round = await CalibrationCapture.RunAsync(recorder, detector, options.TagId, batch, preOffsets, limits, null, cancellationToken).ConfigureAwait(false);
            pilotCaptured.AddRange(round.Captured.Select(p => p with { PoseIndex = p.PoseIndex + pilotPoses.Count }));
            pilotNotFound += round.TagNotFound;
            pilotUnreachable += round.Unreachable;
            pilotRefused += round.Refused;
            pilotPoses.AddRange(batch);
        }

        var pilot = new CaptureOutcome(pilotCaptured, pilotNotFound, pilotUnreachable, pilotRefused);
        if (pilot.Captured.Count == 0 || (options.NominalCameraPose is null && pilot.Captured.Count < SightingsToLocateCamera))
        {
            throw new InvalidOperationException(
                $"The tag (id {options.TagId}) was seen in {pilot.Captured.Count} of {pilotPoses.Count} pilot poses; {(options.NominalCameraPose is null ? SightingsToLocateCamera : 1)} or more are needed. "
                + "Point the camera at the arm's workspace, check the tag id, its size on the print and the lighting" + (options.NominalCameraPose is null ? ", or give the camera's nominal pose." : "."));
        }

        Vector3D? normal;
        Pose? cameraPose = options.NominalCameraPose;
        if (pilot.Captured.Count >= 4)
        {
            HandEyeResult first = HandEyeOverNominal(nominal, pilot.Captured, intrinsics, options.TagSizeMeters);
            normal = first.TagPose.Orientation.Rotate(new Vector3D(0, 0, -1)); // the tag's +z points into the printed face
            cameraPose ??= first.CameraPose;
        }
        else
        {
            // Too few for hand-eye: the tool axis whose pilot poses saw the tag most often.
            normal = ToolAxes[pilot.Captured.GroupBy(p => pilotAxes[p.PoseIndex]).MaxBy(g => g.Count())!.Key];
        }

        log($"pilot: tag seen in {pilot.Captured.Count} ({string.Join(", ", Enumerable.Range(0, ToolAxes.Length).Select(a => $"{ToolAxes[a]}: {pilot.Captured.Count(p => pilotAxes[p.PoseIndex] == a)}"))}); its outward normal in the tool frame is about {normal?.ToString() ?? "unknown"}");

        CalibrationPosePlan plan = CalibrationPoseGenerator.Generate(
            nominal.Description,
            limits,
            generator with
            {
                Seed = options.Seed + 100,
                MaximumViewAngleDegrees = options.MaximumViewAngleDegrees,
                CalibrationCount = Math.Max(0, options.CalibrationPoseCount - pilot.Captured.Count),
                HeldOutCount = options.HeldOutPoseCount,
                TagNormalInTool = normal,
                NominalCameraPose = cameraPose,
                Intrinsics = intrinsics,
            });
        log($"capturing {plan.Calibration.Count} calibration and {plan.HeldOut.Count} held-out poses");
        IReadOnlyList<IReadOnlyList<double>> all = [.. plan.Calibration, .. plan.HeldOut];
        recorder.PoseIndexBase = pilotPoses.Count;
        recorder.KeepFramesFrom = plan.Calibration.Count;
        var progress = new Progress<int>(i =>
        {
            if ((i + 1) % 10 == 0)
            {
                log($"  {i + 1}/{all.Count} poses visited");
            }
        });
        CaptureOutcome outcome = await CalibrationCapture.RunAsync(recorder, detector, options.TagId, all, preOffsets, limits, progress, cancellationToken).ConfigureAwait(false);

        // Pose indices of the second run are shifted past the pilot's, as the rig saw them.
        List<CapturedPose> calibrationPoses = [.. pilot.Captured, .. outcome.Captured.Where(p => p.PoseIndex < plan.Calibration.Count).Select(p => p with { PoseIndex = p.PoseIndex + pilotPoses.Count })];
        List<CapturedPose> heldOut = [.. outcome.Captured.Where(p => p.PoseIndex >= plan.Calibration.Count).Select(p => p with { PoseIndex = p.PoseIndex + pilotPoses.Count })];
        log($"tag found in {calibrationPoses.Count} calibration and {heldOut.Count} held-out poses; solving");
        if (calibrationPoses.Count < KinematicIdentification.MinimumPoses)
        {
            throw new InvalidOperationException(
                $"The tag (id {options.TagId}) was seen in only {calibrationPoses.Count} calibration poses ({pilot.TagNotFound + outcome.TagNotFound} without it, {pilot.Unreachable + outcome.Unreachable} unreachable); identification needs {KinematicIdentification.MinimumPoses} or more.");
        }

        KinematicCalibration solved = KinematicIdentification.Solve(nominal.Description, intrinsics, options.TagSizeMeters, [.. calibrationPoses.Select(p => p.Observation)], options.Identification);
        HandEyeResult handEye = HandEyeOverNominal(nominal, calibrationPoses, intrinsics, options.TagSizeMeters);
        var calibrated = new SerialChain(solved.Calibrated, robot);
        var lens = new CameraModel(intrinsics);
        var before = new TagModel(nominal, handEye.CameraPose, handEye.TagPose, lens, options.TagSizeMeters);
        var after = new TagModel(calibrated, solved.CameraPose, solved.TagPose, lens, options.TagSizeMeters);
        HeldOutPoseCheck[] checks = [.. heldOut.Select(p => Check(p, before, after, lens, options.TagSizeMeters))];
        return new CalibrationProcedureResult
        {
            Nominal = nominal.Description,
            Solution = solved,
            NominalHandEye = handEye,
            Intrinsics = intrinsics,
            TagSizeMeters = options.TagSizeMeters,
            TagNormalInTool = normal,
            CalibrationPoses = calibrationPoses,
            HeldOutPoses = heldOut,
            ResidualsBeforePixels = [.. calibrationPoses.Select(p => before.ReprojectionRms(p.Observation))],
            ResidualsAfterPixels = [.. calibrationPoses.Select(p => after.ReprojectionRms(p.Observation))],
            HeldOut = checks,
            PosesPlanned = pilotPoses.Count + all.Count,
            TagNotFound = pilot.TagNotFound + outcome.TagNotFound,
            Unreachable = pilot.Unreachable + outcome.Unreachable,
            Refused = pilot.Refused + outcome.Refused,
            Overlay = OverlayOfMedianPose(checks, heldOut, recorder, after),
        };
    }

    /// <summary>Root mean square of <paramref name="values"/>; 0 for none.</summary>
    internal static double RootMeanSquare(IReadOnlyList<double> values) =>
        values.Count == 0 ? 0 : Math.Sqrt(values.Sum(v => v * v) / values.Count);

    /// <summary>The median, or null for none.</summary>
    internal static double? Median(IEnumerable<double> values)
    {
        double[] all = [.. values];
        return all.Length == 0 ? null : Percentile(all, 0.5);
    }

    /// <summary>Linear interpolation between closest ranks.</summary>
    internal static double Percentile(IReadOnlyList<double> values, double fraction)
    {
        double[] sorted = [.. values.Order()];
        double rank = fraction * (sorted.Length - 1);
        int below = (int)Math.Floor(rank);
        int above = Math.Min(sorted.Length - 1, below + 1);
        return sorted[below] + ((rank - below) * (sorted[above] - sorted[below]));
    }

    private static HandEyeResult HandEyeOverNominal(SerialChain chain, IReadOnlyList<CapturedPose> poses, CameraIntrinsics intrinsics, double tagSize) =>
        HandEyeCalibration.Solve(
            [.. poses.Select(p => chain.ForwardKinematics([.. p.Observation.JointPositions]))],
            [.. poses.Select(p => p.Observation.Corners)],
            intrinsics,
            tagSize,
            CameraMount.Fixed);

    private static HeldOutPoseCheck Check(CapturedPose pose, TagModel before, TagModel after, CameraModel lens, double tagSize)
    {
        // The camera's own measurement: the tag pose from its four detected corners.
        Vector3D measured = TagPoseEstimator.Estimate(lens, pose.Observation.Corners, tagSize).CameraFromObject.Position;
        return new HeldOutPoseCheck(
            pose.PoseIndex,
            1000 * (before.TagInCamera(pose.Observation.JointPositions).Position - measured).Length,
            1000 * (after.TagInCamera(pose.Observation.JointPositions).Position - measured).Length,
            before.ReprojectionRms(pose.Observation),
            after.ReprojectionRms(pose.Observation));
    }

    private static ReportOverlay? OverlayOfMedianPose(HeldOutPoseCheck[] checks, List<CapturedPose> heldOut, FrameRecordingRig recorder, TagModel after)
    {
        if (checks.Length == 0)
        {
            return null;
        }

        int median = checks.Select((check, i) => (check.TagErrorMillimetresAfter, i)).Order().ElementAt(checks.Length / 2).i;
        CapturedPose pose = heldOut[median];
        CameraFrame? frame = recorder.FrameAt(pose.PoseIndex);
        return frame is null
            ? null
            : new ReportOverlay(frame.Width, frame.Height, ToRgb24(frame), pose.Observation.Corners, after.Project(pose.Observation.JointPositions));
    }

    private static byte[] ToRgb24(CameraFrame frame)
    {
        if (frame.Format == PixelFormat.Rgb24)
        {
            return frame.Pixels.ToArray();
        }

        ReadOnlySpan<byte> gray = frame.Pixels.Span;
        var rgb = new byte[frame.Width * frame.Height * 3];
        for (int i = 0; i < frame.Width * frame.Height; i++)
        {
            rgb[3 * i] = rgb[(3 * i) + 1] = rgb[(3 * i) + 2] = gray[i];
        }

        return rgb;
    }

    /// <summary>A chain with camera and tag poses: where it puts the tag, and its corners in the image.</summary>
    private sealed class TagModel(SerialChain chain, Pose camera, Pose tag, CameraModel lens, double tagSize)
    {
        private readonly Pose _cameraFromWorld = camera.Inverse();
        private readonly Vector3D[] _corners = AprilTagGeometry.Corners(tagSize);

        public Pose TagInCamera(IReadOnlyList<double> joints) => _cameraFromWorld * chain.ForwardKinematics([.. joints]) * tag;

        public PixelPoint[] Project(IReadOnlyList<double> joints)
        {
            Pose tagInCamera = TagInCamera(joints);
            return [.. _corners.Select(corner => lens.Project(tagInCamera.Transform(corner)))];
        }

        /// <summary>RMS per image coordinate between predicted and detected corners, pixels.</summary>
        public double ReprojectionRms(PoseObservation observation)
        {
            PixelPoint[] predicted = Project(observation.JointPositions);
            double sum = 0;
            for (int k = 0; k < predicted.Length; k++)
            {
                double dx = predicted[k].X - observation.Corners[k].X;
                double dy = predicted[k].Y - observation.Corners[k].Y;
                sum += (dx * dx) + (dy * dy);
            }

            return Math.Sqrt(sum / (2 * predicted.Length));
        }
    }
}
