using RobotSdk.Geometry;

namespace RobotSdk.Policy.Embodiment;

/// <summary>
/// Orientation in the encodings policies use, both ways, allocation-free. Conventions: the rotation
/// vector and the quaternion are canonical (angle 0..π, w ≥ 0); Euler angles are roll, pitch, yaw
/// about fixed x, y, z (R = Rz(yaw) Ry(pitch) Rx(roll), as <see cref="Rotation.FromRollPitchYaw"/>);
/// the 6D encoding is the rotation matrix's first column then its second (Zhou et al. 2019).
/// </summary>
internal static class RotationEncoding
{
    public static Vector3D ToAxisAngle(Rotation rotation)
    {
        Rotation q = Canonical(rotation);
        var vector = new Vector3D(q.X, q.Y, q.Z);
        double sinHalf = vector.Length;
        if (sinHalf < 1e-12)
        {
            return 2 * vector;
        }

        double angle = 2 * Math.Atan2(sinHalf, q.W);
        return (angle / sinHalf) * vector;
    }

    public static Rotation FromAxisAngle(Vector3D vector)
    {
        double angle = vector.Length;
        if (angle < 1e-12)
        {
            return Normalize(new Rotation(1, vector.X / 2, vector.Y / 2, vector.Z / 2));
        }

        return Rotation.FromAxisAngle(vector, angle);
    }

    public static Vector3D ToEuler(Rotation rotation)
    {
        Matrix(rotation, out double m00, out _, out _, out double m10, out _, out _, out double m20, out double m21, out double m22);
        double roll = Math.Atan2(m21, m22);
        double pitch = Math.Asin(Math.Clamp(-m20, -1, 1));
        double yaw = Math.Atan2(m10, m00);
        return new Vector3D(roll, pitch, yaw);
    }

    public static Rotation FromEuler(Vector3D rollPitchYaw) => Rotation.FromRollPitchYaw(rollPitchYaw.X, rollPitchYaw.Y, rollPitchYaw.Z);

    public static Rotation Canonical(Rotation rotation)
    {
        Rotation q = Normalize(rotation);
        return q.W < 0 ? new Rotation(-q.W, -q.X, -q.Y, -q.Z) : q;
    }

    /// <summary>The quaternion scaled to unit length; false when it has (nearly) none.</summary>
    public static bool TryNormalize(double w, double x, double y, double z, out Rotation rotation)
    {
        double norm = Math.Sqrt((w * w) + (x * x) + (y * y) + (z * z));
        rotation = norm < 1e-9 ? Rotation.Identity : new Rotation(w / norm, x / norm, y / norm, z / norm);
        return norm >= 1e-9;
    }

    /// <summary>Writes the first and second rotation-matrix columns into <paramref name="sixNumbers"/>.</summary>
    public static void ToRotation6D(Rotation rotation, Span<double> sixNumbers)
    {
        Matrix(rotation, out double m00, out double m01, out _, out double m10, out double m11, out _, out double m20, out double m21, out _);
        sixNumbers[0] = m00;
        sixNumbers[1] = m10;
        sixNumbers[2] = m20;
        sixNumbers[3] = m01;
        sixNumbers[4] = m11;
        sixNumbers[5] = m21;
    }

    /// <summary>Gram-Schmidt of the two columns, then their cross product; false when they are (nearly) zero or parallel.</summary>
    public static bool TryFromRotation6D(Vector3D first, Vector3D second, out Rotation rotation)
    {
        rotation = Rotation.Identity;
        double firstLength = first.Length;
        if (firstLength < 1e-9)
        {
            return false;
        }

        Vector3D x = (1 / firstLength) * first;
        Vector3D orthogonal = second - (Vector3D.Dot(x, second) * x);
        double orthogonalLength = orthogonal.Length;
        if (orthogonalLength < 1e-9)
        {
            return false;
        }

        Vector3D y = (1 / orthogonalLength) * orthogonal;
        Vector3D z = Vector3D.Cross(x, y);
        rotation = FromMatrix(x.X, y.X, z.X, x.Y, y.Y, z.Y, x.Z, y.Z, z.Z);
        return true;
    }

    private static Rotation Normalize(Rotation q)
    {
        TryNormalize(q.W, q.X, q.Y, q.Z, out Rotation unit);
        return unit;
    }

    private static void Matrix(Rotation rotation, out double m00, out double m01, out double m02, out double m10, out double m11, out double m12, out double m20, out double m21, out double m22)
    {
        Rotation q = Normalize(rotation);
        double w = q.W, x = q.X, y = q.Y, z = q.Z;
        m00 = 1 - (2 * ((y * y) + (z * z)));
        m01 = 2 * ((x * y) - (z * w));
        m02 = 2 * ((x * z) + (y * w));
        m10 = 2 * ((x * y) + (z * w));
        m11 = 1 - (2 * ((x * x) + (z * z)));
        m12 = 2 * ((y * z) - (x * w));
        m20 = 2 * ((x * z) - (y * w));
        m21 = 2 * ((y * z) + (x * w));
        m22 = 1 - (2 * ((x * x) + (y * y)));
    }

    // Shepperd's method: divide by the largest of the four candidates, for accuracy.
    private static Rotation FromMatrix(double m00, double m01, double m02, double m10, double m11, double m12, double m20, double m21, double m22)
    {
        double trace = m00 + m11 + m22;
        if (trace > 0)
        {
            double s = 2 * Math.Sqrt(trace + 1);
            return Canonical(new Rotation(s / 4, (m21 - m12) / s, (m02 - m20) / s, (m10 - m01) / s));
        }

        if (m00 > m11 && m00 > m22)
        {
            double s = 2 * Math.Sqrt(1 + m00 - m11 - m22);
            return Canonical(new Rotation((m21 - m12) / s, s / 4, (m01 + m10) / s, (m02 + m20) / s));
        }

        if (m11 > m22)
        {
            double s = 2 * Math.Sqrt(1 + m11 - m00 - m22);
            return Canonical(new Rotation((m02 - m20) / s, (m01 + m10) / s, s / 4, (m12 + m21) / s));
        }

        double t = 2 * Math.Sqrt(1 + m22 - m00 - m11);
        return Canonical(new Rotation((m10 - m01) / t, (m02 + m20) / t, (m12 + m21) / t, t / 4));
    }
}
