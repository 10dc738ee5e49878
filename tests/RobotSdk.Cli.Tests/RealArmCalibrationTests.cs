using RobotSdk.Calibration.Identification;
using RobotSdk.Calibration.Procedure;
using RobotSdk.Cli.Calibration;
using RobotSdk.Cli.Commands;
using RobotSdk.Simulation;
using RobotSdk.Virtual;

namespace RobotSdk.Cli.Tests;

/// <summary>
/// The real-arm mode of <c>robot calibrate</c> without ground truth: the arm's real driver on a served
/// virtual arm's serial link, a streaming <see cref="ICamera"/>, the same procedure; the test alone reads
/// the simulation's truth to check what the camera-only validation claims.
/// </summary>
public sealed class RealArmCalibrationTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("robotsdk-cli-arm-calibration-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task CalibrateAsync_ThroughTheRealFeetechDriverAndAStreamingCamera_RecoversTheOffsets_AndReportsNoGroundTruth()
    {
        string link = Path.Combine(_directory, "so101");
        using VirtualArm arm = VirtualArm.Start("so101", new VirtualArmOptions { LinkPath = link, World = new VirtualWorldOptions { Imprecision = ArmImprecision.Typical(2) } });
        using var robot = new Robot(RealArmCalibration.CreateDriver("so101", link, null, new LinkSettings(arm.ReplyTimeoutMs, arm.MaxConsecutiveFailures)), new RobotOptions { ControlRateHz = 100 }, "so101");
        SimulatedCamera camera = arm.OpenCamera("scene", 640, 480, framesPerSecond: 10);
        camera.Start();

        // What a camera rig file would give: the intrinsics and the camera's nominal pose relative to the base.
        CameraRigEntry rigEntry = camera.ToRigEntry(CameraMount.Fixed);
        var log = new List<string>();
        (CalibrationProcedureResult procedure, CalibrationRunResult result) = await RealArmCalibration.CalibrateAsync(
            robot,
            camera,
            rigEntry.Intrinsics!,
            rigEntry.Extrinsics,
            "so101",
            "so101 at " + link,
            new CalibrationProcedureOptions { TagSizeMeters = 0.036, Seed = 2, CalibrationPoseCount = 24, HeldOutPoseCount = 6 },
            log.Add,
            CancellationToken.None);

        Assert.Equal("arm", result.Mode);
        Assert.Null(result.JointOffsetErrorDeg);
        Assert.Null(result.ToolErrorMmHandEyeOnly);
        Assert.All(result.Joints, joint => Assert.Null(joint.TrueOffsetDeg));
        Assert.Equal(RobotState.Inactive, robot.State);
        Assert.True(result.HeldOutUsed >= 3, $"{result.HeldOutUsed} held-out poses saw the tag");
        Assert.Equal(result.CameraToolErrorMmAfter, result.ToolErrorMmAfter);
        Assert.True(result.CameraToolErrorMmAfter < result.CameraToolErrorMmBefore, $"camera: after {result.CameraToolErrorMmAfter} mm, before {result.CameraToolErrorMmBefore} mm");
        Assert.InRange(result.ReprojectionPx, 0, 1);

        // No catalogue entry draws the tag's holder: the tag is left free, and the output says so.
        Assert.StartsWith("none: no drawing of the tag's mount was given", result.TagMountPrior, StringComparison.Ordinal);
        Assert.Contains(log, line => line.StartsWith("tag mount: no drawing of the gripper tag's holder for the so101", StringComparison.Ordinal));
        Assert.Null(procedure.Solution.Identifiability.TagMountPrior);

        // The truth the run never saw: every estimated zero offset within half a degree.
        for (int j = 0; j < procedure.Nominal.Joints.Count; j++)
        {
            bool estimated = procedure.Solution.Identifiability.Estimated.Any(e => e.Parameter.Kind == KinematicParameterKind.JointOffset && e.Parameter.Index == j);
            int backend = robot.Description.IndexOf(procedure.Nominal.Joints[j].JointName);
            double truth = -arm.GroundTruth.JointZeroOffsets[backend] / arm.World.Joints.GetScale(backend);
            if (estimated)
            {
                Assert.True(Math.Abs(procedure.Solution.JointOffsetsRadians[j] - truth) < 0.5 * Math.PI / 180, $"joint {j}: {procedure.Solution.JointOffsetsRadians[j]} rad, true {truth} rad");
            }
        }
    }
}
