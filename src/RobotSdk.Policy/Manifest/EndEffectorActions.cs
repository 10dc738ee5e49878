namespace RobotSdk.Policy.Manifest;

/// <summary>Where the tool pose sits in an end-effector action, executed through the arm's calibrated kinematics.</summary>
/// <param name="Position">Indices of x, y, z.</param>
/// <param name="Rotation">Indices of the orientation numbers, as many as <paramref name="Representation"/> needs (none for <see cref="RotationRepresentation.None"/>).</param>
/// <param name="Representation">How orientation is encoded.</param>
/// <param name="Frame">The frame of position and orientation.</param>
/// <param name="Delta">True when the pose is relative to the tool pose at the chunk's observation.</param>
/// <param name="MetersPerUnit">Metres per model unit of position (1 for metres; LIBERO's OSC controller: 0.05).</param>
/// <param name="RadiansPerUnit">Radians per model unit of rotation angle (1 for radians; LIBERO's OSC controller: 0.5).</param>
public sealed record EndEffectorActions(
    IReadOnlyList<int> Position,
    IReadOnlyList<int> Rotation,
    RotationRepresentation Representation,
    EndEffectorFrame Frame,
    bool Delta,
    double MetersPerUnit = 1.0,
    double RadiansPerUnit = 1.0)
{
    /// <summary>Numbers <paramref name="representation"/> takes.</summary>
    public static int RotationLength(RotationRepresentation representation) => representation switch
    {
        RotationRepresentation.AxisAngle or RotationRepresentation.EulerXyz => 3,
        RotationRepresentation.QuaternionWxyz => 4,
        RotationRepresentation.Rotation6D => 6,
        RotationRepresentation.None => 0,
        _ => throw new ArgumentOutOfRangeException(nameof(representation), representation, "Unknown rotation representation."),
    };
}
