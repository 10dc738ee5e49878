namespace RobotSdk.Simulation;

/// <summary>The virtual arms that ship with RobotSdk, each in its built-in tabletop world.</summary>
public static class SimulatedArms
{
    /// <summary>The SO-101 follower (Feetech STS3215 servos) in <see cref="SimulationModels.So101"/>.</summary>
    public static SimulatedArmModel So101 { get; } =
        new("so101", SimulationModels.So101, SimulatedJoint.Named(SimulationModels.So101Joints), SimulationModels.So101RestPose);

    /// <summary>The SO-100 follower (Feetech STS3215 servos) in <see cref="SimulationModels.So100"/>, with the driver's approximate kinematics (the SO-101 chain).</summary>
    public static SimulatedArmModel So100 { get; } =
        new("so100", SimulationModels.So100, SimulatedJoint.Named(SimulationModels.So100Joints), SimulationModels.So100RestPose);

    /// <summary>
    /// The Elephant Robotics myCobot 280 with its adaptive gripper in <see cref="ElephantSimulationModels.MyCobot280"/>:
    /// joints 0-5 in radians driven by <see cref="ElephantServoMotors.MyCobot280Joint"/>, joint 6 the gripper
    /// as the emulator's open fraction (a jaw slide scaled by 1 / <see cref="ElephantSimulationModels.MyCobot280GripperTravelMeters"/>)
    /// driven by <see cref="ElephantServoMotors.MyCobot280Gripper"/>.
    /// </summary>
    public static SimulatedArmModel MyCobot280 { get; } = new(
        ElephantSimulationModels.MyCobot280,
        ElephantSimulationModels.MyCobot280,
        Array.AsReadOnly(
        [
            .. ElephantSimulationModels.MyCobot280Joints.Take(6).Select(name => new SimulatedJoint(name, ElephantServoMotors.MyCobot280Joint)),
            new SimulatedJoint(ElephantSimulationModels.MyCobot280Joints[6], ElephantServoMotors.MyCobot280Gripper, 1 / ElephantSimulationModels.MyCobot280GripperTravelMeters),
        ]),
        ElephantSimulationModels.MyCobot280RestPose);

    /// <summary>The Trossen WidowX 250s in <see cref="DynamixelSimulationModels.WidowX250s"/>, XM430-W350 servos (the MJCF's gears scale them to two servos on shoulder and elbow, XL430-W250 on wrist_rotate and gripper).</summary>
    public static SimulatedArmModel WidowX250s { get; } =
        new("wx250s", DynamixelSimulationModels.WidowX250s, WithServo(DynamixelSimulationModels.WidowX250sJoints, DynamixelServoMotors.Xm430W350), DynamixelSimulationModels.WidowX250sRestPose);

    /// <summary>The Trossen ViperX 300s in <see cref="DynamixelSimulationModels.ViperX300s"/>, XM540-W270 servos (the MJCF's gears scale them to two servos on shoulder and elbow, XM430-W350 on wrist_rotate and gripper).</summary>
    public static SimulatedArmModel ViperX300s { get; } =
        new("vx300s", DynamixelSimulationModels.ViperX300s, WithServo(DynamixelSimulationModels.ViperX300sJoints, DynamixelServoMotors.Xm540W270), DynamixelSimulationModels.ViperX300sRestPose);

    /// <summary>The Koch v1.1 follower in <see cref="DynamixelSimulationModels.KochFollower"/>, XL330-M288 servos (the MJCF's gears scale them to the XL430-W250 on shoulder_pan and shoulder_lift).</summary>
    public static SimulatedArmModel KochFollower { get; } =
        new("koch", DynamixelSimulationModels.KochFollower, WithServo(DynamixelSimulationModels.KochFollowerJoints, DynamixelServoMotors.Xl330M288), DynamixelSimulationModels.KochFollowerRestPose);

    /// <summary>The AgileX PiPER in <see cref="ControllerArmSimulationModels.Piper"/>: joints 1-6 in radians, the gripper as its opening in metres (<see cref="ControllerArmSimulationModels.PiperJoints"/>).</summary>
    public static SimulatedArmModel Piper { get; } =
        new("piper", ControllerArmSimulationModels.Piper, ControllerArmSimulationModels.PiperJoints, ControllerArmSimulationModels.PiperRestPose);

    /// <summary>The UFactory Lite 6 in <see cref="ControllerArmSimulationModels.Lite6"/>: joints 1-6 in radians, the gripper as finger travel in metres (<see cref="ControllerArmSimulationModels.Lite6Joints"/>).</summary>
    public static SimulatedArmModel Lite6 { get; } =
        new("lite6", ControllerArmSimulationModels.Lite6, ControllerArmSimulationModels.Lite6Joints, ControllerArmSimulationModels.Lite6RestPose);

    /// <summary>Every built-in virtual arm.</summary>
    public static IReadOnlyList<SimulatedArmModel> All { get; } = Array.AsReadOnly(new[] { So101, So100, WidowX250s, ViperX300s, KochFollower, Piper, Lite6, MyCobot280 });

    /// <summary>The built-in virtual arm called <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="KeyNotFoundException">No virtual arm has that name; the message lists them.</exception>
    public static SimulatedArmModel Get(string name) =>
        All.FirstOrDefault(arm => string.Equals(arm.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new KeyNotFoundException($"No virtual arm is called '{name}'; known: {string.Join(", ", All.Select(arm => arm.Name))}.");

    private static System.Collections.ObjectModel.ReadOnlyCollection<SimulatedJoint> WithServo(IEnumerable<string> names, ServoMotorModel servo) =>
        Array.AsReadOnly(names.Select(name => new SimulatedJoint(name, servo)).ToArray());
}
