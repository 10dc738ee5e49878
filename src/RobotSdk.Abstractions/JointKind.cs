namespace RobotSdk;

/// <summary>How a joint moves.</summary>
public enum JointKind
{
    /// <summary>Rotates about an axis; positions in radians.</summary>
    Revolute,

    /// <summary>Slides along an axis; positions in metres.</summary>
    Prismatic,
}
