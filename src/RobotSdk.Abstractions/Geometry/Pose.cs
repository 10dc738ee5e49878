namespace RobotSdk.Geometry;

/// <summary>A rigid transform: position in metres and orientation.</summary>
/// <param name="Position">Translation in metres.</param>
/// <param name="Orientation">Rotation.</param>
public readonly record struct Pose(Vector3D Position, Rotation Orientation)
{
    /// <summary>The identity transform.</summary>
    public static Pose Identity => new(Vector3D.Zero, Rotation.Identity);

    /// <summary>Composition: <paramref name="b"/> expressed in <paramref name="a"/>'s frame.</summary>
    public static Pose operator *(Pose a, Pose b) =>
        new(a.Position + a.Orientation.Rotate(b.Position), a.Orientation * b.Orientation);

    /// <summary>The inverse transform.</summary>
    public Pose Inverse()
    {
        Rotation inverse = Orientation.Inverse();
        return new Pose(inverse.Rotate(-1 * Position), inverse);
    }

    /// <summary>Applies the transform to a point.</summary>
    public Vector3D Transform(Vector3D point) => Position + Orientation.Rotate(point);
}
