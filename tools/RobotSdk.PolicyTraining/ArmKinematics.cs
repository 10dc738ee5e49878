using RobotSdk.Drivers.Dynamixel;
using RobotSdk.Drivers.Feetech;
using RobotSdk.Kinematics;

namespace RobotSdk.PolicyTraining;

/// <summary>An arm's driver description and nominal chain, by virtual arm name.</summary>
internal static class ArmKinematics
{
    /// <summary>The driver's description (joint frame, limits, nominal kinematics) of <paramref name="arm"/>.</summary>
    /// <exception cref="ArgumentException">Not an arm of the touch-cube task.</exception>
    public static RobotDescription Describe(string arm) => arm.ToLowerInvariant() switch
    {
        "so101" => FeetechArms.So101Follower.Description,
        "wx250s" => DynamixelArms.WidowX250s.Description,
        _ => throw new ArgumentException($"No kinematics for arm '{arm}': the touch-cube task supports so101 and wx250s.", nameof(arm)),
    };

    /// <summary>The nominal chain of <paramref name="arm"/>.</summary>
    public static SerialChain Chain(string arm) => new(Describe(arm));

    /// <summary>The options of the end-effector mapping the runner uses too: position only, seeded by the last solution.</summary>
    public static InverseKinematicsOptions PositionOnly { get; } = new() { OrientationWeight = 0 };
}
