using System.Globalization;
using System.Xml.Linq;
using RobotSdk.Geometry;

namespace RobotSdk.Simulation;

/// <summary>
/// The orientation an MJCF element's attributes give it in its parent's frame, computed the way
/// MuJoCo 2.2.2's compiler does (mjCAlternative): <c>quat</c>, <c>axisangle</c>, <c>xyaxes</c>,
/// <c>zaxis</c> or <c>euler</c>, with the document's <c>compiler angle</c> and <c>eulerseq</c>.
/// Used where we add an element at an offset along another's own axes (tags) and where we perturb
/// frames (imprecision, through <see cref="MjcfFrames"/>).
/// </summary>
internal sealed class MjcfOrientation
{
    private readonly bool degrees;
    private readonly string eulerSequence;

    private MjcfOrientation(bool degrees, string eulerSequence)
    {
        this.degrees = degrees;
        this.eulerSequence = eulerSequence;
    }

    /// <summary>The document's angle unit (MuJoCo's default: degrees) and Euler sequence (default "xyz").</summary>
    public static MjcfOrientation For(XDocument document)
    {
        IEnumerable<XElement> compilers = document.Root?.Elements("compiler") ?? [];
        string angle = compilers.Select(compiler => (string?)compiler.Attribute("angle")).LastOrDefault(value => value is not null) ?? "degree";
        string sequence = compilers.Select(compiler => (string?)compiler.Attribute("eulerseq")).LastOrDefault(value => value is not null) ?? "xyz";
        return sequence.Length == 3
            ? new MjcfOrientation(angle != "radian", sequence)
            : throw new FormatException($"The compiler's eulerseq '{sequence}' is not three axes.");
    }

    /// <summary>The element's rotation relative to its parent (identity when it has no orientation attribute).</summary>
    /// <exception cref="FormatException">An orientation attribute is not a list of the right count of numbers, or is degenerate.</exception>
    public Rotation Read(XElement element)
    {
        if (element.Attribute("quat") is { } quat)
        {
            double[] q = Numbers(quat, 4);
            return Normalize(new Rotation(q[0], q[1], q[2], q[3]), quat);
        }

        if (element.Attribute("axisangle") is { } axisAngle)
        {
            double[] a = Numbers(axisAngle, 4);
            Vector3D axis = Unit(new Vector3D(a[0], a[1], a[2]), axisAngle);
            return Rotation.FromAxisAngle(axis, Angle(a[3]));
        }

        if (element.Attribute("xyaxes") is { } xyAxes)
        {
            double[] a = Numbers(xyAxes, 6);
            Vector3D x = Unit(new Vector3D(a[0], a[1], a[2]), xyAxes);
            Vector3D y = new(a[3], a[4], a[5]);
            y = Unit(y - (Vector3D.Dot(x, y) * x), xyAxes);
            return FromAxes(x, y, Vector3D.Cross(x, y));
        }

        if (element.Attribute("zaxis") is { } zAxis)
        {
            double[] a = Numbers(zAxis, 3);
            Vector3D z = Unit(new Vector3D(a[0], a[1], a[2]), zAxis);
            // MuJoCo's mjuu_z2quat: the shortest turn from +z, about +x when z points straight down.
            Vector3D axis = Vector3D.Cross(new Vector3D(0, 0, 1), z);
            double sine = axis.Length;
            axis = sine < 1e-10 ? new Vector3D(1, 0, 0) : (1 / sine) * axis;
            return Rotation.FromAxisAngle(axis, Math.Atan2(sine, z.Z));
        }

        if (element.Attribute("euler") is { } euler)
        {
            double[] angles = Numbers(euler, 3);
            Rotation result = Rotation.Identity;
            for (int i = 0; i < 3; i++)
            {
                char axisName = eulerSequence[i];
                Vector3D axis = char.ToLowerInvariant(axisName) switch
                {
                    'x' => new Vector3D(1, 0, 0),
                    'y' => new Vector3D(0, 1, 0),
                    'z' => new Vector3D(0, 0, 1),
                    _ => throw new FormatException($"The compiler's eulerseq '{eulerSequence}' may contain only x, y, z, X, Y, Z."),
                };
                Rotation turn = Rotation.FromAxisAngle(axis, Angle(angles[i]));
                // Lower case: about the moving axes (post-multiply); upper case: about the fixed axes.
                result = char.IsLower(axisName) ? result * turn : turn * result;
            }

            return result;
        }

        return Rotation.Identity;
    }

    /// <summary>The position attribute, or the origin.</summary>
    public static Vector3D ReadPosition(XElement element)
    {
        if (element.Attribute("pos") is not { } position)
        {
            return new Vector3D(0, 0, 0);
        }

        double[] p = Numbers(position, 3);
        return new Vector3D(p[0], p[1], p[2]);
    }

    /// <summary>The rotation whose columns are the given orthonormal axes.</summary>
    private static Rotation FromAxes(Vector3D x, Vector3D y, Vector3D z)
    {
        double trace = x.X + y.Y + z.Z;
        Rotation q;
        if (trace > 0)
        {
            double s = 2 * Math.Sqrt(1 + trace);
            q = new Rotation(s / 4, (y.Z - z.Y) / s, (z.X - x.Z) / s, (x.Y - y.X) / s);
        }
        else if (x.X > y.Y && x.X > z.Z)
        {
            double s = 2 * Math.Sqrt(1 + x.X - y.Y - z.Z);
            q = new Rotation((y.Z - z.Y) / s, s / 4, (y.X + x.Y) / s, (z.X + x.Z) / s);
        }
        else if (y.Y > z.Z)
        {
            double s = 2 * Math.Sqrt(1 - x.X + y.Y - z.Z);
            q = new Rotation((z.X - x.Z) / s, (y.X + x.Y) / s, s / 4, (z.Y + y.Z) / s);
        }
        else
        {
            double s = 2 * Math.Sqrt(1 - x.X - y.Y + z.Z);
            q = new Rotation((x.Y - y.X) / s, (z.X + x.Z) / s, (z.Y + y.Z) / s, s / 4);
        }

        double norm = Math.Sqrt((q.W * q.W) + (q.X * q.X) + (q.Y * q.Y) + (q.Z * q.Z));
        return new Rotation(q.W / norm, q.X / norm, q.Y / norm, q.Z / norm);
    }

    private double Angle(double value) => degrees ? value * Math.PI / 180 : value;

    private static Vector3D Unit(Vector3D v, XAttribute source)
    {
        double norm = v.Length;
        if (norm < 1e-14)
        {
            throw new FormatException($"{source.Name}=\"{source.Value}\" has a zero-length axis.");
        }

        return (1 / norm) * v;
    }

    private static Rotation Normalize(Rotation q, XAttribute source)
    {
        double norm = Math.Sqrt((q.W * q.W) + (q.X * q.X) + (q.Y * q.Y) + (q.Z * q.Z));
        if (norm < 1e-14)
        {
            throw new FormatException($"{source.Name}=\"{source.Value}\" is a zero quaternion.");
        }

        return new Rotation(q.W / norm, q.X / norm, q.Y / norm, q.Z / norm);
    }

    private static double[] Numbers(XAttribute attribute, int count)
    {
        string[] parts = attribute.Value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != count)
        {
            throw new FormatException($"{attribute.Name}=\"{attribute.Value}\" should have {count} numbers.");
        }

        return parts.Select(part => double.Parse(part, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray();
    }
}
