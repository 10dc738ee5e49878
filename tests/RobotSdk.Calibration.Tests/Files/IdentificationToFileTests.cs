using RobotSdk.Calibration.Files;
using RobotSdk.Calibration.Identification;
using RobotSdk.Calibration.Reports;
using RobotSdk.Calibration.Tests.Identification;
using RobotSdk.Geometry;
using RobotSdk.Kinematics;

namespace RobotSdk.Calibration.Tests.Files;

public sealed class IdentificationToFileTests
{
    [Fact]
    public void LoadedCalibration_GivesTheSameToolPoseAsTheSolve_AndFeedsAReport()
    {
        var rig = new SyntheticRig("so101", 31);
        List<PoseObservation> observations = rig.Observe(30, 0.2);
        KinematicCalibration result = KinematicIdentification.Solve(rig.Nominal, SyntheticRig.Camera, SyntheticRig.TagSize, observations);
        string path = Path.Combine(Path.GetTempPath(), $"robotsdk-kinematic-{Guid.NewGuid():N}.json");
        try
        {
            KinematicCalibrationFile.Save(StoredKinematicCalibration.From(result, "so101", "so101 ids 1-6", "overhead", SyntheticRig.Camera, poseCount: observations.Count), path);
            StoredKinematicCalibration loaded = KinematicCalibrationFile.Load(path, "so101", "so101 ids 1-6", rig.Nominal.Joints.Count);

            double[] q = rig.RandomJoints();
            Pose expected = new SerialChain(result.Calibrated, rig.Robot).ForwardKinematics(q);
            Assert.Equal(expected, new SerialChain(loaded.Calibrated, rig.Robot).ForwardKinematics(q));
            Assert.Equal(result.CameraPose, loaded.Camera.Pose);
            Assert.Equal(result.RmsReprojectionErrorPixels, loaded.Residuals.RmsReprojectionErrorPixels);
            Assert.Equal(30, loaded.Residuals.PoseCount);
        }
        finally
        {
            File.Delete(path);
        }

        Assert.True(rig.TryProject([.. observations[0].JointPositions], out PixelPoint[] corners));
        var report = new CalibrationReportData(
            "so101",
            "so101 ids 1-6",
            "overhead",
            DateTimeOffset.UtcNow,
            5,
            result.RmsReprojectionErrorPixels,
            [.. observations.Select((_, i) => 3.0 + (i % 5))],
            [.. observations.Select((_, i) => 0.2 + (0.01 * i))],
            [.. rig.Nominal.Joints.Select(joint => joint.JointName)],
            result.JointOffsetsRadians,
            result.Identifiability.Lines)
        {
            Overlay = new ReportOverlay(640, 480, new byte[640 * 480 * 3], observations[0].Corners, corners),
        };
        string html = CalibrationReport.Render(report);
        Assert.Contains("<svg", html, StringComparison.Ordinal);
    }
}
