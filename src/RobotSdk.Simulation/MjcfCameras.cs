using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace RobotSdk.Simulation;

/// <summary>
/// Camera facts read from MJCF text that a compiled <see cref="MujocoModel"/> does not expose, and
/// the pinhole intrinsics MuJoCo's renderer implies.
/// </summary>
public static class MjcfCameras
{
    /// <summary>MuJoCo's <c>fovy</c> when neither the camera nor a default class sets one, degrees.</summary>
    public const double DefaultFieldOfViewYDegrees = 45;

    /// <summary>
    /// The vertical field of view of the camera named <paramref name="cameraName"/>, degrees: its own
    /// <c>fovy</c>, else its default class's (<c>class</c>, else the nearest ancestor body's
    /// <c>childclass</c>, else <c>main</c>, each inheriting from its parent class), else 45.
    /// </summary>
    /// <exception cref="ArgumentException">The text is not XML, or has no camera of that name.</exception>
    public static double ReadFieldOfViewYDegrees(string mjcf, string cameraName)
    {
        ArgumentException.ThrowIfNullOrEmpty(mjcf);
        ArgumentException.ThrowIfNullOrEmpty(cameraName);
        XDocument document;
        try
        {
            document = XDocument.Parse(mjcf);
        }
        catch (XmlException exception)
        {
            throw new ArgumentException($"The MJCF is not well-formed XML: {exception.Message}", nameof(mjcf), exception);
        }

        XElement camera = document.Descendants("camera").FirstOrDefault(element => (string?)element.Attribute("name") == cameraName)
            ?? throw new ArgumentException($"The MJCF has no camera named '{cameraName}'.", nameof(cameraName));
        if (camera.Attribute("fovy") is { } own)
        {
            return Parse(own.Value);
        }

        string className = (string?)camera.Attribute("class")
            ?? camera.Ancestors("body").Select(body => (string?)body.Attribute("childclass")).FirstOrDefault(name => name is not null)
            ?? "main";
        for (XElement? defaults = FindDefault(document, className); defaults is not null; defaults = defaults.Parent is { Name.LocalName: "default" } parent ? parent : null)
        {
            if (defaults.Element("camera")?.Attribute("fovy") is { } inherited)
            {
                return Parse(inherited.Value);
            }
        }

        return DefaultFieldOfViewYDegrees;
    }

    /// <summary>
    /// The intrinsics of a <paramref name="width"/> x <paramref name="height"/> render by MuJoCo's
    /// OpenGL camera of vertical field of view <paramref name="fieldOfViewYDegrees"/>:
    /// fy = (H/2) / tan(fovy/2), fx = fy (square pixels), cx = W/2, cy = H/2, in the
    /// <see cref="CameraIntrinsics"/> convention (pixel (0,0) covers 0..1, x right, y down) and
    /// no distortion.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive, or the field of view is not in (0, 180).</exception>
    public static CameraIntrinsics ComputeIntrinsics(int width, int height, double fieldOfViewYDegrees)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if (!(fieldOfViewYDegrees > 0 && fieldOfViewYDegrees < 180))
        {
            throw new ArgumentOutOfRangeException(nameof(fieldOfViewYDegrees), fieldOfViewYDegrees, "The field of view must be in (0, 180) degrees.");
        }

        double focal = height / 2.0 / Math.Tan(fieldOfViewYDegrees * Math.PI / 360.0);
        return new CameraIntrinsics(width, height, focal, focal, width / 2.0, height / 2.0);
    }

    private static XElement? FindDefault(XDocument document, string className)
    {
        IEnumerable<XElement> defaults = document.Descendants("default");
        return defaults.FirstOrDefault(element => (string?)element.Attribute("class") == className)
            ?? (className == "main" ? defaults.FirstOrDefault(element => element.Parent?.Name.LocalName == "mujoco") : null);
    }

    private static double Parse(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double degrees)
            ? degrees
            : throw new ArgumentException($"The camera's fovy '{value}' is not a number.");
}
