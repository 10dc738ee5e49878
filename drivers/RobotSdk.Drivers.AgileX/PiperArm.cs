using System.Collections.ObjectModel;
using RobotSdk.Geometry;

namespace RobotSdk.Drivers.AgileX;

/// <summary>
/// The AgileX PiPER as data: six revolute joints (<c>joint1</c> to <c>joint6</c>, radians, the
/// arm's own joint zero) and the gripper as a seventh, prismatic joint (<c>gripper</c>, the
/// opening between the fingers in metres), their limits and the nominal kinematics.
/// </summary>
/// <remarks>
/// <para>
/// Position limits: piper_sdk's <c>C_PiperParamManager</c> joint limits (also tabulated in
/// <c>C_PiperInterface_V2.JointCtrl</c>): joint 1 +-150 degrees, joint 2 0 to 180, joint 3 -170 to
/// 0, joint 4 +-100, joint 5 +-70, joint 6 +-120; the gripper 0 to 70 mm (<c>gripper_range</c>
/// 0 to 0.07 m). The URDF allows joints 4 and 6 more (+-105 and +-180 degrees); the SDK's
/// narrower figures are used.
/// </para>
/// <para>
/// Speed and acceleration: the firmware's settable maxima, 3 rad/s per joint (<c>max_joint_spd</c>
/// 0 to 3000 in 0.001 rad/s) and 5 rad/s² (<c>max_joint_acc</c> 0 to 500 in 0.01 rad/s²), from
/// piper_sdk's <c>ArmMsgMotorAngleLimitMaxSpdConfig</c> and <c>ArmMsgJointConfig</c>. The driver
/// scales the speed limit by its speed percent (the arm's own MOVE J speed), assuming the
/// percentage scales the maximum linearly. The gripper's 0.1 m/s and 1 m/s² are this SDK's
/// assumption (piper_sdk states none).
/// </para>
/// <para>
/// Kinematics: <c>src/piper_description/urdf/piper_description.urdf</c> of agilexrobotics/Piper_ros
/// (branch ros-noetic-no-aloha, commit 4f22c61f96b8fb3ef3f937b99b63edb697caadf0; the file is
/// unchanged since 6119e25b), joints 1 to 6 verbatim. piper_ros publishes the arm's joint
/// feedback into this URDF without offsets or sign changes, so the URDF's zero is the arm's. The
/// tool point is the origin of the URDF's finger joints (<c>joint7</c>/<c>joint8</c>: 135.03 mm
/// along joint 6's axis, the frame piper_ros's IK calls <c>link_ik</c>), between the finger bases.
/// </para>
/// </remarks>
public static class PiperArm
{
    /// <summary>The model name in descriptions, profiles and the CLI.</summary>
    public const string Model = "piper";

    /// <summary>The number of joints in the driver's frames: six arm joints and the gripper.</summary>
    public const int JointCount = 7;

    /// <summary>Index of the gripper's joint in the driver's frames.</summary>
    public const int GripperJointIndex = 6;

    /// <summary>Name of the gripper's joint and of the gripper.</summary>
    public const string GripperName = "gripper";

    /// <summary>The firmware's largest joint speed, rad/s.</summary>
    public const double MaxJointSpeedRadiansPerSecond = 3.0;

    /// <summary>The firmware's largest joint acceleration, rad/s².</summary>
    public const double MaxJointAccelerationRadiansPerSecondSquared = 5.0;

    /// <summary>The gripper's widest opening, metres (piper_sdk's <c>gripper_range</c>).</summary>
    public const double GripperMaxStrokeMeters = 0.07;

    /// <summary>The gripper's speed limit, m/s (an assumption; piper_sdk states none).</summary>
    public const double GripperMaxSpeedMetersPerSecond = 0.1;

    /// <summary>The gripper's acceleration limit, m/s² (an assumption).</summary>
    public const double GripperMaxAccelerationMetersPerSecondSquared = 1.0;

