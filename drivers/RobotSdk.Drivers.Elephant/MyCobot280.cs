using RobotSdk.Geometry;

namespace RobotSdk.Drivers.Elephant;

/// <summary>
/// The Elephant Robotics myCobot 280 (M5 version) as data: joints, limits, gripper and nominal
/// kinematics, with the source of each figure.
/// </summary>
/// <remarks>
/// <para>
/// Joints <c>joint1</c> to <c>joint6</c> are the firmware's J1 to J6 (base rotation, shoulder, elbow,
/// wrist pitch, wrist yaw, flange rotation), in radians, with the firmware's zero and sign. Position
/// limits are the narrower of the two vendor tables: the 280 table in pymycobot's
/// <c>docs/MyCobot_280_en.md</c> (send_angle: J1 +-168, J2 +-135, J3 +-150, J4 +-145, J5 -155..160,
/// J6 +-180 degrees) and <c>pymycobot/robot_info.py</c> for "MyCobot280" (J2 +-140, J4 +-150, the rest
/// the same), so J2 +-135 and J4 +-145 degrees.
/// </para>
/// <para>
/// Kinematics: the standard DH table of Elephant's "myCobot 280 algorithm" page
/// (docs.elephantrobotics.com, 2-serialproduct/2.1-280/Kinematics&amp;Coordinate): d = 131.22, 0, 0,
/// 63.4, 75.05, 45.6 mm; a = 0, -110.4, -96, 0, 0, 0 mm; alpha = 90, 0, 0, 90, -90, 0 degrees;
/// offsets 0, -90, 0, -90, 90, 0 degrees. Its flange reaches z = 412.67 mm at zero and x = 281.45 mm
/// stretched, exactly the coordinate limits pymycobot's <c>robot_info.py</c> gives the 280, so the
/// firmware's own model is this one. Elephant's URDF (elephantrobotics/mycobot_ros,
/// <c>mycobot_description/urdf/mycobot_280_m5/mycobot_280_m5.urdf</c>) has the same zero and axis
/// signs with links up to 1.9 mm different (131.56 vs 131.22, 64.62 vs 63.4, 73.18 vs 75.05 mm).
/// The tool point is the flange centre: the adaptive gripper's fingertip offset is not published.
/// </para>
/// <para>
/// Speeds are not in the vendor's documents: the firmware takes a speed of 1 to 100 percent without
/// saying what 100 is. <see cref="MaxJointSpeedRadiansPerSecond"/> and
/// <see cref="MaxJointAccelerationRadiansPerSecondSquared"/> are conservative choices of this SDK.
/// </para>
/// </remarks>
public static class MyCobot280
{
    /// <summary>The model name profiles and the CLI use.</summary>
    public const string Model = "mycobot280";

    /// <summary>Name of the gripper and of its joint.</summary>
    public const string GripperName = "gripper";

    /// <summary>Joints of the arm, without the gripper.</summary>
    public const int ArmJointCount = MyCobotProtocol.JointCount;

    /// <summary>
    /// Highest control rate, Hz: a cycle is a Get Angles round trip and a Send Angles at 115200 baud,
    /// each taking the firmware about 20 ms (about 44 ms in all; Elephant's FAQ gives 10-20 Hz), so
    /// 15 Hz leaves room for the gripper query every tenth read and for the firmware's jitter.
    /// </summary>
    public const double MaxControlRateHz = 15;

    /// <summary>
    /// Joint speed limit the SDK assumes, rad/s (2.0, about 115 degrees/s): a conservative choice, not
    /// a datasheet figure. The emulator moves at this speed when commanded at speed 100.
    /// </summary>
    public const double MaxJointSpeedRadiansPerSecond = 2.0;

    /// <summary>Joint acceleration limit the SDK assumes, rad/s^2 (8): a conservative choice, not a datasheet figure.</summary>
    public const double MaxJointAccelerationRadiansPerSecondSquared = 8.0;

    /// <summary>
    /// Gripper speed limit the SDK assumes, in open fraction per second (1: a full stroke in one second,
    /// a conservative choice). The emulator moves the gripper at this speed when commanded at speed 100.
    /// </summary>
    public const double MaxGripperSpeedFractionPerSecond = 1.0;

    private static readonly double[] s_minDegrees = [-168, -135, -150, -145, -155, -180];
    private static readonly double[] s_maxDegrees = [168, 135, 150, 145, 160, 180];

    /// <summary>Names of the arm joints in frame order: <c>joint1</c> (base) to <c>joint6</c> (flange).</summary>
    public static IReadOnlyList<string> JointNames { get; } = ["joint1", "joint2", "joint3", "joint4", "joint5", "joint6"];

