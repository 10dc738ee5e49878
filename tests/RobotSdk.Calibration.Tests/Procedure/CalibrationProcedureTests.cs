using RobotSdk.Calibration.Files;
using RobotSdk.Calibration.Fiducials;
using RobotSdk.Calibration.Identification;
using RobotSdk.Calibration.Procedure;
using RobotSdk.Calibration.Reports;
using RobotSdk.Calibration.Tests.Identification;
using RobotSdk.Geometry;

namespace RobotSdk.Calibration.Tests.Procedure;

/// <summary>
/// The whole procedure on a rig of known geometry: a SO-101 with injected offsets and link errors, a
/// fixed camera, a tag rendered into real images and found by the real detector.
/// </summary>
public sealed class CalibrationProcedureTests
{
    private static async Task<(SyntheticRig Truth, RenderedCalibrationRig Rig, CalibrationProcedureResult Result)> RunAsync(Pose? nominalCamera, int seed)
    {
        var truth = new SyntheticRig("so101", seed);
        var rig = new RenderedCalibrationRig(truth);
        using var detector = new AprilTagDetector();
        CalibrationProcedureResult result = await CalibrationProcedure.RunAsync(
            rig,
            truth.Robot,
            SyntheticRig.Camera,
            detector,
            new CalibrationProcedureOptions
            {
                TagSizeMeters = SyntheticRig.TagSize,
                TagId = RenderedCalibrationRig.TagId,
                Seed = seed,
                CalibrationPoseCount = 30,
                HeldOutPoseCount = 8,
                PilotPosesPerAxis = 2,
                NominalCameraPose = nominalCamera,
                PoseGenerator = new CalibrationPoseGeneratorOptions { MinimumToolHeightMeters = 0.03 },
            },
            null,
            CancellationToken.None);
        return (truth, rig, result);
    }

    private static Pose Nudged(Pose pose) =>
        new(pose.Position + new Vector3D(0.015, -0.01, 0.01), pose.Orientation * Rotation.FromRollPitchYaw(0.03, -0.02, 0.04));

    [Fact]
    public async Task Run_RecoversTheInjectedOffsets_AndTheCameraSeesTheHeldOutErrorFall()
    {
        var probe = new SyntheticRig("so101", 3);
        (SyntheticRig truth, RenderedCalibrationRig rig, CalibrationProcedureResult result) = await RunAsync(Nudged(probe.CameraPose), 3);

        Assert.True(result.CalibrationPoses.Count >= 20, $"{result.CalibrationPoses.Count} calibration poses saw the tag");
        Assert.True(result.HeldOut.Count >= 5, $"{result.HeldOut.Count} held-out poses saw the tag");
        foreach (EstimatedParameter estimated in result.Solution.Identifiability.Estimated.Where(e => e.Parameter.Kind == KinematicParameterKind.JointOffset))
        {
            int j = estimated.Parameter.Index;
            Assert.True(Math.Abs(result.Solution.JointOffsetsRadians[j] - truth.TrueOffsets[j]) < 0.2 * Math.PI / 180, $"joint {j}: {result.Solution.JointOffsetsRadians[j]} vs {truth.TrueOffsets[j]} rad");
        }

        // The camera's check on poses the solve never saw: the nominal chain misses by millimetres, the calibrated one much less.
        Assert.True(result.HeldOutTagErrorMillimetresBefore > 3, $"before {result.HeldOutTagErrorMillimetresBefore} mm");
        Assert.True(result.HeldOutTagErrorMillimetresAfter < result.HeldOutTagErrorMillimetresBefore / 3, $"after {result.HeldOutTagErrorMillimetresAfter} mm, before {result.HeldOutTagErrorMillimetresBefore} mm");
        Assert.True(result.HeldOutReprojectionPixelsAfter < 0.5, $"held-out reprojection after {result.HeldOutReprojectionPixelsAfter} px");
        Assert.True(result.RmsAfterPixels < result.RmsBeforePixels / 3, $"calibration poses: {result.RmsAfterPixels} px after, {result.RmsBeforePixels} px before");
        Assert.Equal(result.CalibrationPoses.Count, result.ResidualsBeforePixels.Count);
        Assert.Equal(result.CalibrationPoses.Count, result.ResidualsAfterPixels.Count);

        // Pose indices: the rig saw one numbering over pilot and plan, the one the result reports.
        Assert.Equal(result.PosesPlanned, rig.FramesTaken.Count + result.Unreachable + result.Refused);
        Assert.Equal(rig.FramesTaken.Count, rig.FramesTaken.Distinct().Count());
        foreach (HeldOutPoseCheck check in result.HeldOut)
        {
            Assert.Contains(check.PoseIndex, rig.FramesTaken);
        }

        // The overlay: a held-out frame converted to RGB, with its detected corners and the calibrated prediction close to them.
        ReportOverlay overlay = Assert.IsType<ReportOverlay>(result.Overlay);
        Assert.Equal(640 * 480 * 3, overlay.Rgb24.Length);
        Assert.Equal(4, overlay.Detected.Count);
        Assert.All(overlay.Detected.Zip(overlay.Predicted), pair => Assert.True(Math.Abs(pair.First.X - pair.Second.X) + Math.Abs(pair.First.Y - pair.Second.Y) < 3));
    }