    private static readonly double[] MinPositions = [-2.6179, 0, -2.967, -1.745, -1.22, -2.09439, 0];
    private static readonly double[] MaxPositions = [2.6179, 3.14, 0, 1.745, 1.22, 2.09439, GripperMaxStrokeMeters];

    /// <summary>Joint names in frame order: <c>joint1</c> to <c>joint6</c> (the URDF's) and <c>gripper</c>.</summary>
    public static IReadOnlyList<string> JointNames { get; } = new ReadOnlyCollection<string>(["joint1", "joint2", "joint3", "joint4", "joint5", "joint6", GripperName]);

    /// <summary>The nominal kinematic chain of joints 1 to 6 and the tool point, from the URDF (see the remarks).</summary>
    public static KinematicChainDescription Kinematics { get; } = CreateKinematics();

    /// <summary>The description at the driver's default speed (100 percent).</summary>
    public static RobotDescription Description { get; } = CreateDescription(100);

    /// <summary>The lowest position of joint <paramref name="joint"/> (0 to 6), radians or metres.</summary>
    public static double MinPosition(int joint) => MinPositions[joint];

    /// <summary>The highest position of joint <paramref name="joint"/> (0 to 6), radians or metres.</summary>
    public static double MaxPosition(int joint) => MaxPositions[joint];

    /// <summary>
    /// The description with the arm joints' speed limit at <paramref name="speedPercent"/> of the
    /// firmware maximum (the arm will not move them faster in MOVE J at that speed).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The percentage is outside 1 to 100.</exception>
    public static RobotDescription CreateDescription(int speedPercent)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(speedPercent, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(speedPercent, 100);
        var joints = new JointDescription[JointCount];
        double speed = MaxJointSpeedRadiansPerSecond * speedPercent / 100.0;
        for (int i = 0; i < PiperCanIds.ArmJointCount; i++)
        {
            joints[i] = new JointDescription(JointNames[i], JointKind.Revolute, new JointLimits(MinPositions[i], MaxPositions[i], speed, MaxJointAccelerationRadiansPerSecondSquared));
        }

        joints[GripperJointIndex] = new JointDescription(
            GripperName,
            JointKind.Prismatic,
            new JointLimits(0, GripperMaxStrokeMeters, GripperMaxSpeedMetersPerSecond, GripperMaxAccelerationMetersPerSecondSquared));
        return new RobotDescription(Model, joints)
        {
            Grippers = [new GripperDescription(GripperName, GripperName, 0, GripperMaxStrokeMeters) { MaxWidthMeters = GripperMaxStrokeMeters }],
            CommandModes = [CommandMode.Position],
            Kinematics = Kinematics,
        };
    }

    /// <summary>The URDF's joints 1 to 6 (origin xyz, rpy; axis), verbatim, and joint7's origin as the tool.</summary>
    private static KinematicChainDescription CreateKinematics()
    {
        static KinematicJoint Joint(string name, double x, double y, double z, double roll, double pitch, double yaw, double axisZ) =>
            new(name, JointKind.Revolute, new Pose(new Vector3D(x, y, z), Rotation.FromRollPitchYaw(roll, pitch, yaw)), new Vector3D(0, 0, axisZ));

        return new KinematicChainDescription(
            [
                Joint("joint1", 0, 0, 0.123, 0, 0, -1.5708, 1),
                Joint("joint2", 0, 0, 0, 1.5708, -0.10095, -1.5708, 1),
                Joint("joint3", 0.28503, 0, 0, 0, 0, 1.3826, 1),
                Joint("joint4", 0.021984, 0.25075, 0, -1.5708, 0, 0, -1),
                Joint("joint5", 0, 0, 0, 1.5708, -0.087266, 0, 1),
                Joint("joint6", 0, 0.091, 0.0014165, -1.5708, -1.5708, 0, -1),
            ],
            new Pose(new Vector3D(0, 0, 0.13503), Rotation.FromRollPitchYaw(1.5708, 0, 1.5708)));
    }
}
