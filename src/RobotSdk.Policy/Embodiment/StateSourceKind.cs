namespace RobotSdk.Policy.Embodiment;

/// <summary>Where one element of a state vector comes from.</summary>
internal enum StateSourceKind
{
    /// <summary>An arm joint's measured position, mapped backwards through the joint's sign and offset.</summary>
    ArmJoint,

    /// <summary>A gripper's opening: its action's closed..open model range, else the open fraction 0..1.</summary>
    Gripper,

    /// <summary>The distance between a gripper's fingers, metres.</summary>
    GripperWidth,

    /// <summary>Half the finger distance, positive (the left finger of a two-finger qpos, as LIBERO's robosuite reports it).</summary>
    GripperLeftFinger,

    /// <summary>Minus half the finger distance (the right finger).</summary>
    GripperRightFinger,

    /// <summary>A fixed model value (<c>constant:0</c>).</summary>
    Constant,

    /// <summary>Tool position component, metres in the base frame.</summary>
    ToolPosition,

    /// <summary>Tool orientation as a rotation vector component, radians.</summary>
    ToolAxisAngle,

    /// <summary>Tool orientation quaternion component (w, x, y, z; w ≥ 0).</summary>
    ToolQuaternion,

    /// <summary>Tool roll, pitch or yaw about fixed x, y, z, radians.</summary>
    ToolEuler,

    /// <summary>One of the first two rotation-matrix columns' six numbers.</summary>
    ToolRotation6D,
}
