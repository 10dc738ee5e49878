using MathNet.Numerics.LinearAlgebra;
using RobotSdk.Geometry;

namespace RobotSdk.Calibration;

/// <summary>Conversions between <see cref="Rotation"/>, 3x3 matrices and rotation vectors.</summary>
internal static class RotationMatrices
{
    /// <summary>The nearest rotation to a roughly orthonormal matrix (SVD projection, det +1).</summary>
    public static Rotation FromApproximateMatrix(Matrix<double> m)
    {
        var svd = m.Svd(computeVectors: true);
        Matrix<double> r = svd.U * svd.VT;
        if (r.Determinant() < 0)
        {
            Matrix<double> u = svd.U.Clone();
            u.SetColumn(2, -u.Column(2));
            r = u * svd.VT;
        }

        return FromMatrix(r);
    }

    /// <summary>Quaternion of an orthonormal matrix (Shepperd's method: the largest diagonal term avoids cancellation).</summary>
    public static Rotation FromMatrix(Matrix<double> r)
    {
        double trace = r[0, 0] + r[1, 1] + r[2, 2];
        Rotation q;
        if (trace > 0)
        {
            double s = 2 * Math.Sqrt(1 + trace);
            q = new Rotation(s / 4, (r[2, 1] - r[1, 2]) / s, (r[0, 2] - r[2, 0]) / s, (r[1, 0] - r[0, 1]) / s);
        }
        else if (r[0, 0] > r[1, 1] && r[0, 0] > r[2, 2])
        {
            double s = 2 * Math.Sqrt(1 + r[0, 0] - r[1, 1] - r[2, 2]);
            q = new Rotation((r[2, 1] - r[1, 2]) / s, s / 4, (r[0, 1] + r[1, 0]) / s, (r[0, 2] + r[2, 0]) / s);
        }
        else if (r[1, 1] > r[2, 2])
        {
            double s = 2 * Math.Sqrt(1 + r[1, 1] - r[0, 0] - r[2, 2]);
            q = new Rotation((r[0, 2] - r[2, 0]) / s, (r[0, 1] + r[1, 0]) / s, s / 4, (r[1, 2] + r[2, 1]) / s);
        }
        else
        {
            double s = 2 * Math.Sqrt(1 + r[2, 2] - r[0, 0] - r[1, 1]);
            q = new Rotation((r[1, 0] - r[0, 1]) / s, (r[0, 2] + r[2, 0]) / s, (r[1, 2] + r[2, 1]) / s, s / 4);
        }

        return Normalized(q);
    }

    /// <summary>The rotation of angle |v| about v (exact also for tiny angles).</summary>
    public static Rotation Exp(Vector3D v)
    {
        double angle = v.Length;
        if (angle < 1e-12)
        {
            return Normalized(new Rotation(1, v.X / 2, v.Y / 2, v.Z / 2));
        }

        return Rotation.FromAxisAngle(v, angle);
    }

    /// <summary>Rescales a quaternion to unit length, undoing rounding drift.</summary>
    public static Rotation Normalized(Rotation q)
    {
        double n = Math.Sqrt((q.W * q.W) + (q.X * q.X) + (q.Y * q.Y) + (q.Z * q.Z));
        return new Rotation(q.W / n, q.X / n, q.Y / n, q.Z / n);
    }
}
