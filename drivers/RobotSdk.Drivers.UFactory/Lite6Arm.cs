using RobotSdk.Geometry;

namespace RobotSdk.Drivers.UFactory;

/// <summary>
/// The UFactory Lite 6 as data: six revolute joints <c>joint1</c>..<c>joint6</c> (the URDF's names)
/// and the Lite 6 gripper as a seventh, prismatic joint <c>gripper</c>, with limits and nominal
/// kinematics.
/// </summary>
/// <remarks>
/// <para>
/// Kinematics: xArm-Developer/xarm_ros <c>xarm_description/urdf/lite6/lite6.urdf.xacro</c> (commit
/// 3f7edbba451e5cc7fc81132cc3ce2bbec6236a32; the same origins as
/// <c>config/kinematics/default/lite6_default_kinematics.yaml</c>, commit a083c363), every axis +Z.
/// Tool: the Lite gripper's <c>link_tcp</c>, 0.0836 m along link6's Z
/// (<c>urdf/gripper/lite_gripper.urdf.xacro</c>, commit 281d6c30, attached at <c>link_eef</c> = link6).
/// At all zeros the arm is folded with the tool pointing down: the TCP sits at (0.087, 0, 0.070) m.
/// </para>
/// <para>
/// Position limits: xArm-Python-SDK <c>XCONF.Robot.JOINT_LIMITS[6][XARM6_X9]</c> (the Lite 6 is
/// type 9), equal to the URDF's. Speed: the URDF's 3.14 rad/s per joint (the SDK also caps joint
/// speed at pi). Acceleration: 8.73 rad/s² (500 degrees/s²), the SDK's default joint acceleration
/// (<c>_last_joint_acc</c>), chosen as a conservative limit; the SDK accepts up to 20.
/// </para>
/// <para>
/// The gripper: see <see cref="Lite6Driver"/>. Its joint runs from <see cref="GripperClosedMeters"/>
/// to <see cref="GripperOpenMeters"/>, the finger travel of the URDF's <c>uflite_gripper</c>
/// (<c>finger_joint1</c>, 0 to 0.0089 m), but it is a command, not a measurement.
/// </para>
/// </remarks>
public static class Lite6Arm
{
    /// <summary>The model name (<c>lite6</c>), as profiles and the CLI name it.</summary>
    public const string Model = "lite6";

    /// <summary>Arm joints (joint1..joint6), frame indices 0..5.</summary>
    public const int ArmJointCount = 6;

    /// <summary>Joints in the driver's frames: the six arm joints and the gripper.</summary>
    public const int JointCount = ArmJointCount + 1;

    /// <summary>Frame index of the gripper joint.</summary>
    public const int GripperIndex = ArmJointCount;

    /// <summary>Name of the gripper joint and of the gripper.</summary>
    public const string GripperName = "gripper";

    /// <summary>Gripper joint position when closed, metres.</summary>
    public const double GripperClosedMeters = 0;

    /// <summary>Gripper joint position when open, metres: the URDF's finger travel.</summary>
    public const double GripperOpenMeters = 0.0089;

    /// <summary>Speed limit of every arm joint, rad/s (the URDF's <c>velocity="3.14"</c>).</summary>
    public const double MaxVelocityRadiansPerSecond = 3.14;

    /// <summary>Acceleration limit of every arm joint, rad/s² (the SDK's default joint acceleration, 500 degrees/s²).</summary>
    public const double MaxAccelerationRadiansPerSecondSquared = 8.726646259971648;

    /// <summary>
    /// How fast the gripper's command may sweep its range, m/s: not a physical speed (the gripper has
    /// no position control), only how soon a command crosses into open or closed (about 0.15 s).
    /// </summary>
    public const double GripperCommandVelocity = 0.05;

    /// <summary>Acceleration of the gripper's command, m/s² (see <see cref="GripperCommandVelocity"/>).</summary>
    public const double GripperCommandAcceleration = 0.5;

    /// <summary>Distance from link6 to the gripper's tool centre point along link6's Z, metres.</summary>
    public const double GripperToolOffsetMeters = 0.0836;

    private static readonly string[] Names = ["joint1", "joint2", "joint3", "joint4", "joint5", "joint6", GripperName];

    private static readonly JointLimits[] Limits =
    [
        Arm(-2 * Math.PI, 2 * Math.PI),
        Arm(-2.6179938779914944, 2.6179938779914944),
        Arm(-0.061086523819801536, 5.235987755982989),
        Arm(-2 * Math.PI, 2 * Math.PI),
        Arm(-2.1642082724729685, 2.1642082724729685),
        Arm(-2 * Math.PI, 2 * Math.PI),
        new JointLimits(GripperClosedMeters, GripperOpenMeters, GripperCommandVelocity, GripperCommandAcceleration),
    ];

    /// <summary>Joint names in frame order: joint1..joint6, gripper.</summary>
    public static IReadOnlyList<string> JointNames { get; } = Array.AsReadOnly(Names);

    /// <summary>The limits of joint <paramref name="index"/> (0..6).</summary>
    public static JointLimits LimitsOf(int index) => Limits[index];

    /// <summary>The driver's description: 7 joints, the gripper, position commands, nominal kinematics. Built on each call.</summary>
    public static RobotDescription CreateDescription()
    {
        var joints = new JointDescription[JointCount];
        for (int i = 0; i < JointCount; i++)
        {
            joints[i] = new JointDescription(Names[i], i == GripperIndex ? JointKind.Prismatic : JointKind.Revolute, Limits[i]);
        }

        return new RobotDescription(Model, joints)
        {
            Grippers = [new GripperDescription(GripperName, GripperName, GripperClosedMeters, GripperOpenMeters)],
            Kinematics = CreateKinematics(),
            CommandModes = [CommandMode.Position],
        };
    }

    /// <summary>The URDF's joint origins (xyz metres, rpy radians, verbatim) and the gripper's tool point.</summary>
    public static KinematicChainDescription CreateKinematics()
    {
        static KinematicJoint Joint(string name, double x, double y, double z, double roll, double pitch, double yaw) =>
            new(name, JointKind.Revolute, new Pose(new Vector3D(x, y, z), Rotation.FromRollPitchYaw(roll, pitch, yaw)), new Vector3D(0, 0, 1));

        return new KinematicChainDescription(
            [
                Joint("joint1", 0, 0, 0.2435, 0, 0, 0),
                Joint("joint2", 0, 0, 0, 1.5708, -1.5708, 3.1416),
                Joint("joint3", 0.2002, 0, 0, -3.1416, 0, 1.5708),
                Joint("joint4", 0.087, -0.22761, 0, 1.5708, 0, 0),
                Joint("joint5", 0, 0, 0, 1.5708, 0, 0),
                Joint("joint6", 0, 0.0625, 0, -1.5708, 0, 0),
            ],
            new Pose(new Vector3D(0, 0, GripperToolOffsetMeters), Rotation.Identity));
    }

    /// <summary>Clamps <paramref name="position"/> into the limits of joint <paramref name="index"/>.</summary>
    internal static double Clamp(int index, double position) => Math.Clamp(position, Limits[index].MinPosition, Limits[index].MaxPosition);

    private static JointLimits Arm(double min, double max) => new(min, max, MaxVelocityRadiansPerSecond, MaxAccelerationRadiansPerSecondSquared);
}