    /// <summary>Elephant's DH table of the 280, joint 1 first (see the remarks for the source).</summary>
    public static IReadOnlyList<DenavitHartenbergLink> DenavitHartenberg { get; } =
    [
        new(0.13122, 0, Math.PI / 2, 0),
        new(0, -0.1104, 0, -Math.PI / 2),
        new(0, -0.096, 0, 0),
        new(0.0634, 0, Math.PI / 2, -Math.PI / 2),
        new(0.07505, 0, -Math.PI / 2, Math.PI / 2),
        new(0.0456, 0, 0, 0),
    ];

    /// <summary>The nominal kinematic chain, from the base (table) frame to the flange centre, built from <see cref="DenavitHartenberg"/>.</summary>
    public static KinematicChainDescription Kinematics { get; } = CreateKinematics();

    /// <summary>The description with the gripper as an open fraction (see <see cref="CreateDescription"/>).</summary>
    public static RobotDescription Description { get; } = CreateDescription();

    /// <summary>Lowest position of arm joint <paramref name="joint"/> (0-based), radians.</summary>
    public static double MinPositionRadians(int joint) => MyCobotUnits.DegreesToRadians(s_minDegrees[joint]);

    /// <summary>Highest position of arm joint <paramref name="joint"/> (0-based), radians.</summary>
    public static double MaxPositionRadians(int joint) => MyCobotUnits.DegreesToRadians(s_maxDegrees[joint]);

    /// <summary>
    /// Describes the arm: six revolute joints, then (with <paramref name="withGripper"/>) the gripper
    /// joint <c>gripper</c>. The gripper joint is prismatic: its position is the finger travel, in
    /// metres when <paramref name="gripperStrokeMeters"/> is given (0 closed, the stroke open), and
    /// otherwise as a fraction of the full stroke (0 closed, 1 open), because Elephant publishes no
    /// opening width for its adaptive gripper. Either way it maps linearly onto the firmware's
    /// gripper value 0..100.
    /// </summary>
    /// <param name="withGripper">Whether a gripper is mounted (an arm without one has six joints).</param>
    /// <param name="gripperStrokeMeters">The gripper's opening at value 100, metres, when measured; null when unknown.</param>
    /// <exception cref="ArgumentOutOfRangeException">The stroke is not positive.</exception>
    public static RobotDescription CreateDescription(bool withGripper = true, double? gripperStrokeMeters = null)
    {
        if (gripperStrokeMeters is { } stroke && !(stroke > 0 && stroke < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(gripperStrokeMeters), stroke, "The gripper stroke must be above 0 and below 1 m.");
        }

        var joints = new List<JointDescription>();
        for (int i = 0; i < ArmJointCount; i++)
        {
            joints.Add(new JointDescription(JointNames[i], JointKind.Revolute, new JointLimits(
                MinPositionRadians(i), MaxPositionRadians(i), MaxJointSpeedRadiansPerSecond, MaxJointAccelerationRadiansPerSecondSquared))
            {
                // The firmware reports 0.01 degree steps.
                EncoderCountsPerUnit = 36_000 / (2 * Math.PI),
            });
        }

        if (!withGripper)
        {
            return new RobotDescription(Model, joints) { Kinematics = Kinematics, MaxControlRateHz = MaxControlRateHz };
        }

        double travel = gripperStrokeMeters ?? 1;
        joints.Add(new JointDescription(GripperName, JointKind.Prismatic, new JointLimits(
            0, travel, MaxGripperSpeedFractionPerSecond * travel, 10 * MaxGripperSpeedFractionPerSecond * travel)));
        return new RobotDescription(Model, joints)
        {
            Kinematics = Kinematics,
            MaxControlRateHz = MaxControlRateHz,
            Grippers = [new GripperDescription(GripperName, GripperName, ClosedPosition: 0, OpenPosition: travel) { MaxWidthMeters = gripperStrokeMeters }],
        };
    }

    private static KinematicChainDescription CreateKinematics()
    {
        // Standard DH as URDF-style joints: joint i sits at the end of link i-1's fixed transform
        // Tz(d) Tx(a) Rx(alpha), turned by its own offset; the last link's transform is the tool.
        var xAxis = new Vector3D(1, 0, 0);
        var zAxis = new Vector3D(0, 0, 1);
        var joints = new List<KinematicJoint>();
        Pose previousLink = Pose.Identity;
        for (int i = 0; i < ArmJointCount; i++)
        {
            DenavitHartenbergLink link = DenavitHartenberg[i];
            Pose origin = previousLink * new Pose(Vector3D.Zero, Rotation.FromAxisAngle(zAxis, link.OffsetRadians));
            joints.Add(new KinematicJoint(JointNames[i], JointKind.Revolute, origin, zAxis));
            previousLink = new Pose(new Vector3D(link.AMeters, 0, link.DMeters), Rotation.FromAxisAngle(xAxis, link.AlphaRadians));
        }

        return new KinematicChainDescription(joints, previousLink);
    }
}
