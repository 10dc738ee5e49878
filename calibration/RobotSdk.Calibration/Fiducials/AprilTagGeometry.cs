using RobotSdk.Geometry;

namespace RobotSdk.Calibration.Fiducials;

/// <summary>
/// The tag frame: origin at the tag centre, +x along the bitmap's columns (right), +y along its rows
/// (down), +z into the tag (away from a viewer who reads it), so a camera (x right, y down, z forward)
/// looking at an upright tag head-on sees it with the identity rotation. This is libapriltag's own
/// frame; the corner order below was confirmed with the real detector on rendered tags.
/// </summary>
public static class AprilTagGeometry
{
    /// <summary>Corners of a tag: 4, in the order of <see cref="Corners(double)"/>.</summary>
    public const int CornerCount = 4;

    /// <summary>
    /// The border-square corners in the tag frame, in the order of <see cref="AprilTagDetection.Corners"/>:
    /// (-s,+s), (+s,+s), (+s,-s), (-s,-s) with s = <paramref name="tagSizeMetres"/> / 2, z = 0.
    /// </summary>
    /// <param name="tagSizeMetres">Edge of the black border square (not of the whole printed bitmap), in metres.</param>
    /// <exception cref="ArgumentOutOfRangeException">The size is not positive.</exception>
    public static Vector3D[] Corners(double tagSizeMetres)
    {
        if (!(tagSizeMetres > 0) || double.IsInfinity(tagSizeMetres))
        {
            throw new ArgumentOutOfRangeException(nameof(tagSizeMetres), tagSizeMetres, "The tag size must be a positive number of metres.");
        }

        double s = tagSizeMetres / 2;
        return [new(-s, s, 0), new(s, s, 0), new(s, -s, 0), new(-s, -s, 0)];
    }
}
