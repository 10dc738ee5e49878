using System.Globalization;
using RobotSdk.Calibration.Fiducials;
using RobotSdk.Calibration.Servoing;
using RobotSdk.Geometry;
using RobotSdk.Kinematics;
using RobotSdk.Simulation;
using RobotSdk.Virtual;
using Xunit.Abstractions;

namespace RobotSdk.Calibration.Tests.Servoing;

/// <summary>Virtual arms step in real time: their tests run alone, not beside the other classes' CPU-heavy tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class VirtualArmsInRealTime
{
    public const string Name = "Virtual arms in real time";
}

/// <summary>
/// <see cref="PositionBasedVisualServo"/> end to end on rendered virtual arms with a typical
/// imprecision (<see cref="ArmImprecision.Typical"/>: joint zero offsets, link lengths, backlash,
/// encoder noise, a scene camera 20 mm and 3 degrees from where the MJCF puts it; the gripper tag as
/// drawn, see the test). The loop is given
/// only nominal data: the nominal chain, the nominal camera pose and the gripper tag's pose in the
/// tool frame from the nominal MJCF. Ground truth (the simulation's bodies and sites) only scores.
/// </summary>
[Collection(VirtualArmsInRealTime.Name)]
public sealed class VirtualArmServoingTests(ITestOutputHelper output)
{
    private const int GripperTagId = 10;

    // The goal is fixed to table tag 0; the board's frame is tag 0's, so both kinds of target share the goal.
    private const int TargetTagId = 0;

    private static readonly int[] TableTagIds = [0, 1, 2, 3];

    // Tighter than the default 0.5 mm: the tag poses are biased by up to about 1 mm along the line of sight
    // (a single tag at 0.6 to 1.1 m), and at 0.5 mm the residual and that bias added up to 1.06 mm once on the
    // WidowX. Not much tighter: one STS3215 count (0.0015 rad) moves the SO-101's tool 0.2 to 0.4 mm, and at
    // 0.2 mm a run spent ten corrections crossing counts.
    private const double TranslationTolerance = 0.0003;

