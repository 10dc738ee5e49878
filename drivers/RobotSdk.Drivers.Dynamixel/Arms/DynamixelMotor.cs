namespace RobotSdk.Drivers.Dynamixel;

/// <summary>
/// One servo of a <see cref="DynamixelArm"/>: a joint's primary servo or its shadow, with the
/// control-table values the driver configures on it. Derived from the arm's joints.
/// </summary>
/// <param name="Name">Motor name in calibration files: the joint name, or <c>{joint}_shadow</c> for a shadow.</param>
/// <param name="Id">The servo's ID.</param>
/// <param name="Model">The servo's model.</param>
/// <param name="JointName">Name of its joint.</param>
/// <param name="JointIndex">Index of its joint in <see cref="DynamixelArm.Joints"/>.</param>
/// <param name="IsShadow">Whether it is a shadow servo (silent; follows its primary through Secondary ID).</param>
/// <param name="DriveMode">Drive Mode (10) to configure.</param>
/// <param name="OperatingMode">Operating Mode (11) to configure.</param>
/// <param name="SecondaryId">Secondary ID (12) to configure: the primary's ID for a shadow, 255 (none) otherwise.</param>
public sealed record DynamixelMotor(string Name, byte Id, ServoModel Model, string JointName, int JointIndex, bool IsShadow, byte DriveMode, OperatingMode OperatingMode, byte SecondaryId)
{
    /// <summary>The Secondary ID value that turns the feature off.</summary>
    public const byte NoSecondaryId = 255;

    /// <summary>The motor in words for messages: <c>joint 'elbow'</c> or <c>the shadow servo of joint 'elbow'</c>.</summary>
    internal string Describe() => IsShadow ? $"the shadow servo of joint '{JointName}'" : $"joint '{JointName}'";
}
