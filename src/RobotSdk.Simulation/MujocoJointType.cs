namespace RobotSdk.Simulation;

/// <summary>MuJoCo's joint kinds (mjtJoint), with how many position coordinates each uses.</summary>
public enum MujocoJointType
{
    /// <summary>Six degrees of freedom: position (3) and orientation quaternion (4) in the world.</summary>
    Free = 0,

    /// <summary>Orientation quaternion (4) relative to the parent body.</summary>
    Ball = 1,

    /// <summary>Sliding distance in metres along an axis (1).</summary>
    Slide = 2,

    /// <summary>Rotation angle in radians about an axis (1).</summary>
    Hinge = 3,
}
