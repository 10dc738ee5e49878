using RobotSdk.Calibration.Files;
using RobotSdk.Calibration.HandEye;
using RobotSdk.Calibration.Identification;
using RobotSdk.Calibration.Reports;
using RobotSdk.Geometry;

namespace RobotSdk.Calibration.Procedure;

/// <summary>
/// Everything a <see cref="CalibrationProcedure"/> run found: the solution, the poses behind it, the
/// residuals before and after, the camera's check on the held-out poses, and a frame to draw them on.
/// It feeds a calibration file (<see cref="ToStoredCalibration"/>) and a report (<see cref="ToReportData"/>).
/// </summary>
public sealed record CalibrationProcedureResult
{
    /// <summary>The arm's nominal chain the procedure started from.</summary>
    public required KinematicChainDescription Nominal { get; init; }

    /// <summary>The identification's outcome: calibrated chain, offsets, link errors, camera and tag poses, fit and identifiability.</summary>
    public required KinematicCalibration Solution { get; init; }

    /// <summary>Hand-eye calibration over the nominal chain on the calibration poses: the camera and tag poses an uncalibrated arm would use ("before").</summary>
    public required HandEyeResult NominalHandEye { get; init; }

    /// <summary>The camera's intrinsics used throughout.</summary>
    public required CameraIntrinsics Intrinsics { get; init; }

    /// <summary>Edge of the tag's black square, metres.</summary>
    public required double TagSizeMeters { get; init; }

    /// <summary>The tag's outward normal in the tool frame as the pilot estimated it; null when the pilot saw the tag nowhere.</summary>
    public Vector3D? TagNormalInTool { get; init; }

    /// <summary>Poses used to solve (pilot poses first), with their measured joints and detected corners.</summary>
    public required IReadOnlyList<CapturedPose> CalibrationPoses { get; init; }

    /// <summary>Held-out poses where the tag was seen.</summary>
    public required IReadOnlyList<CapturedPose> HeldOutPoses { get; init; }

    /// <summary>Per calibration pose: corner reprojection RMS with the nominal chain and <see cref="NominalHandEye"/>, pixels.</summary>
    public required IReadOnlyList<double> ResidualsBeforePixels { get; init; }

    /// <summary>Per calibration pose: corner reprojection RMS with the calibrated chain and its solved camera and tag poses, pixels.</summary>
    public required IReadOnlyList<double> ResidualsAfterPixels { get; init; }

    /// <summary>Per held-out pose where the tag was seen: the camera's check of both models.</summary>
    public required IReadOnlyList<HeldOutPoseCheck> HeldOut { get; init; }

    /// <summary>Poses visited or tried: pilot, calibration and held-out.</summary>
    public required int PosesPlanned { get; init; }

    /// <summary>Poses reached where the tag was not detected.</summary>
    public required int TagNotFound { get; init; }

    /// <summary>Poses the arm could not reach.</summary>
    public required int Unreachable { get; init; }

    /// <summary>Poses too near a joint limit to approach from the chosen side.</summary>
    public required int Refused { get; init; }

    /// <summary>A held-out frame (the one of median error after) with detected and predicted corners; null when no held-out pose saw the tag.</summary>
    public ReportOverlay? Overlay { get; init; }

    /// <summary>Corner reprojection RMS per image coordinate over all calibration poses with the nominal model, pixels.</summary>
    public double RmsBeforePixels => CalibrationProcedure.RootMeanSquare(ResidualsBeforePixels);

    /// <summary>Corner reprojection RMS per image coordinate over all calibration poses with the calibrated model, pixels.</summary>
    public double RmsAfterPixels => CalibrationProcedure.RootMeanSquare(ResidualsAfterPixels);

    /// <summary>Median over the held-out poses of <see cref="HeldOutPoseCheck.TagErrorMillimetresBefore"/>; null when none saw the tag.</summary>
    public double? HeldOutTagErrorMillimetresBefore => CalibrationProcedure.Median(HeldOut.Select(h => h.TagErrorMillimetresBefore));

