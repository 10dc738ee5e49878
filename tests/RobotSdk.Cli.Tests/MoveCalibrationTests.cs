using System.Globalization;
using System.Text.RegularExpressions;
using RobotSdk.Calibration.Files;
using RobotSdk.Geometry;
using RobotSdk.Hardware;
using RobotSdk.Kinematics;

namespace RobotSdk.Cli.Tests;

/// <summary><c>robot move --calibration</c>: the arm's own kinematic calibration replaces its nominal chain; another arm's file is refused.</summary>
public sealed partial class MoveCalibrationTests : IDisposable
{
    private const string Goal = "0.2,0.3,0.4,-0.3,0.1";
    private readonly string _directory = Directory.CreateTempSubdirectory("robotsdk-cli-calibration-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Move_WithTheArmsCalibration_ReportsTheToolUnderTheCalibratedChain()
    {
        KinematicChainDescription calibrated = ShiftedChain();
        string file = SaveCalibration("demo-arm", calibrated); // the mirror's demo arm identifies itself by its model

        (int exitCode, string output, string error) move = RobotProcess.Run("move", "--profile", MirrorProfile(), "--joints", Goal, "--speed", "1", "--calibration", file);

        MoveOutput.AssertReached(move, Goal);
        Assert.Contains($"calibrated kinematics from {file}", move.output, StringComparison.Ordinal);
        double[] reached = [.. JointLine().Matches(move.output).Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))];
        Vector3D tool = Tool(move.output);
        Assert.True((tool - new SerialChain(calibrated, DemoArm.Description).ToolPosition(reached)).Length < 0.0005, $"tool {tool} is not where the calibrated chain puts it");
        Assert.True((tool - new SerialChain(DemoArm.Description).ToolPosition(reached)).Length > 0.004, $"tool {tool} is where the nominal chain puts it");
    }

    [Fact]
    public void Move_WithoutCalibration_ReportsTheToolUnderTheNominalChain()
    {
        (int exitCode, string output, string error) move = RobotProcess.Run("move", "--profile", MirrorProfile(), "--joints", Goal, "--speed", "1");

        MoveOutput.AssertReached(move, Goal);
        Assert.Contains("nominal kinematics", move.output, StringComparison.Ordinal);
        double[] reached = [.. JointLine().Matches(move.output).Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))];
        Assert.True((Tool(move.output) - new SerialChain(DemoArm.Description).ToolPosition(reached)).Length < 0.0005);
    }

    [Fact]
    public void Move_RefusesTheCalibrationOfAnotherArm_BeforeAnythingMoves()
    {
        string file = SaveCalibration("demo-arm unit 2", ShiftedChain());

        (int exitCode, string output, string error) = RobotProcess.Run("move", "--profile", MirrorProfile(), "--joints", Goal, "--calibration", file);

        Assert.Equal(1, exitCode);
        Assert.Equal(
            $"robot move: {file}: this kinematic calibration was made for the 'demo-arm' arm 'demo-arm unit 2', not this one ('demo-arm'); calibrate this arm.",
            error.Trim());
        Assert.DoesNotContain("torque off", output, StringComparison.Ordinal);
    }

    private static Vector3D Tool(string output)
    {
        Match tool = ToolLine().Match(output);
        Assert.True(tool.Success, output);
        double Read(int group) => double.Parse(tool.Groups[group].Value, CultureInfo.InvariantCulture);
        return new Vector3D(Read(1), Read(2), Read(3));
    }

    /// <summary>The demo arm's chain with a 1 degree shoulder-lift offset folded into that joint's origin.</summary>
    private static KinematicChainDescription ShiftedChain()
    {
        KinematicChainDescription nominal = DemoArm.Description.Kinematics!;
        KinematicJoint[] joints = [.. nominal.Joints];
        joints[1] = joints[1] with { Origin = joints[1].Origin with { Orientation = Rotation.FromAxisAngle(joints[1].Axis, Math.PI / 180) } };
        return nominal with { Joints = joints };
    }

    private string SaveCalibration(string identity, KinematicChainDescription chain)
    {
        var calibration = new StoredKinematicCalibration(
            DemoArm.Model,
            identity,
            new CalibratedCamera("overhead", new CameraIntrinsics(640, 480, 600, 600, 319.5, 239.5), CameraMount.Fixed, Pose.Identity),
            chain,
            [0, Math.PI / 180, 0, 0, 0],
            [0, 0, 0, 0, 0, 0],
            Pose.Identity,
            new CalibrationResiduals(0.3, 40, true),
            []);
        string path = Path.Combine(_directory, $"{Guid.NewGuid():N}.kinematics.json");
        KinematicCalibrationFile.Save(calibration, path);
        return path;
    }

    private string MirrorProfile()
    {
        string path = Path.Combine(_directory, $"profile-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{ "Robots": { "arm": { "Driver": "mirror", "Arm": "demo-arm", "Mirror": { "LagMs": 5 } } } }""");
        return path;
    }

    [GeneratedRegex(@"(-?[0-9.]+) rad \(goal")]
    private static partial Regex JointLine();

    [GeneratedRegex(@"tool at \((-?[0-9.]+), (-?[0-9.]+), (-?[0-9.]+)\) m")]
    private static partial Regex ToolLine();
}
