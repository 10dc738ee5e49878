namespace RobotSdk.Policy.Manifest;

/// <summary>How an end-effector action encodes orientation.</summary>
public enum RotationRepresentation
{
    /// <summary>Rotation vector, axis times angle in radians, 3 numbers (manifest value <c>axis-angle</c>); LIBERO.</summary>
    AxisAngle,

    /// <summary>Roll, pitch, yaw about fixed x, y, z in radians, 3 numbers (manifest value <c>euler-xyz</c>).</summary>
    EulerXyz,

    /// <summary>Unit quaternion w, x, y, z, 4 numbers (manifest value <c>quaternion-wxyz</c>).</summary>
    QuaternionWxyz,

    /// <summary>First two columns of the rotation matrix, 6 numbers (manifest value <c>rotation-6d</c>).</summary>
    Rotation6D,

    /// <summary>
    /// No orientation, 0 numbers (manifest value <c>none</c>): position-only end-effector actions,
    /// solved with position-only inverse kinematics so that 5-joint arms such as the SO-101, which
    /// cannot reach every orientation, follow them.
    /// </summary>
    None,
}
