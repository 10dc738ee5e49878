using RobotSdk.Calibration.Servoing;
using RobotSdk.Geometry;
using Xunit.Abstractions;

namespace RobotSdk.Calibration.Tests.Servoing;

/// <summary>
/// <see cref="PositionBasedVisualServo"/> on synthetic scenes (<see cref="ServoScene"/>): the control
/// law removes a kinematic bias the nominal model cannot see, and every stop criterion ends the loop
/// with its own reason.
/// </summary>
public sealed class PositionBasedVisualServoTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("so101", 1)]
    [InlineData("so101", 2)]
    [InlineData("wx250s", 1)]
    public async Task Loop_RemovesTheKinematicBias_AndEndsAtTheTrueGoal(string arm, int seed)
    {
        var scene = new ServoScene(arm, seed);
        double openLoop = Distance(scene.TrueTool.Position, scene.Goal.Position);

        VisualServoResult result = await PositionBasedVisualServo.RunAsync(scene, scene.Nominal, scene, scene.Target, scene.Options());

        double closedLoop = Distance(scene.TrueTool.Position, scene.Goal.Position);
        double angle = scene.TrueTool.Orientation.AngleTo(scene.Goal.Orientation) * 180 / Math.PI;
        output.WriteLine($"{arm} seed {seed}: open loop {openLoop:0.00} mm; {result.Message}");
        output.WriteLine("  per iteration (mm): " + string.Join(", ", result.Iterations.Select(i => i.TranslationMillimetres.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture))));
        output.WriteLine($"  true error {closedLoop:0.000} mm, {angle:0.000} degrees");
        Assert.True(openLoop > 3, $"the injected bias should miss the goal by several mm open loop; it missed by {openLoop:0.00} mm");
        Assert.Equal(VisualServoStopReason.Converged, result.Reason);
        Assert.True(result.Converged);
        Assert.True(closedLoop < 0.5, $"true error {closedLoop:0.000} mm");
        Assert.True(angle < 0.5, $"true rotation error {angle:0.000} degrees");
        Assert.InRange(result.Corrections, 1, 20);
        Assert.Equal(result.Corrections, scene.Moves);
        Assert.Equal(0, result.Iterations[^1].Gain);
    }

    [Fact]
    public async Task Loop_StopsAsDiverged_WhenTheCameraRotationIsTurnedHalfAround()
    {
        var scene = new ServoScene("so101", 3);
        VisualServoOptions options = scene.Options() with
        {
            // Half a turn about the optical axis: lateral corrections go the wrong way and the error grows.
            CameraPose = new Pose(scene.TrueCameraPose.Position, scene.TrueCameraPose.Orientation * Rotation.FromAxisAngle(new Vector3D(0, 0, 1), Math.PI)),
            DivergenceIterations = 3,
        };

        VisualServoResult result = await PositionBasedVisualServo.RunAsync(scene, scene.Nominal, scene, scene.Target, options);

        output.WriteLine(result.Message);
        Assert.Equal(VisualServoStopReason.Diverged, result.Reason);
        Assert.False(result.Converged);
        Assert.Equal(4, result.Iterations.Count);
        Assert.True(result.Iterations[^1].Error.TranslationMetres > result.Iterations[0].Error.TranslationMetres);
        Assert.Contains("grew 3 iterations in a row", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Loop_StopsWithTargetTagLost_WhenTheTargetDisappears()
    {
        var scene = new ServoScene("so101", 1) { TargetTagLostFrom = 2 };

        VisualServoResult result = await PositionBasedVisualServo.RunAsync(scene, scene.Nominal, scene, scene.Target, scene.Options());

        Assert.Equal(VisualServoStopReason.TargetTagLost, result.Reason);
        Assert.Equal(2, result.Iterations.Count);
        Assert.Equal(2, scene.Moves);
        Assert.Equal("The target tag 2 was not found in frame 2.", result.Message);
    }

    [Fact]
    public async Task Loop_StopsWithGripperTagLost_BeforeMoving_WhenTheFirstFrameLacksIt()
    {
        var scene = new ServoScene("so101", 1) { GripperTagLostFrom = 0 };

        VisualServoResult result = await PositionBasedVisualServo.RunAsync(scene, scene.Nominal, scene, scene.Target, scene.Options());

        Assert.Equal(VisualServoStopReason.GripperTagLost, result.Reason);
        Assert.Empty(result.Iterations);
        Assert.Null(result.FinalError);
        Assert.Equal(0, scene.Moves);
    }

    [Fact]
    public async Task Loop_StopsAtTheIterationCap_WithTheLastErrorMeasured()
    {
        var scene = new ServoScene("so101", 1);

        VisualServoResult result = await PositionBasedVisualServo.RunAsync(scene, scene.Nominal, scene, scene.Target, scene.Options() with { MaxIterations = 2 });

        Assert.Equal(VisualServoStopReason.MaxIterations, result.Reason);
        Assert.Equal(3, result.Iterations.Count);
        Assert.Equal(2, result.Corrections);
        Assert.True(result.Iterations[2].Error.TranslationMetres < result.Iterations[0].Error.TranslationMetres);
    }

    [Fact]
    public async Task Loop_ReportsUnreachable_WhenTheRigCannotMove()
    {
        var scene = new ServoScene("so101", 1) { Blocked = true };

        VisualServoResult result = await PositionBasedVisualServo.RunAsync(scene, scene.Nominal, scene, scene.Target, scene.Options());

        Assert.Equal(VisualServoStopReason.Unreachable, result.Reason);
        Assert.Single(result.Iterations);
        Assert.Contains("could not reach", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Loop_ReportsUnreachable_WhenTheGoalIsBeyondTheArm()
    {
        var scene = new ServoScene("so101", 1);
        VisualServoTarget far = scene.Target with { ToolInTarget = new Pose(new Vector3D(0.6, 0, -0.03), Rotation.Identity) };

        VisualServoResult result = await PositionBasedVisualServo.RunAsync(scene, scene.Nominal, scene, far, scene.Options() with { MaximumTranslationStepMetres = 0.2 });

        Assert.Equal(VisualServoStopReason.Unreachable, result.Reason);
        Assert.Contains("no inverse kinematics solution", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MeasureError_IsZero_WhenTheToolIsAtTheGoal_AndTheCameraFrameOffset_Otherwise()
    {
        var scene = new ServoScene("so101", 1);
        Pose camera = scene.TrueCameraPose.Inverse();
        Pose tagAtGoal = camera * scene.Goal * scene.TagInTool;
        Pose target = camera * scene.TargetTagPose;

        VisualServoError atGoal = PositionBasedVisualServo.MeasureError(tagAtGoal, target, scene.Target);
        var shift = new Vector3D(0.004, -0.002, 0.001);
        Rotation turn = Rotation.FromAxisAngle(new Vector3D(0, 0, 1), 0.1);
        // The tool 'shift' short of the goal and turned by 'turn' the wrong way, both in the camera frame.
        Pose toolInCamera = camera * scene.Goal;
        Pose displaced = new Pose(toolInCamera.Position - shift, turn.Inverse() * toolInCamera.Orientation) * scene.TagInTool;
        VisualServoError off = PositionBasedVisualServo.MeasureError(displaced, target, scene.Target);

        Assert.True(atGoal.TranslationMetres < 1e-12 && atGoal.RotationRadians < 1e-9);
        Assert.Equal(shift.X, off.Translation.X, 12);
        Assert.Equal(shift.Y, off.Translation.Y, 12);
        Assert.Equal(shift.Z, off.Translation.Z, 12);
        Assert.Equal(0, off.Rotation.X, 9);
        Assert.Equal(0, off.Rotation.Y, 9);
        Assert.Equal(0.1, off.Rotation.Z, 9);
        Assert.Equal(0.1, off.InfinityNorm, 9);
    }

    [Fact]
    public void Correct_WithGainOne_AndTheTrueCameraRotation_LandsOnTheGoal()
    {
        var scene = new ServoScene("so101", 1);
        Pose camera = scene.TrueCameraPose.Inverse();
        Pose tool = new(scene.Goal.Position + new Vector3D(0.01, 0.02, -0.005), Rotation.FromAxisAngle(new Vector3D(1, 2, 3), 0.2) * scene.Goal.Orientation);
        VisualServoError error = PositionBasedVisualServo.MeasureError(camera * tool * scene.TagInTool, camera * scene.TargetTagPose, scene.Target);

        Pose full = PositionBasedVisualServo.Correct(tool, error, scene.TrueCameraPose.Orientation, 1);
        Pose half = PositionBasedVisualServo.Correct(tool, error, scene.TrueCameraPose.Orientation, 0.5);

        Assert.True(Distance(full.Position, scene.Goal.Position) < 1e-9);
        Assert.True(full.Orientation.AngleTo(scene.Goal.Orientation) < 1e-9);
        Assert.Equal(Distance(tool.Position, scene.Goal.Position) / 2, Distance(half.Position, scene.Goal.Position), 6);
        Assert.Equal(0.1, half.Orientation.AngleTo(scene.Goal.Orientation), 9);
    }

    [Theory]
    [InlineData(-0.3)]
    [InlineData(0.5)]
    [InlineData(Math.PI / 2)]
    [InlineData(Math.PI - 1e-6)]
    public void RotationVector_HasTheAngle_AndTheAxis(double angle)
    {
        var axis = new Vector3D(0.2, -0.5, 0.7).Normalized();
        Vector3D vector = PositionBasedVisualServo.RotationVector(Rotation.FromAxisAngle(axis, angle));
        Vector3D expected = angle * axis;

        Assert.Equal(expected.X, vector.X, 9);
        Assert.Equal(expected.Y, vector.Y, 9);
        Assert.Equal(expected.Z, vector.Z, 9);
    }

    [Fact]
    public async Task RunAsync_RejectsOptions_OutOfRange_WithTheirName()
    {
        var scene = new ServoScene("so101", 1);

        var gain = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            PositionBasedVisualServo.RunAsync(scene, scene.Nominal, scene, scene.Target, scene.Options() with { Gain = AdaptiveGain.Constant(2.5) }));
        var divergence = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            PositionBasedVisualServo.RunAsync(scene, scene.Nominal, scene, scene.Target, scene.Options() with { DivergenceIterations = 1 }));
        var sameTag = await Assert.ThrowsAsync<ArgumentException>(() =>
            PositionBasedVisualServo.RunAsync(scene, scene.Nominal, scene, scene.Target with { TargetBoard = TagBoard.Grid(Fiducials.AprilTagFamily.Tag36h11, 2, 1, 0.06, 0.1, firstId: 9) }, scene.Options()));

        Assert.Equal("AtZero", gain.ParamName);
        Assert.Contains("lambda(0) must be in (0, 2); it is 2.5", gain.Message, StringComparison.Ordinal);
        Assert.Equal("DivergenceIterations", divergence.ParamName);
        Assert.Contains("a tag of the target board are both tag 10", sameTag.Message, StringComparison.Ordinal);
        Assert.Equal(0, scene.Moves);
    }

    private static double Distance(Vector3D a, Vector3D b) => 1000 * (a - b).Length;
}
