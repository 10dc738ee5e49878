using RobotSdk.Geometry;

namespace RobotSdk.Policy.Runner;

/// <summary>
/// What a chunk's actions are relative to: the robot as it was when the chunk's observation was
/// taken (delta joint and delta end-effector actions add to it), plus the inverse-kinematics seed
/// that follows the executed solutions. Created by <see cref="IEmbodiment.CreateAnchor"/>, reused.
/// </summary>
public sealed class ActionAnchor
{
    /// <summary>Allocates an anchor for an arm of <paramref name="armJoints"/> joints and <paramref name="grippers"/> grippers.</summary>
    public ActionAnchor(int armJoints, int grippers)
    {
        ArmPositions = new double[armJoints];
        GripperOpenFractions = new double[grippers];
        InverseKinematicsSeed = new double[armJoints];
    }

    /// <summary>Measured arm joint positions at the observation.</summary>
    public double[] ArmPositions { get; }

    /// <summary>Measured gripper openings at the observation.</summary>
    public double[] GripperOpenFractions { get; }

    /// <summary>Tool pose at the observation, through the robot's (calibrated) kinematics; identity when the arm has none.</summary>
    public Pose ToolPose { get; set; } = Pose.Identity;

    /// <summary>Where the next inverse-kinematics solve starts (the last solution, else the observed positions).</summary>
    public double[] InverseKinematicsSeed { get; }
}
