namespace RobotSdk.Simulation;

/// <summary>
/// One joint of a <see cref="MujocoJointBackend"/>: the MJCF joint it reads and drives, the servo that
/// drives it, and how the device's units relate to the MJCF joint's.
/// </summary>
/// <param name="Name">A hinge (radians) or slide (metres) joint of the MJCF, driven by a direct-torque actuator (<c>&lt;motor joint="..."/&gt;</c>).</param>
/// <param name="Servo">The servo model; null means <see cref="ServoMotorModel.Sts3215"/>; <see cref="VirtualWorldOptions.Servo"/> overrides it.</param>
/// <param name="Scale">
/// Device units per MJCF unit (default 1): the backend's position is <c>Scale x q</c>, and the servo
/// closes its loop in device units. For example a gripper the device reports as an open fraction
/// over a jaw that slides 25 mm has a scale of 40 per metre.
/// </param>
public sealed record SimulatedJoint(string Name, ServoMotorModel? Servo = null, double Scale = 1)
{
    /// <summary>Joints named <paramref name="names"/>, each with the default servo and scale 1.</summary>
    public static IReadOnlyList<SimulatedJoint> Named(IEnumerable<string> names) =>
        Array.AsReadOnly(names.Select(name => new SimulatedJoint(name)).ToArray());
}
