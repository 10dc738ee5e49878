namespace RobotSdk.Simulation;

/// <summary>
/// The built-in worlds of the Dynamixel arms (loaded through <see cref="SimulationModels"/> by name):
/// <c>wx250s</c> (Trossen WidowX 250 6DOF), <c>vx300s</c> (ViperX 300 6DOF) and <c>koch</c> (Koch v1.1
/// follower, approximate kinematics), each on a tabletop with three 25 mm cubes, a fixed <c>scene</c>
/// camera, a <c>wrist</c> camera and a <c>tool</c> body at the driver's tool point (each MJCF's header
/// comment gives the sources, the physical choices and the camera intrinsics). Joint i of a world is
/// joint i of the matching <c>DynamixelArms</c> entry, so a <c>DynamixelArmEmulator</c> over
/// <see cref="VirtualWorld.Joints"/> serves the real driver.
/// </summary>
public static class DynamixelSimulationModels
{
    /// <summary>The WidowX 250s tabletop world's name.</summary>
    public const string WidowX250s = "wx250s";

    /// <summary>
    /// The WidowX 250s joints, in the driver's order: joint i of the model is joint i of the Dynamixel
    /// driver's <c>wx250s</c> (its emulator drives the shadow servos of shoulder and elbow on the same joint).
    /// </summary>
    public static IReadOnlyList<string> WidowX250sJoints { get; } =
        Array.AsReadOnly(["waist", "shoulder", "elbow", "forearm_roll", "wrist_angle", "wrist_rotate", "gripper"]);

    /// <summary>
    /// Where a limp WidowX 250s comes to rest in the <see cref="WidowX250s"/> world, radians (driver
    /// order): upper arm back on its stop, forearm folded up on its stop, the fingers lying on the
    /// table in front of the base (near Interbotix's sleep pose, where a limp arm settles from it). <see cref="CreateWidowX250s"/> starts here unless told
    /// otherwise, so nothing falls before the servos are switched on.
    /// </summary>
    public static IReadOnlyList<double> WidowX250sRestPose { get; } = Array.AsReadOnly([0, -1.8853, 1.6062, 0, 1.3638, 0, 0]);

    /// <summary>The Koch v1.1 follower tabletop world's name (approximate kinematics, as the driver's).</summary>
    public const string KochFollower = "koch";

    /// <summary>The Koch v1.1 follower joints, in the driver's order: joint i of the model is joint i of the Dynamixel driver's <c>koch</c>.</summary>
    public static IReadOnlyList<string> KochFollowerJoints { get; } =
        Array.AsReadOnly(["shoulder_pan", "shoulder_lift", "elbow_flex", "wrist_flex", "wrist_roll", "gripper"]);

    /// <summary>
    /// Where a limp Koch v1.1 follower comes to rest in the <see cref="KochFollower"/> world, radians
    /// (driver order): the upper arm leaning forward, the forearm hanging, the gripper on the table in
    /// front of the base (where a limp arm settles from the zero pose; with no hard stops it creeps a few mrad/s). <see cref="CreateKochFollower"/> starts here unless told otherwise.
    /// </summary>
    public static IReadOnlyList<double> KochFollowerRestPose { get; } = Array.AsReadOnly([0, 0.14, 0.767, -0.058, 0, 0]);

    /// <summary>
    /// The Koch v1.1 follower tabletop (<see cref="KochFollower"/>) with the arm's six joints, joint i =
    /// the Dynamixel driver's joint i, each driven by <see cref="DynamixelServoMotors.Xl330M288"/> (the
    /// MJCF's actuator gears scale it to the XL430-W250 on shoulder_pan and shoulder_lift).
    /// </summary>
    /// <param name="options">Seed, start pose (<see cref="KochFollowerRestPose"/> when not given), servo model; defaults when null.</param>
    /// <returns>A stopped world that owns its model.</returns>
    /// <exception cref="SimulationUnavailableException">MuJoCo or RobotSdk's shim is not installed.</exception>
    public static VirtualWorld CreateKochFollower(VirtualWorldOptions? options = null) =>
        VirtualWorld.Create(SimulatedArms.KochFollower, options);

    /// <summary>
    /// The WidowX 250s tabletop (<see cref="WidowX250s"/>) with the arm's seven joints, joint i = the
    /// Dynamixel driver's joint i, each driven by <see cref="DynamixelServoMotors.Xm430W350"/> (the
    /// MJCF's actuator gears scale it to two servos on shoulder and elbow and to the XL430-W250 on
    /// wrist_rotate and gripper).
    /// </summary>
    /// <param name="options">Seed, start pose (<see cref="WidowX250sRestPose"/> when not given), servo model; defaults when null.</param>
    /// <returns>A stopped world that owns its model.</returns>
    /// <exception cref="SimulationUnavailableException">MuJoCo or RobotSdk's shim is not installed.</exception>
    public static VirtualWorld CreateWidowX250s(VirtualWorldOptions? options = null) =>
        VirtualWorld.Create(SimulatedArms.WidowX250s, options);

    /// <summary>The ViperX 300s tabletop world's name.</summary>
    public const string ViperX300s = "vx300s";

    /// <summary>
    /// The ViperX 300s joints, in the driver's order: joint i of the model is joint i of the Dynamixel
    /// driver's <c>vx300s</c> (its emulator drives the shadow servos of shoulder and elbow on the same joint).
    /// </summary>
    public static IReadOnlyList<string> ViperX300sJoints { get; } =
        Array.AsReadOnly(["waist", "shoulder", "elbow", "forearm_roll", "wrist_angle", "wrist_rotate", "gripper"]);

    /// <summary>
    /// Where a limp ViperX 300s comes to rest in the <see cref="ViperX300s"/> world, radians (driver
    /// order): upper arm back on its stop, forearm folded up on its stop, the fingers resting on the
    /// table in front of the base (where a limp arm settles from Interbotix's sleep pose). <see cref="CreateViperX300s"/> starts here unless told otherwise.
    /// </summary>
    public static IReadOnlyList<double> ViperX300sRestPose { get; } = Array.AsReadOnly([0, -1.8503, 1.6062, 0, 1.26, 0, 0]);

    /// <summary>
    /// The ViperX 300s tabletop (<see cref="ViperX300s"/>) with the arm's seven joints, joint i = the
    /// Dynamixel driver's joint i, each driven by <see cref="DynamixelServoMotors.Xm540W270"/> (the
    /// MJCF's actuator gears scale it to two servos on shoulder and elbow and to the XM430-W350 on
    /// wrist_rotate and gripper).
    /// </summary>
    /// <param name="options">Seed, start pose (<see cref="ViperX300sRestPose"/> when not given), servo model; defaults when null.</param>
    /// <returns>A stopped world that owns its model.</returns>
    /// <exception cref="SimulationUnavailableException">MuJoCo or RobotSdk's shim is not installed.</exception>
    public static VirtualWorld CreateViperX300s(VirtualWorldOptions? options = null) =>
        VirtualWorld.Create(SimulatedArms.ViperX300s, options);
}
