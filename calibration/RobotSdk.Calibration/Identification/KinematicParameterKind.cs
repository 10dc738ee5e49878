namespace RobotSdk.Calibration.Identification;

/// <summary>What a kinematic-identification parameter describes.</summary>
public enum KinematicParameterKind
{
    /// <summary>A joint's zero offset: true position = measured position + offset (radians, metres for a slide).</summary>
    JointOffset,

    /// <summary>
    /// A link's length error, metres, added along the unit direction of the link's nominal
    /// translation (a joint origin's translation, or the tool's).
    /// </summary>
    LinkLength,

    /// <summary>One of the six camera-pose components (rotation vector, then translation).</summary>
    CameraPose,

    /// <summary>One of the six tag-pose components (rotation vector, then translation).</summary>
    TagPose,
}
