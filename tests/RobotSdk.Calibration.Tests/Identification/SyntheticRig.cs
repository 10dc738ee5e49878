using RobotSdk.Calibration.Fiducials;
using RobotSdk.Calibration.Identification;
using RobotSdk.Drivers.Dynamixel;
using RobotSdk.Drivers.Feetech;
using RobotSdk.Geometry;
using RobotSdk.Kinematics;

namespace RobotSdk.Calibration.Tests.Identification;

/// <summary>
/// A synthetic calibration scene, seeded: an arm whose true kinematics differ from nominal by
/// injected joint offsets and link-length errors, a fixed 640 x 480 camera (fx 580) about 0.6 m
/// from the workspace, and a 40 mm tag on the gripper. Truth uses RobotSdk's own SerialChain, so
/// the solver's forward kinematics is checked against an independent implementation.
/// </summary>
internal sealed class SyntheticRig
{
    public const double TagSize = 0.04;

    public static readonly CameraIntrinsics Camera = new(640, 480, 580, 580, 320, 240) { Distortion = [0.05, -0.1, 0, 0.001, -0.0005] };

    public static readonly CameraModel Lens = new(Camera);

    private readonly Random _random;
    private readonly double[] _min;
    private readonly double[] _max;
    private readonly SerialChain _truthChain;
    private readonly SerialChain _nominalChain;

    /// <param name="arm">so101 or wx250s.</param>
    /// <param name="seed">Seeds the injected errors and the poses.</param>
    /// <param name="maxOffsetDegrees">Largest joint zero offset.</param>
    /// <param name="maxLinkErrorMeters">Largest link length error.</param>
    /// <param name="lastLinkErrorMeters">When given, the last joint's link length error (the link ending at the wrist roll), instead of a draw.</param>
    /// <param name="toolLinkErrorMeters">When given, the tool link length error, instead of a draw.</param>
    public SyntheticRig(string arm, int seed, double maxOffsetDegrees = 3, double maxLinkErrorMeters = 0.002, double? lastLinkErrorMeters = null, double? toolLinkErrorMeters = null)
    {
        (Nominal, Robot) = arm switch
        {
            "so101" => (FeetechArms.So101Follower.Kinematics!, FeetechArms.So101Follower.Description),
            "wx250s" => (DynamixelArms.WidowX250s.Kinematics!, DynamixelArms.WidowX250s.Description),
            _ => throw new ArgumentOutOfRangeException(nameof(arm), arm, "so101 or wx250s"),
        };
        _random = new Random(seed);
        int n = Nominal.Joints.Count;
        TrueOffsets = new double[n];
        TrueLinkErrors = new double[n + 1];
        for (int j = 0; j < n; j++)
        {
            // Alternate signs, magnitudes up to the maximum: every joint is clearly off.
            TrueOffsets[j] = (j % 2 == 0 ? 1 : -1) * (0.4 + (0.6 * _random.NextDouble())) * maxOffsetDegrees * Math.PI / 180;
        }

        for (int link = 0; link <= n; link++)
        {
            TrueLinkErrors[link] = ((2 * _random.NextDouble()) - 1) * maxLinkErrorMeters;
        }

        TrueLinkErrors[n - 1] = lastLinkErrorMeters ?? TrueLinkErrors[n - 1];
        TrueLinkErrors[n] = toolLinkErrorMeters ?? TrueLinkErrors[n];

        Truth = Perturb(Nominal, TrueOffsets, TrueLinkErrors);
        _truthChain = new SerialChain(Truth, Robot);
        _nominalChain = new SerialChain(Nominal, Robot);
        _min = new double[n];
        _max = new double[n];
        for (int j = 0; j < n; j++)
        {
            JointLimits limits = Robot.Joints[_truthChain.FrameIndices[j]].Limits;
            double middle = (limits.MinPosition + limits.MaxPosition) / 2;
            double half = 0.8 * (limits.MaxPosition - limits.MinPosition) / 2;
            _min[j] = middle - half;
            _max[j] = middle + half;
        }

        // Camera 0.6 m from the middle of the tool's workspace, looking at it, image y down.
        Vector3D centre = Vector3D.Zero;
        for (int i = 0; i < 200; i++)
        {
            centre += 1.0 / 200 * _truthChain.ToolPosition(RandomJoints());
        }

        Vector3D position = centre + (0.6 * new Vector3D(0.7, 0.4, 0.6).Normalized());
        CameraPose = LookAt(position, centre);
        // The tag's frame is the detector's (AprilTagGeometry): z goes into the printed face, so the face looks along -z.
        TagPose = new Pose(new Vector3D(0.0, 0.0, -0.03), Rotation.FromRollPitchYaw(0.3, -0.2, 0.5) * Rotation.FromAxisAngle(new Vector3D(1, 0, 0), Math.PI));
    }

