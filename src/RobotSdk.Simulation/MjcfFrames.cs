using System.Globalization;
using System.Xml.Linq;
using RobotSdk.Geometry;

namespace RobotSdk.Simulation;

/// <summary>
/// Local frames of MJCF elements (bodies, cameras) read from and written to the XML: <c>pos</c> and
/// one of <c>quat</c>, <c>axisangle</c>, <c>euler</c>, <c>xyaxes</c>, <c>zaxis</c>, with the
/// document's <c>&lt;compiler angle eulerseq&gt;</c> as MuJoCo 2.2.2 reads them.
/// </summary>
internal sealed class MjcfFrames
{
    private static readonly string[] OrientationAttributes = ["quat", "axisangle", "euler", "xyaxes", "zaxis"];
    private readonly bool _degrees;
    private readonly string _eulerSequence;

    /// <summary>Reads the compiler settings of <paramref name="document"/> (MuJoCo's defaults: degrees, <c>xyz</c>).</summary>
    public MjcfFrames(XDocument document)
    {
        XElement? compiler = document.Root?.Elements("compiler").FirstOrDefault(element => element.Attribute("angle") is not null);
        _degrees = (string?)compiler?.Attribute("angle") != "radian";
        _eulerSequence = (string?)document.Root?.Elements("compiler").Select(element => (string?)element.Attribute("eulerseq")).LastOrDefault(value => value is not null) ?? "xyz";
        if (_eulerSequence.Length != 3)
        {
            throw new ArgumentException($"The MJCF's eulerseq '{_eulerSequence}' is not three axes.", nameof(document));
        }
    }

    /// <summary>The element's frame in its parent's.</summary>
    public Pose Read(XElement element)
    {
        Vector3D position = element.Attribute("pos") is { } pos ? ToVector(Numbers(pos.Value, 3)) : Vector3D.Zero;
        return new Pose(position, ReadOrientation(element));
    }

    /// <summary>Writes <paramref name="pose"/> as <c>pos</c> and <c>quat</c> (round-trip precision), replacing any other orientation attribute.</summary>
    public static void Write(XElement element, Pose pose)
    {
        WritePosition(element, pose.Position);
        foreach (string name in OrientationAttributes)
        {
            element.Attribute(name)?.Remove();
        }

        Rotation q = pose.Orientation;
        element.SetAttributeValue("quat", Format(q.W, q.X, q.Y, q.Z));
    }

    /// <summary>Writes <c>pos</c> only (round-trip precision).</summary>
    public static void WritePosition(XElement element, Vector3D position) =>
        element.SetAttributeValue("pos", Format(position.X, position.Y, position.Z));

    /// <summary>The pose of <paramref name="element"/> in the world at the zero configuration (every joint at 0, which MJCF makes the identity).</summary>
    public Pose ReadInWorld(XElement element)
    {
        Pose pose = Read(element);
        for (XElement? body = element.Parent; body is { Name.LocalName: "body" }; body = body.Parent)
        {
            pose = Read(body) * pose;
        }

        return pose;
    }

