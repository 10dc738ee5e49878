using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using RobotSdk.Calibration.Files;
using RobotSdk.Calibration.Identification;
using RobotSdk.Cli.Calibration;
using RobotSdk.Geometry;

namespace RobotSdk.Cli.Tests;

/// <summary><c>robot calibrate</c>: a virtual arm calibrated from rendered images end to end, its file and report, and the real-arm mode's arguments.</summary>
public sealed class CalibrateCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("robotsdk-cli-calibrate-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void CalibrateVirtual_ReducesTheHeldOutToolError_AndWritesAFileAndAReport()
    {
        // 30 + 10 poses keep the run near a minute; the default 50 + 15 gives under 1 mm on this seed.
        string output = Path.Combine(_directory, "so101");
        (int exitCode, string printed, string error) = RobotProcess.Run("calibrate", "--arm", "so101", "--virtual", "--seed", "1", "--poses", "30", "--held-out", "10", "--out", output, "--json");

        Assert.True(exitCode == 0, $"exit {exitCode}: {error}");
        using var json = JsonDocument.Parse(printed);
        JsonElement root = json.RootElement;
        double before = root.GetProperty("tool_error_mm_before").GetDouble();
        double after = root.GetProperty("tool_error_mm_after").GetDouble();
        Assert.True(after < before, $"after {after} mm, before {before} mm");
        Assert.True(after < 2.5, $"median held-out tool error after calibration {after} mm");
        Assert.True(root.GetProperty("joint_offset_error_deg").GetDouble() < 0.5);
        Assert.InRange(root.GetProperty("reprojection_px").GetDouble(), 0, 1);
        Assert.True(root.GetProperty("held_out_used").GetInt32() >= 5);

        // The tag's holder as the arm's model draws it is the solve's prior (the virtual tag sits off it, as a printed one would).
        Assert.StartsWith("the tag's pose in the wrist_roll frame from its mount's drawing, +/- 1.0 mm and 2.0 deg", root.GetProperty("tag_mount_prior").GetString(), StringComparison.Ordinal);
        Assert.Contains(root.GetProperty("identifiability").EnumerateArray(), line => line.GetString()!.StartsWith("Tag-mount prior used", StringComparison.Ordinal));

        // The camera's own check agrees in direction: no ground truth needed for it.
        Assert.True(root.GetProperty("camera_tool_error_mm_after").GetDouble() < root.GetProperty("camera_tool_error_mm_before").GetDouble());
        Assert.True(root.GetProperty("held_out_reprojection_px_after").GetDouble() < root.GetProperty("held_out_reprojection_px_before").GetDouble());

        // The calibration file is made for the arm as its driver identifies it (model and servo IDs), so
        // `robot move --calibration` accepts it on that arm; it loads back with the offsets printed.
        Assert.Equal("so101 ids 1,2,3,4,5,6", root.GetProperty("arm_identity").GetString());
        string file = root.GetProperty("calibration_file").GetString()!;
        Assert.Equal(Path.Combine(output, "kinematic-calibration.json"), file);
        StoredKinematicCalibration loaded = KinematicCalibrationFile.Load(file, "so101", root.GetProperty("arm_identity").GetString()!, 5);
        double[] printedOffsets = [.. root.GetProperty("joints").EnumerateArray().Select(joint => joint.GetProperty("offset_deg").GetDouble())];
        Assert.Equal(printedOffsets, loaded.JointOffsetsRadians.Select(radians => radians * 180 / Math.PI), (a, b) => Math.Abs(a - b) < 1e-9);
        Assert.Equal(root.GetProperty("held_out_used").GetInt32(), loaded.Residuals.HeldOutPoseCount);

        // The report: residuals before/after, per-joint offsets, error histogram, held-out residuals, and the overlay on a rendered frame.
        string report = File.ReadAllText(root.GetProperty("report").GetString()!);
        foreach (string plot in (string[])["chart residuals", "chart offsets", "chart histogram", "chart held-out-residuals", "overlay"])
        {
            Assert.Contains($"class=\"{plot}\"", report, StringComparison.Ordinal);
        }

        Assert.Contains("data:image/png;base64,", report, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("give --port PORT and --camera SOURCE", "--arm", "so101")]
    [InlineData("unknown arm 'ur5'; the arms with a driver are: ", "--arm", "ur5", "--port", "/dev/null")]
    [InlineData("no virtual arm 'ur5'", "--arm", "ur5", "--virtual")]
    [InlineData("give --camera SOURCE", "--arm", "so101", "--port", "/dev/null")]
    [InlineData("give --tag-size", "--arm", "so101", "--port", "/dev/null", "--camera", "/dev/video0")]
    [InlineData("give --camera-intrinsics FILE", "--arm", "so101", "--port", "/dev/null", "--camera", "/dev/video0", "--tag-size", "0.036")]
    [InlineData("no serial port at '/nonexistent/ttyACM0'", "--arm", "so101", "--port", "/nonexistent/ttyACM0", "--camera", "/dev/video0", "--tag-size", "0.036", "--camera-intrinsics", "rig.json")]
    [InlineData("leave out --port and --camera", "--arm", "so101", "--virtual", "--port", "/dev/null")]
    public void Calibrate_WithMissingOrWrongArguments_SaysWhatToGive(string message, params string[] arguments)
    {
        (int exitCode, _, string error) = RobotProcess.Run(["calibrate", .. arguments]);

        Assert.Equal(2, exitCode);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void CalibrateArm_WithAMissingCameraOrIntrinsicsFile_SaysWhichIsMissing()
    {
        string rig = WriteCameraRig();
        (int exitCode, _, string error) = RobotProcess.Run("calibrate", "--arm", "so101", "--port", "/dev/null", "--camera", "/dev/video97", "--tag-size", "0.036", "--camera-intrinsics", rig);
        Assert.Equal(1, exitCode);
        Assert.Contains("no camera at '/dev/video97'", error, StringComparison.Ordinal);

        (exitCode, _, error) = RobotProcess.Run("calibrate", "--arm", "so101", "--port", "/dev/null", "--camera", "/dev/video97", "--tag-size", "0.036", "--camera-intrinsics", Path.Combine(_directory, "none.json"));
        Assert.Equal(1, exitCode);
        Assert.Contains("none.json", error, StringComparison.Ordinal);
    }

    [Fact]
    public void CalibrateArm_DrivesAServedArmThroughItsRealDriver_AndReadsAnFfmpegCamera_ThenSaysTheTagWasNotSeen()
    {
        // Everything a real run does up to the tag: the Feetech driver on the served arm's pty, the control
        // loop, the pilot poses, ffmpeg frames. The camera is ffmpeg's test pattern (the virtual arm's
        // rendered camera is not an ffmpeg source), so no tag is ever seen and the run must say so.
        string link = Path.Combine(_directory, "so101");
        using Process served = RobotProcess.Start("virtual", "--arm", "so101", "--link", link, "--imprecise", "1");
        try
        {
            Assert.StartsWith("serving virtual so101 (", served.StandardOutput.ReadLine(), StringComparison.Ordinal);
            (int exitCode, string output, string error) = RobotProcess.Run(
                "calibrate", "--arm", "so101", "--port", link, "--camera", "lavfi:testsrc=size=640x480:rate=15", "--tag-size", "0.036", "--camera-intrinsics", WriteCameraRig(), "--out", Path.Combine(_directory, "out"), "--tag-mount", "0.02,0,0.05,0,-90,0",
                "--reply-timeout-ms", "50", "--max-consecutive-failures", "5"); // what `robot virtual` prints in its profile

            Assert.True(exitCode == 1, $"exit {exitCode}: {error}{output}");
            Assert.Contains("tag mount: from the holder's drawing, (20.0, 0.0, 50.0) mm in the last joint's frame, trusted to 1 mm and 2 degrees", output, StringComparison.Ordinal);
            // Without a nominal camera pose the pilot is not aimed: one round of poses per tool axis, and a round without the tag ends the run.
            Match pilot = Regex.Match(output, @"pilot: (\d+) poses to find the tag's orientation");
            Assert.True(pilot.Success, output);
            Assert.True(int.Parse(pilot.Groups[1].Value, CultureInfo.InvariantCulture) >= 6, pilot.Value);
            Assert.Contains($"The tag (id 10) was seen in 0 of {pilot.Groups[1].Value} pilot poses", error, StringComparison.Ordinal);
            Assert.False(Directory.Exists(Path.Combine(_directory, "out")));
        }
        finally
        {
            served.Kill(entireProcessTree: true);
            served.WaitForExit();
        }
    }

    private string WriteCameraRig()
    {
        string path = Path.Combine(_directory, "rig.json");
        CameraRigFile.Save(new CameraRig([new CameraRigEntry("overhead", CameraMount.Fixed, 640, 480) { Intrinsics = new CameraIntrinsics(640, 480, 580, 580, 320, 240) }]), path);
        return path;
    }

    [Theory]
    [InlineData("0.02,0,0.05,0,-90", "1,2", "--tag-mount: 5 figure(s) in '0.02,0,0.05,0,-90'; give X,Y,Z,ROLL,PITCH,YAW")]
    [InlineData("0.02,0,five,0,-90,0", "1,2", "--tag-mount: 'five' is not a number")]
    [InlineData("0.02,0,0.05,0,-90,0", "1,0", "--tag-mount-sigma: both figures must be positive; got '1,0'")]
    public void Calibrate_RefusesAMalformedTagMount_BeforeOpeningThePort(string mount, string sigma, string message)
    {
        (int exitCode, _, string error) = RobotProcess.Run(
            "calibrate", "--arm", "so101", "--port", "/dev/robotsdk-no-such-port", "--camera", "lavfi:testsrc", "--tag-size", "0.036",
            "--camera-intrinsics", WriteCameraRig(), "--tag-mount", mount, "--tag-mount-sigma", sigma);

        Assert.Equal(2, exitCode);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TagMountArgument_IsAPoseInMetresAndRollPitchYawDegrees_WithItsSigmas()
    {
        TagMountPrior prior = TagMountArgument.Parse("0.02,0,0.05,0,-90,0", "0.5,3");

        Assert.Equal(new Vector3D(0.02, 0, 0.05), prior.TagInLastJoint.Position);
        Vector3D normal = prior.TagInLastJoint.Orientation.Rotate(new Vector3D(0, 0, 1));
        Assert.Equal(-1, normal.X, 12); // pitch -90 degrees turns the tag's +z onto -x
        Assert.Equal(0.0005, prior.PositionStandardDeviationMeters, 12);
        Assert.Equal(3, prior.RotationStandardDeviationDegrees);
    }

    [Fact]
    public void Calibrate_RefusesABacklashOutsideTheSimulationsRange_BeforeStartingTheArm()
    {
        (int exitCode, _, string error) = RobotProcess.Run("calibrate", "--arm", "so101", "--virtual", "--backlash-deg", "12");

        Assert.Equal(2, exitCode);
        Assert.Contains("--backlash-deg must be in [0, 10] degrees; got 12", error, StringComparison.Ordinal);
    }
}
