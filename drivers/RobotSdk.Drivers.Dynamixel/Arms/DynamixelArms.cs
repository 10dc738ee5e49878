using RobotSdk.Geometry;

namespace RobotSdk.Drivers.Dynamixel;

/// <summary>
/// The Dynamixel arms RobotSdk knows, as data. Sources: REFERENCE.md section 1 (IDs, models),
/// LeRobot's <c>koch_follower.py</c> and <c>koch_leader.py</c> (modes, directions), Interbotix's
/// <c>wx250s.yaml</c> / <c>vx300s.yaml</c> motor configurations (drive modes, shadows) and the
/// kinematics collected in <c>docs/arm-kinematics.md</c>.
/// </summary>
/// <remarks>
/// <para>
/// <b>Velocity and acceleration limits.</b> WidowX 250s and ViperX 300s: π rad/s, the URDF's
/// joint velocity and the Velocity Limit 131 (30 rev/min) Interbotix writes to every servo,
/// and 5 rad/s², the acceleration of Interbotix's MoveIt <c>joint_limits.yaml</c>. Koch v1.1
/// (follower and leader): no vendor publishes limits and LeRobot applies none while
/// teleoperating, so 5 rad/s, just under the no-load speed of the arm's slowest servo (the
/// XL430-W250, about 6 rad/s at 12 V), and 20 rad/s², which reaches it in a quarter second
/// and lets a follower keep up with a hand on the leader. Profiles narrow these further.
/// </para>
/// <para>
/// <b>Grippers.</b> Interbotix drives the WidowX/ViperX gripper in PWM mode, which RobotSdk's
/// position commands cannot use. The ViperX gripper (XM430-W350) runs current-based position
/// (5): it closes on an object and pushes no harder than Goal Current, as LeRobot's ALOHA
/// follower grippers do. The WidowX gripper is an XL430-W250, which has no current-based
/// mode, so it runs position mode (3): command it to close onto an object only briefly, or
/// the servo stalls at full torque and may latch an overload alert. Koch grippers run
/// current-based position (5) as LeRobot configures them.
/// </para>
/// </remarks>
public static class DynamixelArms
{
    private const double Limitless = Math.PI - 1e-5;
    private static readonly JointLimits KochLimits = new(-Math.PI, Math.PI, 5, 20);
    private static readonly JointLimits InterbotixContinuous = new(-Limitless, Limitless, Math.PI, 5);

    /// <summary>
    /// Koch v1.1 follower (<c>koch</c>): IDs 1-2 XL430-W250 (shoulder_pan, shoulder_lift), IDs 3-6
    /// XL330-M288 (elbow_flex, wrist_flex, wrist_roll, gripper) at 1 Mbps. Arm joints in extended
    /// position mode (4), so a horn assembled near count 0 or 4095 does not wrap; the gripper in
    /// current-based position (5). Kinematics approximate (ManiSkill's URDF from the official CAD);
    /// its zero does not match LeRobot's mid-range zero, so expect offsets until identified.
    /// </summary>
    public static DynamixelArm KochFollower { get; } = Koch("koch", ServoModel.XL430W250, ServoModel.XL330M288, trigger: null) with
    {
        Kinematics = new KinematicChainDescription(
            [
                Revolute("shoulder_pan", 0.005766, -0.040523, 0.038579, 0, 0, 1),
                Revolute("shoulder_lift", 0.020713, 0, 0.015368, 1, 0, 0),
                Revolute("elbow_flex", -0.038026, -0.014951, 0.108424, 1, 0, 0),
                Revolute("wrist_flex", -0.000251, -0.100502, 0.002641, 1, 0, 0),
                Revolute("wrist_roll", 0.019234, 0.00037, -0.044779, 0, 0, 1),
            ],
            At(-0.008, 0, -0.065)),
    };

