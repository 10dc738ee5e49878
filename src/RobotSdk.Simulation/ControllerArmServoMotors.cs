namespace RobotSdk.Simulation;

/// <summary>
/// <see cref="ServoMotorModel"/>s of the joints of the virtual controller arms (AgileX PiPER,
/// UFactory Lite 6): brushless joint modules behind a controller's position loop, modelled like
/// the hobby servos (saturated PD, stall torque, back-EMF line).
/// </summary>
/// <remarks>
/// Neither vendor publishes stall torques, motor speeds or currents, so every figure here is this
/// SDK's choice, sized as stated on each model. Rules for all of them: no-load speed twice the
/// arm's joint speed limit (3 rad/s PiPER firmware, 3.14 rad/s Lite 6 URDF), so a joint at its speed
/// limit still has half its torque; Kp gives full torque beyond about 0.3 degrees (arms) or a few
/// millimetres (grippers) of error; Kv damps near critically at the MJCF's reflected inertia
/// (armature), and Kv plus the back-EMF slope stays below armature / step, which keeps the
/// explicit evaluation stable at the 2 ms step. Current is not modelled (no published torque
/// constants): stall current 0, so the backend reports 0 A.
/// </remarks>
public static class ControllerArmServoMotors
{
    /// <summary>
    /// PiPER joints 1-3: 20 N m stall (holds a 1.5 kg payload at 0.63 m, about 9 N m, plus the arm,
    /// with margin; 1.5 kg and 626 mm are AgileX's payload and reach as remembered, unverified here), 6 rad/s no load, Kp 4000 N m/rad (full torque beyond 0.29
    /// degrees; gravity sags joint 2 about 1 mrad), Kv 25 N m s/rad (critical at 0.05 kg m^2).
    /// </summary>
    public static ServoMotorModel PiperLargeJoint { get; } = new(20, 6, 0, 4000, 25);

    /// <summary>
    /// PiPER joints 4-6: 6 N m stall (a 1.5 kg payload 0.15 m from the wrist, about 2.2 N m, with
    /// margin), 6 rad/s no load, Kp 1200 N m/rad (full torque beyond 0.29 degrees), Kv 5 N m s/rad
    /// (near critical at 0.01 kg m^2).
    /// </summary>
    public static ServoMotorModel PiperSmallJoint { get; } = new(6, 6, 0, 1200, 5);

    /// <summary>
    /// PiPER gripper, in the driver's units (metres of opening): 40 N of force on the opening (each
    /// finger pushes with it), 0.15 m/s no load (the opening's speed), Kp 20000 N/m (full force
    /// beyond 2 mm), Kv 100 N s/m (with the back-EMF slope, overdamped at the fingers' 1 kg slides).
    /// </summary>
    public static ServoMotorModel PiperGripper { get; } = new(40, 0.15, 0, 20000, 100);

    /// <summary>
    /// Lite 6 joints 1-2: 50 N m stall (the URDF's effort limit), 2 pi rad/s no load, Kp 10000 N m/rad
    /// (full torque beyond 0.29 degrees; gravity sags joint 2 about 1 mrad), Kv 80 N m s/rad (near
    /// critical at 0.2 kg m^2).
    /// </summary>
    public static ServoMotorModel Lite6LargeJoint { get; } = new(50, 2 * Math.PI, 0, 10000, 80);

    /// <summary>
    /// Lite 6 joints 3-5: 32 N m stall (the URDF's effort limit), 2 pi rad/s no load, Kp 6400 N m/rad
    /// (full torque beyond 0.29 degrees), Kv 40 N m s/rad (near critical at 0.1 kg m^2).
    /// </summary>
    public static ServoMotorModel Lite6MediumJoint { get; } = new(32, 2 * Math.PI, 0, 6400, 40);

    /// <summary>
    /// Lite 6 joint 6: 20 N m stall (the URDF's effort limit), 2 pi rad/s no load, Kp 4000 N m/rad
    /// (full torque beyond 0.29 degrees), Kv 30 N m s/rad (near critical at 0.1 kg m^2).
    /// </summary>
    public static ServoMotorModel Lite6SmallJoint { get; } = new(20, 2 * Math.PI, 0, 4000, 30);

    /// <summary>
    /// Lite 6 gripper, in the driver's units (metres of finger 1's travel): 10 N (the URDF's 5 N
    /// effort limit on each of the two fingers), 0.05 m/s no load (our figure: 8.9 mm in about
    /// 0.2 s), Kp 10000 N/m (full force beyond 1 mm), Kv 100 N s/m (with the back-EMF slope,
    /// overdamped at the fingers' 0.5 kg slides). The controller only opens or closes it.
    /// </summary>
    public static ServoMotorModel Lite6Gripper { get; } = new(10, 0.05, 0, 10000, 100);
}
