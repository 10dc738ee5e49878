namespace RobotSdk.Simulation;

/// <summary>
/// <see cref="ServoMotorModel"/>s of the ROBOTIS Dynamixel servos in the virtual Dynamixel arms
/// (figures: the ROBOTIS e-Manual's performance tables at 12 V; gains: this SDK's choice).
/// </summary>
public static class DynamixelServoMotors
{
    /// <summary>
    /// XM430-W350 at 12 V (the WidowX 250s arm joints): 4.1 N m stall torque, 46 rev/min no load
    /// (4.82 rad/s), 2.3 A stall current (e-Manual). Kp 200 N m/rad (full torque beyond 1.2 degrees
    /// of error) and Kv 8 N m s/rad (about critical damping of the loaded shoulder with its two servos;
    /// stable with explicit evaluation at a 2 ms step down to 0.01 kg m^2 of reflected inertia).
    /// </summary>
    public static ServoMotorModel Xm430W350 { get; } = new(4.1, 46 * 2 * Math.PI / 60, 2.3, 200, 8);

    /// <summary>
    /// XL330-M288 at 5 V (the Koch v1.1 follower's elbow, wrist and gripper servos): 0.52 N m stall
    /// torque, 103 rev/min no load (10.8 rad/s), 1.47 A stall current (e-Manual). Kp 20 N m/rad (full
    /// torque beyond 1.5 degrees of error) and Kv 0.5 N m s/rad (about critical damping with the
    /// 0.003 kg m^2 reflected rotor inertia the Koch world gives it; stable at a 2 ms step).
    /// </summary>
    public static ServoMotorModel Xl330M288 { get; } = new(0.52, 103 * 2 * Math.PI / 60, 1.47, 20, 0.5);

    /// <summary>
    /// XM540-W270 at 12 V (the ViperX 300s arm joints): 10.6 N m stall torque, 30 rev/min no load
    /// (3.14 rad/s), 4.4 A stall current (e-Manual). Kp 500 N m/rad (full torque beyond 1.2 degrees of
    /// error) and Kv 15 N m s/rad (about critical damping of the loaded shoulder with its two servos;
    /// stable at a 2 ms step down to the 0.02 kg m^2 the ViperX world gives its XM430 joints).
    /// </summary>
    public static ServoMotorModel Xm540W270 { get; } = new(10.6, 30 * 2 * Math.PI / 60, 4.4, 500, 15);
}
