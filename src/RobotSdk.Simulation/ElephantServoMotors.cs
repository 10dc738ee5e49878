namespace RobotSdk.Simulation;

/// <summary>
/// <see cref="ServoMotorModel"/>s of the myCobot 280's servos. Elephant publishes no torque, speed or
/// current figures for them, so every figure here is this SDK's choice, sized from what is published
/// (an 850 g arm that carries 250 g at its 280 mm reach) and stable with explicit evaluation at the
/// worlds' 2 ms step.
/// </summary>
public static class ElephantServoMotors
{
    /// <summary>
    /// An arm joint's servo: 2.0 N m stall torque (holding the 250 g payload at full reach takes about
    /// 1.5 N m on J2), 3.5 rad/s no load (above the 2 rad/s this SDK assumes the firmware runs at speed
    /// 100), 2 A stall current. Kp 100 N m/rad (full torque beyond 1.1 degrees of error) and Kv 2 N m s/rad
    /// (about critical damping of a wrist joint with the world's 0.01 kg m^2 reflected rotor inertia;
    /// the loaded shoulder is slower and overdamped by back-EMF, never unstable at a 2 ms step).
    /// </summary>
    public static ServoMotorModel MyCobot280Joint { get; } = new(2.0, 3.5, 2.0, 100, 2);

    /// <summary>
    /// The adaptive gripper's servo, in the emulator's units (open fraction, 0 closed to 1 open): its
    /// "torque" is the generalized force per open fraction, 0.187 at stall (a 10 N jaw force times the
    /// 18.7 mm jaw travel; the MJCF's actuator gear turns it into newtons), its no-load speed 2.5 open
    /// fractions per second (a full stroke in 0.4 s, faster than the firmware's assumed 1 per second),
    /// 1 A stall current. Kp 9.35 per open fraction (full force beyond 2 % of the stroke) and Kv 0.15
    /// (about critical damping with the jaw's 2 kg reflected inertia, 0.0007 in these units).
    /// </summary>
    public static ServoMotorModel MyCobot280Gripper { get; } = new(0.187, 2.5, 1.0, 9.35, 0.15);
}
