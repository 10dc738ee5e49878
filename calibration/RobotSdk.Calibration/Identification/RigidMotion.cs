using MathNet.Numerics.LinearAlgebra;
using RobotSdk.Geometry;

namespace RobotSdk.Calibration.Identification;

/// <summary>
/// A rigid transform as a 3 x 3 rotation matrix and a translation: cheaper to compose and
/// differentiate than quaternions inside the solvers' inner loops, and allocation-free.
/// </summary>
internal readonly struct RigidMotion
{
    public readonly double R00, R01, R02, R10, R11, R12, R20, R21, R22;
    public readonly double X, Y, Z;

    public RigidMotion(double r00, double r01, double r02, double r10, double r11, double r12, double r20, double r21, double r22, double x, double y, double z)
    {
        R00 = r00; R01 = r01; R02 = r02;
        R10 = r10; R11 = r11; R12 = r12;
        R20 = r20; R21 = r21; R22 = r22;
        X = x; Y = y; Z = z;
    }

    public static RigidMotion Identity => new(1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0);

    public Vector3D Translation => new(X, Y, Z);

    public static RigidMotion FromPose(Pose pose)
    {
        Rotation q = pose.Orientation;
        double norm = Math.Sqrt((q.W * q.W) + (q.X * q.X) + (q.Y * q.Y) + (q.Z * q.Z));
        double w = q.W / norm, x = q.X / norm, y = q.Y / norm, z = q.Z / norm;
        return new RigidMotion(
            1 - (2 * ((y * y) + (z * z))), 2 * ((x * y) - (w * z)), 2 * ((x * z) + (w * y)),
            2 * ((x * y) + (w * z)), 1 - (2 * ((x * x) + (z * z))), 2 * ((y * z) - (w * x)),
            2 * ((x * z) - (w * y)), 2 * ((y * z) + (w * x)), 1 - (2 * ((x * x) + (y * y))),
            pose.Position.X, pose.Position.Y, pose.Position.Z);
    }

    /// <summary>The rotation matrix <paramref name="r"/> (3 x 3) with the translation (x, y, z).</summary>
    public static RigidMotion FromMatrix(Matrix<double> r, double x, double y, double z) =>
        new(r[0, 0], r[0, 1], r[0, 2], r[1, 0], r[1, 1], r[1, 2], r[2, 0], r[2, 1], r[2, 2], x, y, z);

    /// <summary>Pure translation.</summary>
    public static RigidMotion Translate(Vector3D t) => new(1, 0, 0, 0, 1, 0, 0, 0, 1, t.X, t.Y, t.Z);

    /// <summary>Rotation of <paramref name="angle"/> radians about the unit axis (Rodrigues).</summary>
    public static RigidMotion Rotate(Vector3D unitAxis, double angle)
    {
        double c = Math.Cos(angle), s = Math.Sin(angle), v = 1 - c;
        double x = unitAxis.X, y = unitAxis.Y, z = unitAxis.Z;
        return new RigidMotion(
            (x * x * v) + c, (x * y * v) - (z * s), (x * z * v) + (y * s),
            (x * y * v) + (z * s), (y * y * v) + c, (y * z * v) - (x * s),
            (x * z * v) - (y * s), (y * z * v) + (x * s), (z * z * v) + c,
            0, 0, 0);
    }

    /// <summary>Rotation by the rotation vector (wx, wy, wz), then translation (tx, ty, tz); the local pose increment of the solvers.</summary>
    public static RigidMotion Exp(double wx, double wy, double wz, double tx, double ty, double tz)
    {
        double angle = Math.Sqrt((wx * wx) + (wy * wy) + (wz * wz));
        RigidMotion rotation = angle < 1e-300 ? Identity : Rotate(new Vector3D(wx / angle, wy / angle, wz / angle), angle);
        return rotation.WithTranslation(tx, ty, tz);
    }

    public RigidMotion WithTranslation(double x, double y, double z) => new(R00, R01, R02, R10, R11, R12, R20, R21, R22, x, y, z);

    public static RigidMotion operator *(RigidMotion a, RigidMotion b) => new(
        (a.R00 * b.R00) + (a.R01 * b.R10) + (a.R02 * b.R20),
        (a.R00 * b.R01) + (a.R01 * b.R11) + (a.R02 * b.R21),
        (a.R00 * b.R02) + (a.R01 * b.R12) + (a.R02 * b.R22),
        (a.R10 * b.R00) + (a.R11 * b.R10) + (a.R12 * b.R20),
        (a.R10 * b.R01) + (a.R11 * b.R11) + (a.R12 * b.R21),
        (a.R10 * b.R02) + (a.R11 * b.R12) + (a.R12 * b.R22),
        (a.R20 * b.R00) + (a.R21 * b.R10) + (a.R22 * b.R20),
        (a.R20 * b.R01) + (a.R21 * b.R11) + (a.R22 * b.R21),
        (a.R20 * b.R02) + (a.R21 * b.R12) + (a.R22 * b.R22),
        (a.R00 * b.X) + (a.R01 * b.Y) + (a.R02 * b.Z) + a.X,
        (a.R10 * b.X) + (a.R11 * b.Y) + (a.R12 * b.Z) + a.Y,
        (a.R20 * b.X) + (a.R21 * b.Y) + (a.R22 * b.Z) + a.Z);

    public RigidMotion Inverse() => new(
        R00, R10, R20, R01, R11, R21, R02, R12, R22,
        -((R00 * X) + (R10 * Y) + (R20 * Z)),
        -((R01 * X) + (R11 * Y) + (R21 * Z)),
        -((R02 * X) + (R12 * Y) + (R22 * Z)));

    public Vector3D Apply(Vector3D p) => new(
        (R00 * p.X) + (R01 * p.Y) + (R02 * p.Z) + X,
        (R10 * p.X) + (R11 * p.Y) + (R12 * p.Z) + Y,
        (R20 * p.X) + (R21 * p.Y) + (R22 * p.Z) + Z);

    public Vector3D RotateVector(Vector3D v) => new(
        (R00 * v.X) + (R01 * v.Y) + (R02 * v.Z),
        (R10 * v.X) + (R11 * v.Y) + (R12 * v.Z),
        (R20 * v.X) + (R21 * v.Y) + (R22 * v.Z));

    /// <summary>Rotation vector (axis times angle, 0..pi) of the rotation part.</summary>
    public Vector3D LogRotation()
    {
        double cos = Math.Clamp((R00 + R11 + R22 - 1) / 2, -1, 1);
        double angle = Math.Acos(cos);
        var skew = new Vector3D(R21 - R12, R02 - R20, R10 - R01);
        if (angle < 1e-9)
        {
            return 0.5 * skew;
        }

        if (Math.PI - angle > 1e-4)
        {
            return (angle / (2 * Math.Sin(angle))) * skew;
        }

        // Near pi the skew part vanishes: take the axis from the symmetric part's largest diagonal.
        double xx = Math.Sqrt(Math.Max(0, (R00 + 1) / 2)), yy = Math.Sqrt(Math.Max(0, (R11 + 1) / 2)), zz = Math.Sqrt(Math.Max(0, (R22 + 1) / 2));
        Vector3D axis = xx >= yy && xx >= zz
            ? new Vector3D(xx, (R01 + R10) / (4 * xx), (R02 + R20) / (4 * xx))
            : yy >= zz
                ? new Vector3D((R01 + R10) / (4 * yy), yy, (R12 + R21) / (4 * yy))
                : new Vector3D((R02 + R20) / (4 * zz), (R12 + R21) / (4 * zz), zz);
        axis = axis.Normalized();
        if (Vector3D.Dot(axis, skew) < 0)
        {
            axis = -1 * axis;
        }

        return angle * axis;
    }

    public Pose ToPose() => new(Translation, RotationMatrices.FromMatrix(R00, R01, R02, R10, R11, R12, R20, R21, R22));

}
