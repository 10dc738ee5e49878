using RobotSdk.Calibration.Fiducials;
using RobotSdk.Calibration.Identification;

namespace RobotSdk.Calibration.Procedure;

/// <summary>
/// Visits calibration poses and records what identification needs: each pose is reached through
/// its <see cref="ApproachSequence"/> pre-pose (so backlash rests on the same flank every time), the
/// arm settles, the measured joints are read, a frame is taken and the tag is looked for.
/// </summary>
public static class CalibrationCapture
{
    /// <summary>Captures <paramref name="poses"/>; poses where the tag is not found are skipped and counted.</summary>
    /// <param name="rig">The arm and camera.</param>
    /// <param name="detector">The AprilTag detector (its family must include the tag's).</param>
    /// <param name="tagId">The id of the tag on the gripper.</param>
    /// <param name="poses">Joint positions per pose, chain order.</param>
    /// <param name="preOffsets">Per joint, the pre-pose offset (<see cref="ApproachSequence.Create"/>); larger than the backlash.</param>
    /// <param name="limits">Joint limits in chain order, or null.</param>
    /// <param name="progress">Told the index of each pose visited, or null.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    public static async Task<CaptureOutcome> RunAsync(
        ICalibrationRig rig,
        AprilTagDetector detector,
        int tagId,
        IReadOnlyList<IReadOnlyList<double>> poses,
        IReadOnlyList<double> preOffsets,
        IReadOnlyList<JointLimits>? limits,
        IProgress<int>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rig);
        ArgumentNullException.ThrowIfNull(detector);
        ArgumentNullException.ThrowIfNull(poses);
        ArgumentNullException.ThrowIfNull(preOffsets);
        var captured = new List<CapturedPose>(poses.Count);
        int notFound = 0;
        int refused = 0;
        int unreachable = 0;
        var measured = new double[preOffsets.Count];
        for (int i = 0; i < poses.Count; i++)
        {
            IReadOnlyList<ApproachWaypoint> waypoints;
            try
            {
                waypoints = ApproachSequence.Create([poses[i]], preOffsets, limits);
            }
            catch (ArgumentException)
            {
                // Too near a limit on the approach side: reaching it from the other side would put backlash on the other flank.
                refused++;
                continue;
            }

            bool reached = true;
            foreach (ApproachWaypoint waypoint in waypoints)
            {
                reached = reached && await rig.MoveToAsync(waypoint.Positions, waypoint.IsMeasurement, cancellationToken).ConfigureAwait(false);
            }

            if (!reached)
            {
                unreachable++;
                progress?.Report(i);
                continue;
            }

            rig.ReadJointPositions(measured);
            CameraFrame frame = await rig.CaptureFrameAsync(i, cancellationToken).ConfigureAwait(false);
            AprilTagDetection? tag = detector.Detect(frame).FirstOrDefault(detection => detection.Id == tagId);
            if (tag is null)
            {
                notFound++;
            }
            else
            {
                captured.Add(new CapturedPose(i, new PoseObservation((double[])measured.Clone(), tag.Corners)));
            }

            progress?.Report(i);
        }

        return new CaptureOutcome(captured, notFound, unreachable, refused);
    }
}
