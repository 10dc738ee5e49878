namespace RobotSdk.Geometry;

/// <summary>A rotation as a unit quaternion (W + Xi + Yj + Zk).</summary>
/// <param name="W">Scalar part.</param>
/// <param name="X">i component.</param>
/// <param name="Y">j component.</param>
/// <param name="Z">k component.</param>
public readonly record struct Rotation(double W, double X, double Y, double Z)
{
    /// <summary>The identity rotation.</summary>
    public static Rotation Identity => new(1, 0, 0, 0);

    /// <summary>A rotation of <paramref name="angleRadians"/> about <paramref name="axis"/>.</summary>
    public static Rotation FromAxisAngle(Vector3D axis, double angleRadians)
    {
        Vector3D unit = axis.Normalized();
        double half = angleRadians / 2;
        double s = Math.Sin(half);
        return new Rotation(Math.Cos(half), unit.X * s, unit.Y * s, unit.Z * s);
    }

    /// <summary>Roll about X, then pitch about Y, then yaw about Z (fixed axes, as in URDF).</summary>
    public static Rotation FromRollPitchYaw(double rollRadians, double pitchRadians, double yawRadians) =>
        FromAxisAngle(new Vector3D(0, 0, 1), yawRadians)
        * FromAxisAngle(new Vector3D(0, 1, 0), pitchRadians)
        * FromAxisAngle(new Vector3D(1, 0, 0), rollRadians);

    /// <summary>Composition: applying <paramref name="b"/> first, then <paramref name="a"/>.</summary>
    public static Rotation operator *(Rotation a, Rotation b) => new(
        (a.W * b.W) - (a.X * b.X) - (a.Y * b.Y) - (a.Z * b.Z),
        (a.W * b.X) + (a.X * b.W) + (a.Y * b.Z) - (a.Z * b.Y),
        (a.W * b.Y) - (a.X * b.Z) + (a.Y * b.W) + (a.Z * b.X),
        (a.W * b.Z) + (a.X * b.Y) - (a.Y * b.X) + (a.Z * b.W));

    /// <summary>The inverse rotation.</summary>
    public Rotation Inverse() => new(W, -X, -Y, -Z);

    /// <summary>Rotates a vector.</summary>
    public Vector3D Rotate(Vector3D v)
    {
        // v' = v + 2 q_v x (q_v x v + w v)
        var q = new Vector3D(X, Y, Z);
        Vector3D t = Vector3D.Cross(q, v) + (W * v);
        return v + (2 * Vector3D.Cross(q, t));
    }

    /// <summary>Angle of the rotation that takes this one to <paramref name="other"/>, in radians (0..pi).</summary>
    public double AngleTo(Rotation other)
    {
        double dot = Math.Abs((W * other.W) + (X * other.X) + (Y * other.Y) + (Z * other.Z));
        return 2 * Math.Acos(Math.Min(1.0, dot));
    }
}
