using RobotSdk.Geometry;

namespace RobotSdk.Kinematics;

/// <summary>
/// A rotation matrix and translation, the form kinematics composes fastest. A mutable struct
/// so the control loop can chain transforms in place without allocating.
/// </summary>
internal struct RigidTransform
{
    // Row-major rotation.
    public double R00, R01, R02, R10, R11, R12, R20, R21, R22;
    public double X, Y, Z;

    public static RigidTransform Identity => new() { R00 = 1, R11 = 1, R22 = 1 };

    public static RigidTransform FromPose(Pose pose)
    {
        Rotation q = pose.Orientation;
        double w = q.W, x = q.X, y = q.Y, z = q.Z;
        double norm = Math.Sqrt((w * w) + (x * x) + (y * y) + (z * z));
        w /= norm; x /= norm; y /= norm; z /= norm;
        return new RigidTransform
        {
            R00 = 1 - (2 * ((y * y) + (z * z))), R01 = 2 * ((x * y) - (z * w)), R02 = 2 * ((x * z) + (y * w)),
            R10 = 2 * ((x * y) + (z * w)), R11 = 1 - (2 * ((x * x) + (z * z))), R12 = 2 * ((y * z) - (x * w)),
            R20 = 2 * ((x * z) - (y * w)), R21 = 2 * ((y * z) + (x * w)), R22 = 1 - (2 * ((x * x) + (y * y))),
            X = pose.Position.X, Y = pose.Position.Y, Z = pose.Position.Z,
        };
    }

    /// <summary>Rotation by <paramref name="angle"/> about the unit <paramref name="axis"/> (Rodrigues).</summary>
    public static RigidTransform FromAxisAngle(Vector3D axis, double angle)
    {
        double c = Math.Cos(angle), s = Math.Sin(angle), t = 1 - c;
        double x = axis.X, y = axis.Y, z = axis.Z;
        return new RigidTransform
        {
            R00 = (t * x * x) + c, R01 = (t * x * y) - (s * z), R02 = (t * x * z) + (s * y),
            R10 = (t * x * y) + (s * z), R11 = (t * y * y) + c, R12 = (t * y * z) - (s * x),
            R20 = (t * x * z) - (s * y), R21 = (t * y * z) + (s * x), R22 = (t * z * z) + c,
        };
    }

    public static RigidTransform Translation(Vector3D offset) => new() { R00 = 1, R11 = 1, R22 = 1, X = offset.X, Y = offset.Y, Z = offset.Z };

    public readonly Vector3D Position => new(X, Y, Z);

    /// <summary>a * b: b expressed in a's frame.</summary>
    public static RigidTransform Multiply(in RigidTransform a, in RigidTransform b) => new()
    {
        R00 = (a.R00 * b.R00) + (a.R01 * b.R10) + (a.R02 * b.R20),
        R01 = (a.R00 * b.R01) + (a.R01 * b.R11) + (a.R02 * b.R21),
        R02 = (a.R00 * b.R02) + (a.R01 * b.R12) + (a.R02 * b.R22),
        R10 = (a.R10 * b.R00) + (a.R11 * b.R10) + (a.R12 * b.R20),
        R11 = (a.R10 * b.R01) + (a.R11 * b.R11) + (a.R12 * b.R21),
        R12 = (a.R10 * b.R02) + (a.R11 * b.R12) + (a.R12 * b.R22),
        R20 = (a.R20 * b.R00) + (a.R21 * b.R10) + (a.R22 * b.R20),
        R21 = (a.R20 * b.R01) + (a.R21 * b.R11) + (a.R22 * b.R21),
        R22 = (a.R20 * b.R02) + (a.R21 * b.R12) + (a.R22 * b.R22),
        X = (a.R00 * b.X) + (a.R01 * b.Y) + (a.R02 * b.Z) + a.X,
        Y = (a.R10 * b.X) + (a.R11 * b.Y) + (a.R12 * b.Z) + a.Y,
        Z = (a.R20 * b.X) + (a.R21 * b.Y) + (a.R22 * b.Z) + a.Z,
    };

    /// <summary>Rotates a direction (no translation).</summary>
    public readonly Vector3D RotateVector(Vector3D v) => new(
        (R00 * v.X) + (R01 * v.Y) + (R02 * v.Z),
        (R10 * v.X) + (R11 * v.Y) + (R12 * v.Z),
        (R20 * v.X) + (R21 * v.Y) + (R22 * v.Z));

    /// <summary>Rotation part as a unit quaternion (Shepperd's method, numerically stable).</summary>
    public readonly Rotation ToRotation()
    {
        double trace = R00 + R11 + R22;
        if (trace > 0)
        {
            double s = Math.Sqrt(trace + 1.0) * 2;
            return new Rotation(0.25 * s, (R21 - R12) / s, (R02 - R20) / s, (R10 - R01) / s);
        }

        if (R00 > R11 && R00 > R22)
        {
            double s = Math.Sqrt(1.0 + R00 - R11 - R22) * 2;
            return new Rotation((R21 - R12) / s, 0.25 * s, (R01 + R10) / s, (R02 + R20) / s);
        }

        if (R11 > R22)
        {
            double s = Math.Sqrt(1.0 + R11 - R00 - R22) * 2;
            return new Rotation((R02 - R20) / s, (R01 + R10) / s, 0.25 * s, (R12 + R21) / s);
        }

        double t = Math.Sqrt(1.0 + R22 - R00 - R11) * 2;
        return new Rotation((R10 - R01) / t, (R02 + R20) / t, (R12 + R21) / t, 0.25 * t);
    }

    public readonly Pose ToPose() => new(Position, ToRotation());
}
