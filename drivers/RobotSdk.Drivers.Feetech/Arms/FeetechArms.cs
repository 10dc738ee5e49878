using RobotSdk.Geometry;

namespace RobotSdk.Drivers.Feetech;

/// <summary>
/// The Feetech arms this SDK knows: the SO-101 follower and leader and the SO-100 follower, each
/// with six STS3215 servos at IDs 1 to 6 (shoulder_pan, shoulder_lift, elbow_flex, wrist_flex,
/// wrist_roll, gripper), 1 Mbps, every motor in LeRobot's direction (drive_mode 0).
/// </summary>
/// <remarks>
/// Geometry from <c>docs/arm-kinematics.md</c>: the SO-101 chain is TheRobotStudio/SO-ARM100's
/// <c>Simulation/SO101/so101_new_calib.urdf</c> (zero at the middle of every joint's range, the zero
/// LeRobot's calibration produces, so URDF angle = (present - 2048) * 2 pi / 4096 with no sign
/// flips); the tool is its <c>gripper_frame_link</c> (LeRobot's end-effector frame, on the fixed
/// jaw's inner face 6.3 mm behind the fingertips). Joint limits are the URDF's. Velocity and
/// acceleration limits are this SDK's conservative choice (<see cref="FeetechArm.MaxVelocityRadiansPerSecond"/>).
/// </remarks>
public static class FeetechArms
{
    private static readonly FeetechArm[] Known =
    [
        CreateSo101("so101", leader: false),
        CreateSo101("so101-leader", leader: true),
        CreateSo101("so100", leader: false),
    ];

    /// <summary>
    /// SO-101 follower (<c>so101</c>): exact nominal kinematics from the URDF. Gripper: closed at
    /// -10 degrees, open at +100 degrees (the URDF limits; LeRobot's 0..100 scale runs closed to
    /// open). The width (about 0.11 m between the tips at full opening, 2 mm closed, 58 mm at 30
    /// degrees, computed from the jaw meshes) is approximate, and the opening is not linear in the angle.
    /// </summary>
    public static FeetechArm So101Follower => Known[0];

    /// <summary>
    /// SO-101 leader (<c>so101-leader</c>): the same six STS3215 at IDs 1 to 6 (geared 1/191, 1/345
    /// and 1/147, all reporting model 777) and the same joint layout; its "gripper" is the handle's
    /// trigger, so it has no width. Usually read with torque off to teleoperate a follower. The
    /// kinematics are the SO-101's.
    /// </summary>
    public static FeetechArm So101Leader => Known[1];

    /// <summary>
    /// SO-100 follower (<c>so100</c>): the same servos and IDs. Its kinematics and limits are the
    /// SO-101's, as LeRobot uses them for LeRobot-calibrated SO-100 arms: the in-plane link geometry
    /// agrees within 0.5 mm, the wrist and jaws within about 1 to 2 mm, so treat them as approximate.
    /// </summary>
    public static FeetechArm So100Follower => Known[2];

    /// <summary>Every known arm.</summary>
    public static IReadOnlyList<FeetechArm> All { get; } = Array.AsReadOnly(Known);

    /// <summary>The arm called <paramref name="model"/> (case-insensitive), for example <c>so101</c>.</summary>
    /// <exception cref="KeyNotFoundException">No known arm has that name; the message lists the known ones.</exception>
    public static FeetechArm Find(string model) =>
        TryFind(model, out FeetechArm? arm)
            ? arm
            : throw new KeyNotFoundException($"No Feetech arm is called '{model}'; known arms: {string.Join(", ", Known.Select(known => known.Model))}.");

    /// <summary>Looks up the arm called <paramref name="model"/> (case-insensitive).</summary>
    public static bool TryFind(string model, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out FeetechArm? arm)
    {
        arm = Array.Find(Known, known => string.Equals(known.Model, model, StringComparison.OrdinalIgnoreCase));
        return arm is not null;
    }

    private static FeetechArm CreateSo101(string model, bool leader)
    {
        FeetechMotor Motor(string name, byte id, double min, double max) => new(name, id, Sts3215.Model, 1, min, max);

        const double GripperClosed = -0.174533; // -10 degrees
        const double GripperOpen = 1.74533; // +100 degrees
        FeetechMotor[] motors =
        [
            Motor("shoulder_pan", 1, -1.91986, 1.91986),
            Motor("shoulder_lift", 2, -1.74533, 1.74533),
            Motor("elbow_flex", 3, -1.69, 1.69),
            Motor("wrist_flex", 4, -1.65806, 1.65806),
            Motor("wrist_roll", 5, -2.74385, 2.84121),
            Motor("gripper", 6, GripperClosed, GripperOpen),
        ];
        var gripper = new FeetechGripper("gripper", GripperClosed, GripperOpen)
        {
            MaxWidthMeters = leader ? null : 0.11,
        };
        return new FeetechArm(model, motors, gripper, So101Chain());
    }

    /// <summary>The SO-101 URDF's joints (origin xyz, rpy; every axis +Z) and tool frame, verbatim.</summary>
    private static KinematicChainDescription So101Chain()
    {
        static KinematicJoint Joint(string name, double x, double y, double z, double roll, double pitch, double yaw) =>
            new(name, JointKind.Revolute, new Pose(new Vector3D(x, y, z), Rotation.FromRollPitchYaw(roll, pitch, yaw)), new Vector3D(0, 0, 1));

        return new KinematicChainDescription(
            [
                Joint("shoulder_pan", 0.0388353, -8.97657e-09, 0.0624, 3.14159, 4.18253e-17, -3.14159),
                Joint("shoulder_lift", -0.0303992, -0.0182778, -0.0542, -1.5708, -1.5708, 0),
                Joint("elbow_flex", -0.11257, -0.028, 1.73763e-16, -3.63608e-16, 8.74301e-16, 1.5708),
                Joint("wrist_flex", -0.1349, 0.0052, 3.62355e-17, 4.02456e-15, 8.67362e-16, -1.5708),
                Joint("wrist_roll", 5.55112e-17, -0.0611, 0.0181, 1.5708, 0.0486795, 3.14159),
            ],
            new Pose(new Vector3D(-0.0079, -0.000218121, -0.0981274), Rotation.FromRollPitchYaw(0, 3.14159, 0)));
    }
}
