using RobotSdk.Geometry;

namespace RobotSdk;

/// <summary>
/// One joint of a serial chain, URDF style: the fixed transform from the previous joint's
/// frame to this joint's frame (at zero position), then motion about or along
/// <see cref="Axis"/> expressed in this joint's frame.
/// </summary>
/// <param name="JointName">Name of the driver joint that moves it.</param>
/// <param name="Kind">Revolute or prismatic.</param>
/// <param name="Origin">Transform from the parent frame, metres.</param>
/// <param name="Axis">Unit axis of motion in this joint's frame.</param>
public sealed record KinematicJoint(string JointName, JointKind Kind, Pose Origin, Vector3D Axis);
