using RobotSdk.Calibration.Procedure;
using RobotSdk.Calibration.Servoing;
using RobotSdk.Calibration.Tests.Identification;
using RobotSdk.Drivers.Dynamixel;
using RobotSdk.Drivers.Feetech;
using RobotSdk.Geometry;
using RobotSdk.Kinematics;

namespace RobotSdk.Calibration.Tests.Servoing;

/// <summary>
/// A synthetic servoing scene without rendering: an arm whose true kinematics differ from nominal
/// (joint zero offsets, link lengths, as <see cref="SyntheticRig.Perturb"/> makes them), a fixed camera,
/// a tag on the gripper and a target tag on the table. It is both the rig (joints go where commanded;
/// the true chain decides where the tool really is) and the camera (it reports the true tag poses in
/// the true camera frame), so the loop sees exactly what a perfect detector would.
/// </summary>
internal sealed class ServoScene : ICalibrationRig, ITagPoseObserver
{
    public const int GripperTagId = 10;
    public const int TargetTagId = 2;

    private static readonly Rotation FaceUpTag = new(0, 1, 0, 0); // tag +z (into the print) points down

    private readonly SerialChain _truth;
    private double[] _joints;

    public ServoScene(string arm, int seed)
    {
        (KinematicChainDescription nominal, RobotDescription robot) = arm switch
        {
            "so101" => (FeetechArms.So101Follower.Kinematics!, FeetechArms.So101Follower.Description),
            "wx250s" => (DynamixelArms.WidowX250s.Kinematics!, DynamixelArms.WidowX250s.Description),
            _ => throw new ArgumentOutOfRangeException(nameof(arm), arm, "so101 or wx250s"),
        };
        var random = new Random(seed);
        int count = nominal.Joints.Count;
        double[] offsets = [.. Enumerable.Range(0, count).Select(j => (j % 2 == 0 ? 1 : -1) * (1.5 + (1.5 * random.NextDouble())) * Math.PI / 180)];
        double[] links = [.. Enumerable.Range(0, count + 1).Select(_ => ((2 * random.NextDouble()) - 1) * 0.002)];
        Nominal = new SerialChain(nominal, robot);
        _truth = new SerialChain(SyntheticRig.Perturb(nominal, offsets, links), robot);

        TargetTagPose = new Pose(new Vector3D(0.24, -0.06, 0.0005), FaceUpTag * Rotation.FromAxisAngle(new Vector3D(0, 0, 1), 0.3));
        TrueCameraPose = SyntheticRig.LookAt(new Vector3D(0.65, 0.45, 0.45), new Vector3D(0.2, 0, 0.05));
        TagInTool = new Pose(new Vector3D(0.012, 0.015, 0.07), Rotation.FromAxisAngle(new Vector3D(0, 1, 0), Math.PI / 2) * Rotation.FromAxisAngle(new Vector3D(0, 0, 1), 0.4));

        // About 30 mm above the target's centre, approach axis (tool z) along the tag's +z: pointing down, as
        // near as the arm allows (the SO-101's roll axis is 2.8 degrees off square to its pitch axes, so its
        // tool cannot point straight down): the goal is the nominal arm's nearest reachable pose.
        var desired = TargetTagPose * new Pose(new Vector3D(0, 0, -0.03), Rotation.Identity);
        int n = nominal.Joints.Count;
        _joints = new double[n];
        Nominal.SolveInverseKinematics(desired, new double[n], _joints, new InverseKinematicsOptions { OrientationWeight = 0.1 });
        Pose reachable = Nominal.ForwardKinematics(_joints);
        if ((reachable.Position - desired.Position).Length > 0.005)
        {
            throw new InvalidOperationException($"The {arm}'s goal is out of nominal reach ({(reachable.Position - desired.Position).Length * 1000:0.0} mm left).");
        }

        // Open loop: the joints start where inverse kinematics over the NOMINAL chain puts the goal, as a model-only move would.
        ToolInTarget = TargetTagPose.Inverse() * reachable;
        Target = new VisualServoTarget(new ServoTag(GripperTagId, 0.036), TagInTool, new ServoTag(TargetTagId, 0.06), ToolInTarget);
    }

    public SerialChain Nominal { get; }

    public Pose TargetTagPose { get; }

    public Pose TrueCameraPose { get; }

    public Pose TagInTool { get; }

    public Pose ToolInTarget { get; }

    public VisualServoTarget Target { get; }

    /// <summary>The true goal, world frame.</summary>
    public Pose Goal => TargetTagPose * ToolInTarget;

    /// <summary>Where the tool truly is now, world frame.</summary>
    public Pose TrueTool => _truth.ForwardKinematics(_joints);

    /// <summary>From this frame index on, the gripper tag is not reported (out of view); int.MaxValue for never.</summary>
    public int GripperTagLostFrom { get; set; } = int.MaxValue;

    /// <summary>From this frame index on, the target tag is not reported (occluded); int.MaxValue for never.</summary>
    public int TargetTagLostFrom { get; set; } = int.MaxValue;

    /// <summary>When true, every move fails (the arm is blocked).</summary>
    public bool Blocked { get; set; }

    public int Moves { get; private set; }

    private int _frame;

    public Task<bool> MoveToAsync(IReadOnlyList<double> positions, bool settle, CancellationToken cancellationToken)
    {
        if (Blocked)
        {
            return Task.FromResult(false);
        }

        Moves++;
        _joints = [.. positions];
        return Task.FromResult(true);
    }

    public void ReadJointPositions(Span<double> positions) => _joints.CopyTo(positions);

    public ValueTask<CameraFrame> CaptureFrameAsync(int poseIndex, CancellationToken cancellationToken)
    {
        _frame = poseIndex;
        return ValueTask.FromResult(new CameraFrame(1, 1, PixelFormat.Gray8, new byte[1], 0, poseIndex));
    }

    public VisualServoObservation Observe(CameraFrame frame, VisualServoTarget target)
    {
        Pose cameraFromWorld = TrueCameraPose.Inverse();
        PoseEstimate? gripper = _frame < GripperTagLostFrom ? new PoseEstimate(cameraFromWorld * TrueTool * TagInTool, 0, 4) : null;
        PoseEstimate? goal = _frame < TargetTagLostFrom ? new PoseEstimate(cameraFromWorld * TargetTagPose, 0, 4) : null;
        return new VisualServoObservation(gripper, goal);
    }

    /// <summary>Options for the loop with the camera pose a little wrong, as a nominal one is.</summary>
    public VisualServoOptions Options(double cameraRotationErrorDegrees = 3) => new()
    {
        CameraPose = new Pose(
            TrueCameraPose.Position + new Vector3D(0.02, 0, 0),
            TrueCameraPose.Orientation * Rotation.FromAxisAngle(new Vector3D(1, 1, 0), cameraRotationErrorDegrees * Math.PI / 180)),
    };
}