    /// <summary>Median over the held-out poses of <see cref="HeldOutPoseCheck.TagErrorMillimetresAfter"/>; null when none saw the tag.</summary>
    public double? HeldOutTagErrorMillimetresAfter => CalibrationProcedure.Median(HeldOut.Select(h => h.TagErrorMillimetresAfter));

    /// <summary>Corner reprojection RMS over the held-out poses with the nominal model, pixels; null when none saw the tag.</summary>
    public double? HeldOutReprojectionPixelsBefore => HeldOut.Count == 0 ? null : CalibrationProcedure.RootMeanSquare([.. HeldOut.Select(h => h.ReprojectionRmsPixelsBefore)]);

    /// <summary>Corner reprojection RMS over the held-out poses with the calibrated model, pixels; null when none saw the tag.</summary>
    public double? HeldOutReprojectionPixelsAfter => HeldOut.Count == 0 ? null : CalibrationProcedure.RootMeanSquare([.. HeldOut.Select(h => h.ReprojectionRmsPixelsAfter)]);

    /// <summary>The calibration as a file records it, with the held-out check as its residuals.</summary>
    /// <param name="arm">Arm model, for example <c>so101</c>.</param>
    /// <param name="armIdentity">The physical arm's identity (model plus port, servo IDs or serials).</param>
    /// <param name="cameraName">The camera's name.</param>
    /// <param name="createdUtc">When the calibration was made.</param>
    public StoredKinematicCalibration ToStoredCalibration(string arm, string armIdentity, string cameraName, DateTimeOffset createdUtc)
    {
        double[] after = [.. HeldOut.Select(h => h.TagErrorMillimetresAfter)];
        var residuals = new CalibrationResiduals(Solution.RmsReprojectionErrorPixels, CalibrationPoses.Count, Solution.Converged)
        {
            HeldOutPoseCount = after.Length,
            HeldOutToolErrorMedianMillimetres = after.Length == 0 ? null : CalibrationProcedure.Percentile(after, 0.5),
            HeldOutToolErrorP95Millimetres = after.Length == 0 ? null : CalibrationProcedure.Percentile(after, 0.95),
        };
        return StoredKinematicCalibration.From(Solution, arm, armIdentity, cameraName, Intrinsics, residuals) with { CreatedUtc = createdUtc };
    }

    /// <summary>What <see cref="CalibrationReport"/> plots for this run; held-out errors are the camera's (tag centre, millimetres).</summary>
    /// <param name="arm">Arm model.</param>
    /// <param name="armIdentity">The physical arm's identity.</param>
    /// <param name="cameraName">The camera's name.</param>
    /// <param name="createdUtc">When the calibration was made.</param>
    public CalibrationReportData ToReportData(string arm, string armIdentity, string cameraName, DateTimeOffset createdUtc) =>
        new(
            arm,
            armIdentity,
            cameraName,
            createdUtc,
            RmsBeforePixels,
            RmsAfterPixels,
            ResidualsBeforePixels,
            ResidualsAfterPixels,
            [.. Nominal.Joints.Select(joint => joint.JointName)],
            Solution.JointOffsetsRadians,
            Solution.Identifiability.Lines)
        {
            HeldOutToolErrorsBeforeMillimetres = [.. HeldOut.Select(h => h.TagErrorMillimetresBefore)],
            HeldOutToolErrorsAfterMillimetres = [.. HeldOut.Select(h => h.TagErrorMillimetresAfter)],
            HeldOutReprojectionPixelsBefore = [.. HeldOut.Select(h => h.ReprojectionRmsPixelsBefore)],
            HeldOutReprojectionPixelsAfter = [.. HeldOut.Select(h => h.ReprojectionRmsPixelsAfter)],
            Overlay = Overlay,
        };
}
