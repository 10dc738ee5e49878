namespace RobotSdk.Simulation;

/// <summary>
/// The built-in world of the Elephant Robotics myCobot 280 (loaded through <see cref="SimulationModels"/>
/// by name): <c>mycobot280</c>, the arm with its adaptive gripper on a tabletop with three 25 mm cubes, a
/// fixed <c>scene</c> camera, a <c>wrist</c> camera and a <c>tool</c> body at the driver's tool point (the
/// MJCF's header comment gives the sources, the physical choices and the camera intrinsics). Joint i of
/// the world is joint i of the myCobot emulator's backend (0-5 the arm in radians, 6 the gripper as an
/// open fraction), so a <c>MyCobotEmulator</c> over <see cref="VirtualWorld.Joints"/> serves the real driver.
/// </summary>
public static class ElephantSimulationModels
{
    /// <summary>The myCobot 280 tabletop world's name.</summary>
    public const string MyCobot280 = "mycobot280";

    /// <summary>
    /// How far each jaw of the virtual adaptive gripper slides from closed to open, metres (the opening
    /// is twice this, 37.4 mm): an assumption taken from the finger linkage of Elephant's URDF, since
    /// Elephant publishes no stroke (see the MJCF's header).
    /// </summary>
    public const double MyCobot280GripperTravelMeters = 0.0187;

    /// <summary>
    /// The MJCF joints, in the emulator's order: <c>joint1</c> to <c>joint6</c> (the firmware's J1 to J6,
    /// radians) and <c>gripper</c> (a jaw's slide, metres; the backend scales it to the open fraction).
    /// </summary>
    public static IReadOnlyList<string> MyCobot280Joints { get; } =
        Array.AsReadOnly(["joint1", "joint2", "joint3", "joint4", "joint5", "joint6", "gripper"]);

    /// <summary>
    /// Where a limp myCobot 280 comes to rest in the <see cref="MyCobot280"/> world, device units (six
    /// joints in radians, then the gripper's open fraction): fallen backwards, the upper arm leaning back,
    /// the forearm folded down and the closed gripper lying on the table behind the base, clear of the cubes
    /// and the table tags (where a limp arm settles; it creeps about 1 mrad/s, friction-held, no hard stop).
    /// <see cref="SimulatedArms.MyCobot280"/> starts here unless told otherwise, so nothing falls before the
    /// servos are switched on.
    /// </summary>
    public static IReadOnlyList<double> MyCobot280RestPose { get; } = Array.AsReadOnly([0, 1.04, 1.847, 0.228, 0, 0, 0.0]);
}
