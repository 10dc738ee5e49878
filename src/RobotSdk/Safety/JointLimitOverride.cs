namespace RobotSdk.Safety;

/// <summary>
/// Narrower limits for one joint than the hardware allows (a profile may only narrow them).
/// Unset values keep the hardware limit.
/// </summary>
public sealed class JointLimitOverride
{
    /// <summary>Lowest position, radians or metres.</summary>
    public double? Min { get; set; }

    /// <summary>Highest position, radians or metres.</summary>
    public double? Max { get; set; }

    /// <summary>Largest speed, rad/s or m/s.</summary>
    public double? MaxVelocity { get; set; }

    /// <summary>Largest acceleration, rad/s² or m/s².</summary>
    public double? MaxAcceleration { get; set; }
}