    [Fact]
    public async Task Run_WithoutANominalCameraPose_LocatesTheCameraFromThePilot()
    {
        (_, _, CalibrationProcedureResult result) = await RunAsync(null, 5);

        Assert.True(result.HeldOut.Count >= 3, $"{result.HeldOut.Count} held-out poses saw the tag");
        Assert.True(result.HeldOutTagErrorMillimetresAfter < 1.5, $"after {result.HeldOutTagErrorMillimetresAfter} mm");
        Assert.True(result.Solution.RmsReprojectionErrorPixels < 0.5, $"{result.Solution.RmsReprojectionErrorPixels} px");
    }

    [Fact]
    public async Task Result_SavesAFileThatLoadsBack_AndAReportWithEveryPlot()
    {
        var probe = new SyntheticRig("so101", 3);
        (_, _, CalibrationProcedureResult result) = await RunAsync(Nudged(probe.CameraPose), 3);
        var created = new DateTimeOffset(2026, 11, 22, 7, 0, 0, TimeSpan.Zero);
        string path = Path.Combine(Directory.CreateTempSubdirectory("robotsdk-procedure-").FullName, "calibration.json");
        try
        {
            KinematicCalibrationFile.Save(result.ToStoredCalibration("so101", "so101 at /dev/ttyACM0", "overhead", created), path);
            StoredKinematicCalibration loaded = KinematicCalibrationFile.Load(path, "so101", "so101 at /dev/ttyACM0", 5);
            Assert.Equal(result.Solution.JointOffsetsRadians, loaded.JointOffsetsRadians);
            Assert.Equal(result.HeldOut.Count, loaded.Residuals.HeldOutPoseCount);
            Assert.Equal(result.HeldOutTagErrorMillimetresAfter!.Value, loaded.Residuals.HeldOutToolErrorMedianMillimetres!.Value, 9);
            Assert.Equal(created, loaded.CreatedUtc);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }

        string html = CalibrationReport.Render(result.ToReportData("so101", "so101 at /dev/ttyACM0", "overhead", created));
        // Residuals before/after, per-joint offsets, error histogram, held-out residuals, and the corner overlay.
        foreach (string plot in (string[])["chart residuals", "chart offsets", "chart histogram", "chart held-out-residuals", "overlay"])
        {
            Assert.Contains($"class=\"{plot}\"", html, StringComparison.Ordinal);
        }

        Assert.Contains("data:image/png;base64,", html, StringComparison.Ordinal);
        Assert.Contains("Measured by the camera", html, StringComparison.Ordinal);
    }
}