    /// <summary>
    /// Koch v1.1 leader (<c>koch-leader</c>): IDs 1-6 XL330-M077 at 1 Mbps, moved by hand. Modes as
    /// LeRobot's leader: extended position (4) for the arm joints, current-based position (5) for
    /// the gripper handle, which the driver holds at half open as a spring-back trigger; elbow_flex
    /// runs reversed so the leader reads like the follower. No kinematics are published.
    /// </summary>
    public static DynamixelArm KochLeader { get; } = Koch("koch-leader", ServoModel.XL330M077, ServoModel.XL330M077, trigger: 0.5);

    /// <summary>
    /// Trossen WidowX 250 6DOF (<c>wx250s</c>): 9 servos at 1 Mbps. waist 1; shoulder 2 + shadow 3;
    /// elbow 4 + shadow 5; forearm_roll 6; wrist_angle 7 (XM430-W350); wrist_rotate 8 and gripper 9
    /// (XL430-W250). Position mode (3) with a time-based profile (Drive Mode bit 2) as Interbotix;
    /// wrist_angle and the shadows run reversed, so count 2048 is the URDF zero and every
    /// direction is the URDF's. Exact kinematics (URDF = Interbotix's product-of-exponentials model).
    /// </summary>
    public static DynamixelArm WidowX250s { get; } = Interbotix(
        "wx250s",
        ServoModel.XM430W350,
        ServoModel.XL430W250,
        ServoModel.XL430W250,
        shoulder: (-1.884956, 1.989675, Reversed: false),
        elbow: (-2.146755, 1.605703, Reversed: false),
        wristAngle: (-1.745329, 2.146755),
        gripper: new DynamixelGripper("gripper", -0.378, 1.268) { MaxWidthMeters = 0.074 },
        gripperMode: OperatingMode.Position) with
    {
        Kinematics = new KinematicChainDescription(
            [
                Revolute("waist", 0, 0, 0.072, 0, 0, 1),
                Revolute("shoulder", 0, 0, 0.03865, 0, 1, 0),
                Revolute("elbow", 0.04975, 0, 0.25, 0, 1, 0),
                Revolute("forearm_roll", 0.175, 0, 0, 1, 0, 0),
                Revolute("wrist_angle", 0.075, 0, 0, 0, 1, 0),
                Revolute("wrist_rotate", 0.065, 0, 0, 1, 0, 0),
            ],
            At(0.093575, 0, 0)),
    };

    /// <summary>
    /// Trossen ViperX 300 6DOF (<c>vx300s</c>, the ALOHA arm): IDs and joints as the WidowX 250s;
    /// IDs 1-7 XM540-W270, 8-9 XM430-W350. Position mode (3) with a time-based profile; here the
    /// primaries of shoulder and elbow and wrist_angle run reversed and the shadows do not (the
    /// opposite pairing of the WidowX). The gripper runs current-based position (5). Exact kinematics.
    /// </summary>
    public static DynamixelArm ViperX300s { get; } = Interbotix(
        "vx300s",
        ServoModel.XM540W270,
        ServoModel.XM430W350,
        ServoModel.XM430W350,
        shoulder: (-1.850049, 1.256637, Reversed: true),
        elbow: (-1.762783, 1.605703, Reversed: true),
        wristAngle: (-1.867502, 2.234021),
        gripper: new DynamixelGripper("gripper", -0.413, 1.332) { MaxWidthMeters = 0.114 },
        gripperMode: OperatingMode.CurrentBasedPosition) with
    {
        Kinematics = new KinematicChainDescription(
            [
                Revolute("waist", 0, 0, 0.079, 0, 0, 1),
                Revolute("shoulder", 0, 0, 0.04805, 0, 1, 0),
                Revolute("elbow", 0.05955, 0, 0.3, 0, 1, 0),
                Revolute("forearm_roll", 0.2, 0, 0, 1, 0, 0),
                Revolute("wrist_angle", 0.1, 0, 0, 0, 1, 0),
                Revolute("wrist_rotate", 0.069744, 0, 0, 1, 0, 0),
            ],
            At(0.1072, 0, 0)),
    };

    /// <summary>Every arm above.</summary>
    public static IReadOnlyList<DynamixelArm> All { get; } = [KochFollower, KochLeader, WidowX250s, ViperX300s];