    [Theory]
    [InlineData("so101", 1, true)]
    [InlineData("so101", 2, true)]
    [InlineData("so101", 3, true)]
    [InlineData("wx250s", 1, true)]
    [InlineData("so101", 3, false)]
    public async Task Servo_BringsTheTrueTool_ToTheTrueTarget_WithinAMillimetre(string armName, int seed, bool tableBoard)
    {
        // The tag mount as drawn: the loop knows the tool only through the tag's drawing, so a mount error (Typical's
        // 0.5 mm and 1 degree about the tag's normal, up to 1.3 mm at the SO-101's jaws) passes into the result one to
        // one, whatever the loop does (so101 seed 3 with the single tag ended 1.14 mm off with it). This test measures the loop.
        ArmImprecision imprecision = ArmImprecision.Typical(seed);
        imprecision.MaxTagMountPositionErrorMillimeters = 0;
        imprecision.MaxTagMountRotationErrorDegrees = 0;
        var options = new VirtualArmOptions { World = new VirtualWorldOptions { Imprecision = imprecision } };
        using VirtualArm arm = VirtualArm.Start(armName, options);
        using var robot = new Robot(arm.CreateDriver(), new RobotOptions { ControlRateHz = 100 }, "virtual-" + arm.Name);
        using var renderer = new DedicatedThread();
        // The WidowX's scene camera is far (its 40 mm gripper tag is about 20 px across at 640 x 480): twice the resolution.
        int width = armName == "wx250s" ? 1280 : 640;
        SimulatedCamera camera = await renderer.RunAsync(() => arm.OpenCamera("scene", width, width * 3 / 4));
        try
        {
            await ServoAsync(armName, seed, tableBoard, arm, robot, camera, renderer);
        }
        finally
        {
            await renderer.RunAsync(() => camera.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(10)));
        }
    }

    private async Task ServoAsync(string armName, int seed, bool tableBoard, VirtualArm arm, Robot robot, SimulatedCamera camera, DedicatedThread renderer)
    {
        SerialChain chain = robot.Kinematics!;
        Pose nominalCamera = chain.Description.Base * camera.ToRigEntry(CameraMount.Fixed).Extrinsics!.Value;
        var nominal = new NominalScene(arm.World.NominalMjcf!, arm.Model.ToolBody);
        Pose goal = ReachableGoal(chain, nominal, TargetTagId, nominalCamera.Position, ApproachAxis(armName), out double[] goalJoints);
        Pose targetFrame = nominal.TagInWorld(TargetTagId);
        var gripperTag = new ServoTag(GripperTagId, nominal.TagSize(GripperTagId));
        VisualServoTarget target = tableBoard
            ? new VisualServoTarget(gripperTag, nominal.TagInTool(GripperTagId), nominal.Board(TableTagIds), targetFrame.Inverse() * goal)
            : new VisualServoTarget(gripperTag, nominal.TagInTool(GripperTagId), new ServoTag(TargetTagId, nominal.TagSize(TargetTagId)), targetFrame.Inverse() * goal);
        robot.Connect();
        await ActivateAsync(robot);

        // Open loop: the model alone, inverse kinematics of the goal over the nominal chain.
        var rig = new VirtualServoRig(robot, camera, renderer);
        await robot.MoveToPoseAsync(goal, new InverseKinematicsOptions { OrientationWeight = 0.1 }, speedFraction: 0.5, toleranceRadians: 0.01);
        await rig.MoveToAsync(goalJoints, settle: true, CancellationToken.None);
        (double openLoopBody, double openLoopPoint) = TrueErrors(arm, nominal, target);

        using var detector = new AprilTagDetector(new AprilTagDetectorOptions { Decimate = 1 });
        var observer = new AprilTagPoseObserver(detector, new CameraModel(camera.Intrinsics));
        VisualServoResult result = await PositionBasedVisualServo.RunAsync(rig, chain, observer, target, new VisualServoOptions { CameraPose = nominalCamera, TranslationToleranceMetres = TranslationTolerance, MaxIterations = 30 });
        (double body, double point) = TrueErrors(arm, nominal, target);
        CameraFrame last = await renderer.RunAsync(camera.RenderOnce);
        IReadOnlyDictionary<int, PoseEstimate> measured = observer.Observe(last, [target.GripperTag, .. target.TargetBoard.Tags.Select(t => new ServoTag(t.Id, t.SizeMetres))]);
        PoseEstimate? board = observer.Observe(last, target.TargetBoard);
        Pose trueCamera = await renderer.RunAsync(camera.GetOpticalPose);
        double toolLinkError = 1000 * arm.GroundTruth.GetLinkLengthError(nominal.ToolBody);

        output.WriteLine(Invariant($"{armName} seed {seed}, {target.TargetDescription}: {result.Message}"));
        output.WriteLine(Invariant($"  open loop (true): tool body {openLoopBody:0.00} mm, tool point on the jaws {openLoopPoint:0.00} mm"));
        output.WriteLine("  measured per iteration: " + string.Join(", ", result.Iterations.Select(i => Invariant($"{i.TranslationMillimetres:0.00} mm/{i.RotationDegrees:0.00} deg"))));
        output.WriteLine(Invariant($"  closed loop (true): tool body {body:0.00} mm, tool point on the jaws {point:0.00} mm; the tool body's own link-length error {toolLinkError:0.00} mm"));
        foreach ((int id, PoseEstimate estimate) in measured)
        {
            Pose truth = trueCamera.Inverse() * TrueSite(arm, id) * NominalScene.SiteToTag;
            output.WriteLine(Invariant($"  tag {id} measured vs true (true camera frame): {1000 * (estimate.CameraFromObject.Position - truth.Position).Length:0.00} mm, {estimate.CameraFromObject.Orientation.AngleTo(truth.Orientation) * 180 / Math.PI:0.000} degrees, reprojection {estimate.ReprojectionRmsPixels:0.000} px"));
        }

        if (board is not null)
        {
            Pose truth = trueCamera.Inverse() * TrueSite(arm, TargetTagId) * NominalScene.SiteToTag;
            output.WriteLine(Invariant($"  target frame measured vs true (true camera frame): {1000 * (board.CameraFromObject.Position - truth.Position).Length:0.00} mm, {board.CameraFromObject.Orientation.AngleTo(truth.Orientation) * 180 / Math.PI:0.000} degrees, reprojection {board.ReprojectionRmsPixels:0.000} px over {board.PointCount / 4} tags"));
        }

        Assert.True(openLoopPoint > 2, Invariant($"the open-loop move should miss by several mm; it missed by {openLoopPoint:0.00} mm"));
        Assert.True(result.Converged, result.Message);
        Assert.True(point <= 1, Invariant($"the tool point is {point:0.00} mm from the true target"));
        // The tool body was moved along its offset by the injected link-length error: no camera sees a point
        // inside the jaws, so the body may be off by that much more.
        Assert.True(body <= 1 + Math.Abs(toolLinkError), Invariant($"the tool body is {body:0.00} mm from the true target"));
    }

    /// <summary>
    /// About 30 mm above the table, 50 mm beyond the target tag's centre as seen from the camera (so the
    /// gripper never hides the tag), approach axis pointing down and the gripper tag turned to the camera;
    /// then the nominal arm's nearest reachable pose to that (a 5-joint arm cannot reach every orientation).
    /// </summary>
    private static Pose ReachableGoal(SerialChain chain, NominalScene nominal, int targetTagId, Vector3D cameraPosition, Vector3D approach, out double[] joints)
    {
        Vector3D centre = nominal.TagInWorld(targetTagId).Position;
        Vector3D toCamera = new Vector3D(cameraPosition.X - centre.X, cameraPosition.Y - centre.Y, 0).Normalized();
        Vector3D down = new(0, 0, -1);
        Vector3D tagNormal = nominal.TagInTool(GripperTagId).Orientation.Rotate(new Vector3D(0, 0, -1));
        Rotation orientation = Align(approach, tagNormal, down, toCamera);
        var desired = new Pose(centre + new Vector3D(0, 0, 0.03) - (0.05 * toCamera), orientation);
        joints = new double[chain.JointCount];
        chain.SolveInverseKinematics(desired, new double[chain.JointCount], joints, new InverseKinematicsOptions { OrientationWeight = 0.1 });
        Pose reachable = chain.ForwardKinematics(joints);
        Assert.True((reachable.Position - desired.Position).Length < 0.005, $"the goal is out of the nominal arm's reach by {(reachable.Position - desired.Position).Length * 1000:0.0} mm");
        return reachable;
    }

    /// <summary>
    /// Activates, retrying a torque-enable write the emulated bus did not answer in time: on two cores shared
    /// with other builds, the emulator thread is sometimes not scheduled within the driver's 3 x 50 ms.
    /// </summary>
    private static async Task ActivateAsync(Robot robot)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                robot.Activate();
                return;
            }
            catch (HardwareTimeoutException) when (attempt < 3)
            {
                await Task.Delay(200);
            }
        }
    }

    /// <summary>The tool axis that points out between the jaws: z in LeRobot's SO-101 gripper frame, x in Interbotix's ee_gripper_link.</summary>
    private static Vector3D ApproachAxis(string arm) => arm == "wx250s" ? new Vector3D(1, 0, 0) : new Vector3D(0, 0, 1);

    /// <summary>The rotation taking tool-frame a to world u and (as near as can be) tool-frame b to world v.</summary>
    private static Rotation Align(Vector3D a, Vector3D b, Vector3D u, Vector3D v)
    {
        Vector3D b2 = (b - (Vector3D.Dot(a, b) * a)).Normalized();
        Vector3D v2 = (v - (Vector3D.Dot(u, v) * u)).Normalized();
        Vector3D a3 = Vector3D.Cross(a, b2);
        Vector3D u3 = Vector3D.Cross(u, v2);

        // R = [u v2 u3] [a b2 a3]^T
        double Element(int row, int column)
        {
            static double Of(Vector3D vector, int index) => index == 0 ? vector.X : index == 1 ? vector.Y : vector.Z;
            return (Of(u, row) * Of(a, column)) + (Of(v2, row) * Of(b2, column)) + (Of(u3, row) * Of(a3, column));
        }

        return RotationMatrices.FromMatrix(
            Element(0, 0), Element(0, 1), Element(0, 2),
            Element(1, 0), Element(1, 1), Element(1, 2),
            Element(2, 0), Element(2, 1), Element(2, 2));
    }

    /// <summary>
    /// Millimetres from the true target point (the goal on the simulation's target tag site) to the
    /// simulation's tool body, and to the nominal tool point carried by the true last link (the point on the jaws).
    /// </summary>
    private static (double Body, double Point) TrueErrors(VirtualArm arm, NominalScene nominal, VisualServoTarget target)
    {
        (Pose site, Pose tool, Pose parent) = (default, default, default);
        arm.World.Access(simulation =>
        {
            site = simulation.GetSitePose(NominalScene.SiteName(TargetTagId));
            tool = simulation.GetBodyPose(nominal.ToolBody);
            parent = simulation.GetBodyPose(nominal.ToolParentBody);
        });
        Vector3D goal = (site * NominalScene.SiteToTag * target.ToolInTarget).Position;
        return (1000 * (tool.Position - goal).Length, 1000 * ((parent * nominal.ToolInParent).Position - goal).Length);
    }

    private static Pose TrueSite(VirtualArm arm, int id)
    {
        Pose site = default;
        arm.World.Access(simulation => site = simulation.GetSitePose(NominalScene.SiteName(id)));
        return site;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
