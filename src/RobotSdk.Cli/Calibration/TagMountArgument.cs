using System.Globalization;
using RobotSdk.Calibration.Identification;
using RobotSdk.Geometry;

namespace RobotSdk.Cli.Calibration;

/// <summary>
/// <c>--tag-mount X,Y,Z,ROLL,PITCH,YAW</c> and <c>--tag-mount-sigma MM,DEG</c>: the gripper tag's pose
/// from its holder's drawing, in the last joint's frame (metres; degrees, roll-pitch-yaw about fixed
/// axes as in URDF), and how far to trust it.
/// </summary>
internal static class TagMountArgument
{
    /// <summary>A printed holder's typical accuracy: 1 mm and 2 degrees.</summary>
    public const string DefaultSigma = "1,2";

    /// <summary>The prior the two arguments describe.</summary>
    /// <exception cref="FormatException">Either argument is malformed; the message names it and shows the expected form.</exception>
    public static TagMountPrior Parse(string mount, string sigma)
    {
        double[] pose = Numbers(mount, 6, "--tag-mount", "X,Y,Z,ROLL,PITCH,YAW (metres and degrees, for example 0.02,0,0.05,0,-90,0)");
        double[] spread = Numbers(sigma, 2, "--tag-mount-sigma", "MM,DEG (for example 1,2)");
        if (!(spread[0] > 0 && spread[1] > 0))
        {
            throw new FormatException($"--tag-mount-sigma: both figures must be positive; got '{sigma}'.");
        }

        var tag = new Pose(
            new Vector3D(pose[0], pose[1], pose[2]),
            Rotation.FromRollPitchYaw(double.DegreesToRadians(pose[3]), double.DegreesToRadians(pose[4]), double.DegreesToRadians(pose[5])));
        return new TagMountPrior(tag, spread[0] / 1000, spread[1]);
    }

    private static double[] Numbers(string text, int count, string option, string form)
    {
        string[] parts = text.Split(',', StringSplitOptions.TrimEntries);
        var numbers = new double[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[i]) || !double.IsFinite(numbers[i]))
            {
                throw new FormatException($"{option}: '{parts[i]}' is not a number; give {form}.");
            }
        }

        return parts.Length == count ? numbers : throw new FormatException($"{option}: {parts.Length} figure(s) in '{text}'; give {form}.");
    }
}
