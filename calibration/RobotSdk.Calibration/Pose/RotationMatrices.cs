using MathNet.Numerics.LinearAlgebra;
using RobotSdk.Geometry;

namespace RobotSdk.Calibration;

/// <summary>Conversions between <see cref="Rotation"/>, 3x3 matrices and rotation vectors.</summary>
internal static class RotationMatrices
{
    /// <summary>The nearest rotation to a roughly orthonormal matrix (SVD projection, det +1).</summary>
    public static Rotation FromApproximateMatrix(Matrix<double> m) => FromMatrix(NearestRotationMatrix(m));

    /// <summary>The rotation matrix nearest (Frobenius) to <paramref name="m"/>: U diag(1, 1, det(U V^T)) V^T of its SVD.</summary>
    public static Matrix<double> NearestRotationMatrix(Matrix<double> m)
    {
        var svd = m.Svd(computeVectors: true);
        Matrix<double> r = svd.U * svd.VT;
        if (r.Determinant() < 0)
        {
            Matrix<double> u = svd.U.Clone();
            u.SetColumn(2, -u.Column(2));
            r = u * svd.VT;
        }

        return r;
    }

    /// <summary>Quaternion of an orthonormal matrix (Shepperd's method: the largest diagonal term avoids cancellation).</summary>
    public static Rotation FromMatrix(Matrix<double> r) =>
        FromMatrix(r[0, 0], r[0, 1], r[0, 2], r[1, 0], r[1, 1], r[1, 2], r[2, 0], r[2, 1], r[2, 2]);

    /// <summary>Quaternion (unit, W &gt;= 0) of the orthonormal matrix with rows (r00 r01 r02), (r10 r11 r12), (r20 r21 r22).</summary>
    public static Rotation FromMatrix(double r00, double r01, double r02, double r10, double r11, double r12, double r20, double r21, double r22)
    {
        double trace = r00 + r11 + r22;
        Rotation q;
        if (trace > 0)
        {
            double s = 2 * Math.Sqrt(1 + trace);
            q = new Rotation(s / 4, (r21 - r12) / s, (r02 - r20) / s, (r10 - r01) / s);
        }
        else if (r00 > r11 && r00 > r22)
        {
            double s = 2 * Math.Sqrt(1 + r00 - r11 - r22);
            q = new Rotation((r21 - r12) / s, s / 4, (r01 + r10) / s, (r02 + r20) / s);
        }
        else if (r11 > r22)
        {
            double s = 2 * Math.Sqrt(1 + r11 - r00 - r22);
            q = new Rotation((r02 - r20) / s, (r01 + r10) / s, s / 4, (r12 + r21) / s);
        }
        else
        {
            double s = 2 * Math.Sqrt(1 + r22 - r00 - r11);
            q = new Rotation((r10 - r01) / s, (r02 + r20) / s, (r12 + r21) / s, s / 4);
        }

        if (q.W < 0)
        {
            q = new Rotation(-q.W, -q.X, -q.Y, -q.Z);
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