    public KinematicChainDescription Nominal { get; }

    public KinematicChainDescription Truth { get; }

    public RobotDescription Robot { get; }

    public double[] TrueOffsets { get; }

    public double[] TrueLinkErrors { get; }

    /// <summary>True camera in the world frame.</summary>
    public Pose CameraPose { get; }

    /// <summary>True tag in the tool frame.</summary>
    public Pose TagPose { get; }

    /// <summary>True tag in the last joint's frame (the true tool link times <see cref="TagPose"/>): what a perfect mount drawing says.</summary>
    public Pose TagInLastJoint => Truth.Tool * TagPose;

    /// <summary>The chain with offsets folded into origins and link errors along each link, as the solver defines them.</summary>
    public static KinematicChainDescription Perturb(KinematicChainDescription chain, double[] offsets, double[] linkErrors)
    {
        static Pose Lengthen(Pose origin, double error) =>
            origin.Position.Length > 1e-6 ? origin with { Position = ((origin.Position.Length + error) / origin.Position.Length) * origin.Position } : origin;

        var joints = chain.Joints.Select((joint, j) => joint with
        {
            Origin = Lengthen(joint.Origin, linkErrors[j]) with
            {
                Orientation = joint.Origin.Orientation * Rotation.FromAxisAngle(joint.Axis, offsets[j]),
            },
        }).ToArray();
        return chain with { Joints = joints, Tool = Lengthen(chain.Tool, linkErrors[^1]) };
    }

    public static Pose LookAt(Vector3D position, Vector3D target)
    {
        Vector3D z = (target - position).Normalized();
        Vector3D x = Vector3D.Cross(z, new Vector3D(0, 0, 1)).Normalized();
        Vector3D y = Vector3D.Cross(z, x);

        return new RigidMotion(x.X, y.X, z.X, x.Y, y.Y, z.Y, x.Z, y.Z, z.Z, position.X, position.Y, position.Z).ToPose();
    }

    public double[] RandomJoints()
    {
        var q = new double[_min.Length];
        for (int j = 0; j < q.Length; j++)
        {
            q[j] = _min[j] + ((_max[j] - _min[j]) * _random.NextDouble());
        }

        return q;
    }

    /// <summary>True tool pose (world frame) for measured joints.</summary>
    public Pose TrueTool(double[] measured) => _truthChain.ForwardKinematics(measured);

    public Pose NominalTool(double[] measured) => _nominalChain.ForwardKinematics(measured);

    /// <summary>Random visible poses: every corner inside the image (10 px margin), the tag facing the camera within 70 degrees, the tool above the table.</summary>
    public List<PoseObservation> Observe(int count, double noisePixels)
    {
        var observations = new List<PoseObservation>();
        for (int attempt = 0; observations.Count < count; attempt++)
        {
            if (attempt > 1_000_000)
            {
                throw new InvalidOperationException("Too few visible poses for this rig.");
            }

            double[] q = RandomJoints();
            if (TryProject(q, out PixelPoint[] corners))
            {
                for (int k = 0; k < corners.Length; k++)
                {
                    corners[k] = new PixelPoint(corners[k].X + (noisePixels * Gaussian()), corners[k].Y + (noisePixels * Gaussian()));
                }

                observations.Add(new PoseObservation(q, corners));
            }
        }

        return observations;
    }

    public bool TryProject(double[] measured, out PixelPoint[] corners)
    {
        corners = new PixelPoint[4];
        Pose tool = TrueTool(measured);
        if (tool.Position.Z < 0.02)
        {
            return false;
        }

        Pose cameraToTag = CameraPose.Inverse() * tool * TagPose;
        Vector3D normal = cameraToTag.Orientation.Rotate(new Vector3D(0, 0, -1)); // out of the printed face
        Vector3D toCamera = -1 * cameraToTag.Position;
        if (cameraToTag.Position.Z < 0.2 || Vector3D.Dot(normal, toCamera) < Math.Cos(70 * Math.PI / 180) * toCamera.Length)
        {
            return false;
        }

        Vector3D[] tagCorners = AprilTagGeometry.Corners(TagSize);
        for (int k = 0; k < 4; k++)
        {
            if (!Lens.TryProject(cameraToTag.Transform(tagCorners[k]), out corners[k])
                || corners[k].X < 10 || corners[k].X > Camera.Width - 10 || corners[k].Y < 10 || corners[k].Y > Camera.Height - 10)
            {
                return false;
            }
        }

        return true;
    }

    private double Gaussian()
    {
        double u = 1 - _random.NextDouble();
        double v = _random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v);
    }
}
