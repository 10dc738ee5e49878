namespace RobotSdk;

/// <summary>Self-description of one actuated joint (an arm joint or a gripper axis).</summary>
/// <param name="Name">Stable name, for example <c>shoulder_pan</c>.</param>
/// <param name="Kind">Revolute (radians) or prismatic (metres).</param>
/// <param name="Limits">Hardware limits in SI units.</param>
public sealed record JointDescription(string Name, JointKind Kind, JointLimits Limits)
{
    /// <summary>Counts per revolution (or per metre) of the encoder, when known; 0 when not.</summary>
    public double EncoderCountsPerUnit { get; init; }

    /// <summary>Gear ratio between motor and joint, when known; 1 when not.</summary>
    public double GearRatio { get; init; } = 1;
}
