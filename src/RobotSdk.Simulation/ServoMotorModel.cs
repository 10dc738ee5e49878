namespace RobotSdk.Simulation;

/// <summary>
/// How <see cref="MujocoJointBackend"/> turns a goal into shaft torque on a direct-torque MuJoCo
/// actuator: a hobby servo's position loop (a saturated PD on the PWM duty) driving a DC motor.
/// </summary>
/// <remarks>
/// Once per physics step, with torque on: duty = clamp((Kp (goal - q) - Kv q') / stall torque, -1, 1);
/// torque = clamp(stall torque x duty - (stall torque / no-load speed) x q', +-stall torque). The
/// second term is the motor's back-EMF: it is why a servo at full duty runs at its no-load speed and
/// no faster, and it exists only while the H-bridge drives. With torque off the motor coasts: zero
/// torque, and only what the MJCF gives the joint (gear friction, viscous loss, reflected rotor
/// inertia) resists motion, so gravity pulls a limp arm down as it does a real one. Current is
/// torque / stall torque x stall current (0 with torque off).
/// </remarks>
/// <param name="StallTorqueNewtonMeters">Torque at full duty and zero speed (also the current-limited maximum), N m.</param>
/// <param name="NoLoadSpeedRadiansPerSecond">Speed at full duty and no load, rad/s.</param>
/// <param name="StallCurrentAmperes">Current at stall torque, A.</param>
/// <param name="PositionGain">Kp, N m per radian of error (saturates at stall torque / Kp of error).</param>
/// <param name="VelocityGain">Kv, N m s/rad, on the joint's velocity.</param>
public sealed record ServoMotorModel(
    double StallTorqueNewtonMeters,
    double NoLoadSpeedRadiansPerSecond,
    double StallCurrentAmperes,
    double PositionGain,
    double VelocityGain)
{
    /// <summary>
    /// Feetech STS3215 at 7.4 V (the SO-101 follower's servo): 19.5 kg cm stall torque (1.91 N m),
    /// 0.222 s per 60 degrees no load (4.71 rad/s), 2.7 A stall current (datasheet figures). Gains are
    /// this SDK's choice: Kp 100 N m/rad (full torque beyond 1.1 degrees of error; gravity sags the
    /// shoulder about 0.2 degrees) and Kv 4 N m s/rad (about critical damping near the goal with the
    /// 0.028 kg m^2 reflected rotor inertia; a 2 rad step from rest overshoots about 2 degrees, the
    /// saturated motor cannot brake sooner); stable with explicit evaluation at a 2 ms step.
    /// </summary>
    public static ServoMotorModel Sts3215 { get; } = new(1.91, 4.71, 2.7, 100, 4);

    /// <summary>The torque the servo applies with torque on, N m.</summary>
    /// <param name="goal">Goal position, radians.</param>
    /// <param name="position">Present position, radians.</param>
    /// <param name="velocity">Present velocity, rad/s.</param>
    public double Torque(double goal, double position, double velocity)
    {
        double stall = StallTorqueNewtonMeters;
        double duty = Math.Clamp(((PositionGain * (goal - position)) - (VelocityGain * velocity)) / stall, -1, 1);
        return Math.Clamp((stall * duty) - (stall / NoLoadSpeedRadiansPerSecond * velocity), -stall, stall);
    }

    /// <summary>The motor current for <paramref name="torque"/>, amperes.</summary>
    public double Current(double torque) => torque / StallTorqueNewtonMeters * StallCurrentAmperes;

    /// <summary>Throws unless every figure is positive and finite (gains may be zero).</summary>
    /// <exception cref="ArgumentException">A figure is out of range.</exception>
    public void ThrowIfInvalid(string parameterName)
    {
        if (!(StallTorqueNewtonMeters > 0 && double.IsFinite(StallTorqueNewtonMeters))
            || !(NoLoadSpeedRadiansPerSecond > 0 && double.IsFinite(NoLoadSpeedRadiansPerSecond))
            || !(StallCurrentAmperes >= 0 && double.IsFinite(StallCurrentAmperes))
            || !(PositionGain >= 0 && double.IsFinite(PositionGain))
            || !(VelocityGain >= 0 && double.IsFinite(VelocityGain)))
        {
            throw new ArgumentException($"Invalid servo model {this}: stall torque and no-load speed must be positive, current and gains non-negative, all finite.", parameterName);
        }
    }
}
