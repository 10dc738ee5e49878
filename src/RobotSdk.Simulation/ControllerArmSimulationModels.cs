namespace RobotSdk.Simulation;

/// <summary>
/// The built-in worlds of the controller arms (loaded through <see cref="SimulationModels"/> by
/// name): <c>piper</c> (AgileX PiPER) and <c>lite6</c> (UFactory Lite 6 with its gripper), each on a
/// tabletop with three 25 mm cubes, a fixed <c>scene</c> camera, a <c>wrist</c> camera, a <c>tool</c>
/// body at the driver's tool point and AprilTag sites (each MJCF's header comment gives the
/// sources, the physical choices and the camera intrinsics). Joint i of a world is joint i of the
/// driver's frames, in its units, so <c>PiperEmulator</c> and <c>Lite6Emulator</c> over
/// <see cref="VirtualWorld.Joints"/> serve the real drivers.
/// </summary>
public static class ControllerArmSimulationModels
{
    /// <summary>The PiPER tabletop world's name.</summary>
    public const string Piper = "piper";

    /// <summary>The Lite 6 tabletop world's name.</summary>
    public const string Lite6 = "lite6";

    /// <summary>
    /// The PiPER's joints in the driver's order (<c>PiperArm.JointNames</c>): <c>joint1</c> to
    /// <c>joint6</c> in radians and <c>gripper</c>, the opening between the fingers in metres (twice
    /// the travel of the MJCF's <c>gripper</c> finger slide, which the other finger mirrors).
    /// </summary>
    public static IReadOnlyList<SimulatedJoint> PiperJoints { get; } = Array.AsReadOnly(
    [
        new SimulatedJoint("joint1", ControllerArmServoMotors.PiperLargeJoint),
        new SimulatedJoint("joint2", ControllerArmServoMotors.PiperLargeJoint),
        new SimulatedJoint("joint3", ControllerArmServoMotors.PiperLargeJoint),
        new SimulatedJoint("joint4", ControllerArmServoMotors.PiperSmallJoint),
        new SimulatedJoint("joint5", ControllerArmServoMotors.PiperSmallJoint),
        new SimulatedJoint("joint6", ControllerArmServoMotors.PiperSmallJoint),
        new SimulatedJoint("gripper", ControllerArmServoMotors.PiperGripper, Scale: 2),
    ]);

    /// <summary>
    /// Where a limp PiPER comes to rest in the <see cref="Piper"/> world (driver order and units):
    /// the arm's zero, folded on the stops of joints 2 and 3, with the gripper dropped until joint
    /// 5's friction holds it (0.963 rad, pointing forward and down) and closed. The PiPER has no
    /// brakes: this is where a disabled arm settles from its zero.
    /// </summary>
    public static IReadOnlyList<double> PiperRestPose { get; } = Array.AsReadOnly([0, 0, 0, 0, 0.963, 0, 0]);

    /// <summary>
    /// The Lite 6's joints in the driver's order (<c>Lite6Arm.JointNames</c>): <c>joint1</c> to
    /// <c>joint6</c> in radians and <c>gripper</c>, finger 1's travel in metres (0 closed, 0.0089
    /// open; finger 2 mirrors it).
    /// </summary>
    public static IReadOnlyList<SimulatedJoint> Lite6Joints { get; } = Array.AsReadOnly(
    [
        new SimulatedJoint("joint1", ControllerArmServoMotors.Lite6LargeJoint),
        new SimulatedJoint("joint2", ControllerArmServoMotors.Lite6LargeJoint),
        new SimulatedJoint("joint3", ControllerArmServoMotors.Lite6MediumJoint),
        new SimulatedJoint("joint4", ControllerArmServoMotors.Lite6MediumJoint),
        new SimulatedJoint("joint5", ControllerArmServoMotors.Lite6MediumJoint),
        new SimulatedJoint("joint6", ControllerArmServoMotors.Lite6SmallJoint),
        new SimulatedJoint("gripper", ControllerArmServoMotors.Lite6Gripper),
    ]);

    /// <summary>
    /// Where a limp Lite 6 comes to rest in the <see cref="Lite6"/> world (driver order and units):
    /// fallen forward from its zero, the elbow up, the wrist on the table 0.22 m in front of the
    /// base, the gripper pointing back at the base, closed. The world has no brakes (the real arm's
    /// hold it at its zero; <see cref="MujocoJointBackend"/> has none), so a disabled arm ends here.
    /// </summary>
    public static IReadOnlyList<double> Lite6RestPose { get; } = Array.AsReadOnly([0, 1.3847, 1.1106, 0, 1.19, 0, 0]);

    /// <summary>The PiPER tabletop (<see cref="SimulatedArms.Piper"/>): joint i = the PiPER driver's joint i.</summary>
    /// <param name="options">Seed, start pose (<see cref="PiperRestPose"/> when not given), real-time tolerances; defaults when null.</param>
    /// <returns>A stopped world that owns its model.</returns>
    /// <exception cref="SimulationUnavailableException">MuJoCo or RobotSdk's shim is not installed.</exception>
    public static VirtualWorld CreatePiper(VirtualWorldOptions? options = null) => VirtualWorld.Create(SimulatedArms.Piper, options);

    /// <summary>The Lite 6 tabletop (<see cref="SimulatedArms.Lite6"/>): joint i = the Lite 6 driver's joint i.</summary>
    /// <param name="options">Seed, start pose (<see cref="Lite6RestPose"/> when not given), real-time tolerances; defaults when null.</param>
    /// <returns>A stopped world that owns its model.</returns>
    /// <exception cref="SimulationUnavailableException">MuJoCo or RobotSdk's shim is not installed.</exception>
    public static VirtualWorld CreateLite6(VirtualWorldOptions? options = null) => VirtualWorld.Create(SimulatedArms.Lite6, options);
}