    private Rotation ReadOrientation(XElement element)
    {
        if (element.Attribute("quat") is { } quat)
        {
            double[] q = Numbers(quat.Value, 4);
            double norm = Math.Sqrt((q[0] * q[0]) + (q[1] * q[1]) + (q[2] * q[2]) + (q[3] * q[3]));
            return new Rotation(q[0] / norm, q[1] / norm, q[2] / norm, q[3] / norm);
        }

        if (element.Attribute("axisangle") is { } axisAngle)
        {
            double[] a = Numbers(axisAngle.Value, 4);
            return Rotation.FromAxisAngle(new Vector3D(a[0], a[1], a[2]), Angle(a[3]));
        }

        if (element.Attribute("euler") is { } euler)
        {
            double[] angles = Numbers(euler.Value, 3);
            Rotation result = Rotation.Identity;
            for (int i = 0; i < 3; i++)
            {
                char axis = _eulerSequence[i];
                Vector3D unit = char.ToLowerInvariant(axis) switch
                {
                    'x' => new Vector3D(1, 0, 0),
                    'y' => new Vector3D(0, 1, 0),
                    'z' => new Vector3D(0, 0, 1),
                    _ => throw new ArgumentException($"The MJCF's eulerseq '{_eulerSequence}' has an axis '{axis}'."),
                };
                Rotation turn = Rotation.FromAxisAngle(unit, Angle(angles[i]));

                // Lower case turns about the moving axes (post-multiply), upper case about the fixed ones.
                result = char.IsLower(axis) ? result * turn : turn * result;
            }

            return result;
        }

        if (element.Attribute("xyaxes") is { } xyAxes)
        {
            double[] a = Numbers(xyAxes.Value, 6);
            Vector3D x = new Vector3D(a[0], a[1], a[2]).Normalized();
            Vector3D y = new Vector3D(a[3], a[4], a[5]);
            y = (y - (Vector3D.Dot(x, y) * x)).Normalized();
            return FromColumns(x, y, Vector3D.Cross(x, y));
        }

        if (element.Attribute("zaxis") is { } zAxis)
        {
            Vector3D z = ToVector(Numbers(zAxis.Value, 3)).Normalized();
            var up = new Vector3D(0, 0, 1);
            Vector3D axis = Vector3D.Cross(up, z);
            double sine = axis.Length;
            return sine < 1e-12
                ? (z.Z > 0 ? Rotation.Identity : Rotation.FromAxisAngle(new Vector3D(1, 0, 0), Math.PI))
                : Rotation.FromAxisAngle(axis, Math.Atan2(sine, z.Z));
        }

        return Rotation.Identity;
    }

    private double Angle(double value) => _degrees ? value * Math.PI / 180 : value;

    private static Rotation FromColumns(Vector3D x, Vector3D y, Vector3D z)
    {
        // Shepperd's method on the matrix [x y z] (columns), choosing the best-conditioned pivot.
        double trace = x.X + y.Y + z.Z;
        double w, i, j, k;
        if (trace > 0)
        {
            double s = Math.Sqrt(trace + 1) * 2;
            (w, i, j, k) = (s / 4, (y.Z - z.Y) / s, (z.X - x.Z) / s, (x.Y - y.X) / s);
        }
        else if (x.X > y.Y && x.X > z.Z)
        {
            double s = Math.Sqrt(1 + x.X - y.Y - z.Z) * 2;
            (w, i, j, k) = ((y.Z - z.Y) / s, s / 4, (y.X + x.Y) / s, (z.X + x.Z) / s);
        }
        else if (y.Y > z.Z)
        {
            double s = Math.Sqrt(1 + y.Y - x.X - z.Z) * 2;
            (w, i, j, k) = ((z.X - x.Z) / s, (y.X + x.Y) / s, s / 4, (z.Y + y.Z) / s);
        }
        else
        {
            double s = Math.Sqrt(1 + z.Z - x.X - y.Y) * 2;
            (w, i, j, k) = ((x.Y - y.X) / s, (z.X + x.Z) / s, (z.Y + y.Z) / s, s / 4);
        }

        double norm = Math.Sqrt((w * w) + (i * i) + (j * j) + (k * k));
        return new Rotation(w / norm, i / norm, j / norm, k / norm);
    }

    private static Vector3D ToVector(double[] values) => new(values[0], values[1], values[2]);

    private static double[] Numbers(string text, int count)
    {
        string[] parts = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != count)
        {
            throw new ArgumentException($"'{text}' should be {count} numbers.");
        }

        return parts.Select(part => double.Parse(part, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray();
    }

    private static string Format(params double[] values) =>
        string.Join(' ', values.Select(value => value.ToString("R", CultureInfo.InvariantCulture)));
}