    /// <summary>Finds an arm by its model name (case-insensitive): <c>koch</c>, <c>koch-leader</c>, <c>wx250s</c>, <c>vx300s</c>.</summary>
    /// <param name="model">The model name.</param>
    /// <returns>The arm, or null when unknown.</returns>
    public static DynamixelArm? Find(string model) =>
        All.FirstOrDefault(arm => string.Equals(arm.Model, model, StringComparison.OrdinalIgnoreCase));

    private static DynamixelArm Koch(string model, ServoModel shoulder, ServoModel wrist, double? trigger)
    {
        const OperatingMode Extended = OperatingMode.ExtendedPosition;
        return new DynamixelArm(model,
        [
            new("shoulder_pan", 1, shoulder, Extended, KochLimits) { IsFullTurn = true },
            new("shoulder_lift", 2, shoulder, Extended, KochLimits),
            new("elbow_flex", 3, wrist, Extended, KochLimits) { DriveMode = trigger is null ? (byte)0 : DynamixelJoint.ReverseBit },
            new("wrist_flex", 4, wrist, Extended, KochLimits),
            new("wrist_roll", 5, wrist, Extended, KochLimits) { IsFullTurn = true },
            new("gripper", 6, wrist, OperatingMode.CurrentBasedPosition, KochLimits),
        ])
        {
            // About 100 degrees of jaw travel (the URDF's 1.75 rad) centred on LeRobot's mid-range zero; approximate.
            Gripper = new DynamixelGripper("gripper", -0.873, 0.873) { MaxWidthMeters = 0.068, TriggerOpenFraction = trigger },
            HomePose = "every joint in the middle of its range of motion (LeRobot's calibration pose)",
        };
    }

    private static DynamixelArm Interbotix(
        string model,
        ServoModel arm,
        ServoModel wrist,
        ServoModel gripperServo,
        (double Min, double Max, bool Reversed) shoulder,
        (double Min, double Max, bool Reversed) elbow,
        (double Min, double Max) wristAngle,
        DynamixelGripper gripper,
        OperatingMode gripperMode)
    {
        const byte Time = DynamixelJoint.TimeBasedProfileBit;
        const byte Reverse = DynamixelJoint.ReverseBit | DynamixelJoint.TimeBasedProfileBit;
        const OperatingMode Position = OperatingMode.Position;
        return new DynamixelArm(model,
        [
            new("waist", 1, arm, Position, InterbotixContinuous) { DriveMode = Time, IsFullTurn = true },
            new("shoulder", 2, arm, Position, Range(shoulder.Min, shoulder.Max)) { ShadowId = 3, DriveMode = shoulder.Reversed ? Reverse : Time },
            new("elbow", 4, arm, Position, Range(elbow.Min, elbow.Max)) { ShadowId = 5, DriveMode = elbow.Reversed ? Reverse : Time },
            new("forearm_roll", 6, arm, Position, InterbotixContinuous) { DriveMode = Time, IsFullTurn = true },
            new("wrist_angle", 7, arm, Position, Range(wristAngle.Min, wristAngle.Max)) { DriveMode = Reverse },
            new("wrist_rotate", 8, wrist, Position, InterbotixContinuous) { DriveMode = Time, IsFullTurn = true },
            new("gripper", 9, gripperServo, gripperMode, Range(gripper.ClosedPosition, gripper.OpenPosition)) { DriveMode = Time },
        ])
        {
            Gripper = gripper,
            HomePose = "every joint at zero, Interbotix's home pose: upper arm vertical, forearm and gripper level and pointing forward, "
                + "wrist and gripper unrotated (Trossen assembles the arm so that this pose reads 2048 with no homing offset)",
        };
    }

    private static JointLimits Range(double min, double max) => new(min, max, Math.PI, 5);

    private static KinematicJoint Revolute(string name, double x, double y, double z, double axisX, double axisY, double axisZ) =>
        new(name, JointKind.Revolute, At(x, y, z), new Vector3D(axisX, axisY, axisZ));

    private static Pose At(double x, double y, double z) => new(new Vector3D(x, y, z), Rotation.Identity);
}
