using RobotSdk.Calibration.Fiducials;
using RobotSdk.Geometry;

namespace RobotSdk.Calibration.Tests;

/// <summary>
/// A grey image of white paper with tags drawn under a known pose through a <see cref="CameraModel"/>
/// (pinhole, with the intrinsics' distortion), anti-aliased by box-filter supersampling (64 samples a pixel). Continuous pixel coordinates follow
/// RobotSdk's convention: pixel (u, v) covers u..u+1, v..v+1, its centre is (u + 0.5, v + 0.5).
/// </summary>
internal sealed class SyntheticImage
{
    public const byte Paper = 220;
    public const byte Ink = 30;

    private readonly CameraModel model;

    public SyntheticImage(CameraIntrinsics intrinsics)
    {
        Intrinsics = intrinsics;
        model = new CameraModel(intrinsics);
        Pixels = new byte[intrinsics.Width * intrinsics.Height];
        Array.Fill(Pixels, Paper);
    }

    /// <summary>The 640x480 camera of the acceptance figures: fx = fy = 580, principal point at the image centre.</summary>
    public static CameraIntrinsics Vga => new(640, 480, 580, 580, 320, 240);

    public CameraIntrinsics Intrinsics { get; }

    public byte[] Pixels { get; }

    public int Width => Intrinsics.Width;

    public int Height => Intrinsics.Height;

    /// <summary>Draws <paramref name="bitmap"/> so that its border square is <paramref name="tagSizeMetres"/> wide at <paramref name="cameraFromTag"/>.</summary>
    public void DrawTag(AprilTagBitmap bitmap, double tagSizeMetres, Pose cameraFromTag, int samples = 64)
    {
        double cell = tagSizeMetres / AprilTagFamilyInfo.BorderWidthCells(bitmap.Family);
        double half = bitmap.SizeCells / 2.0;

        // Normalized image point ~ [r1 r2 t] (X, Y, 1): invert that homography to map each sample's ray (lens
        // distortion removed by the camera model, as a real lens bends it) back onto the tag plane.
        Vector3D r1 = cameraFromTag.Orientation.Rotate(new Vector3D(1, 0, 0));
        Vector3D r2 = cameraFromTag.Orientation.Rotate(new Vector3D(0, 1, 0));
        Vector3D t = cameraFromTag.Position;
        double[,] inverse = Invert(new[,] { { r1.X, r2.X, t.X }, { r1.Y, r2.Y, t.Y }, { r1.Z, r2.Z, t.Z } });

        // Bounding box of the whole bitmap in the image (its edges sampled, as distortion curves them), plus a margin.
        double minU = double.MaxValue, minV = double.MaxValue, maxU = double.MinValue, maxV = double.MinValue;
        for (int k = 0; k <= 40; k++)
        {
            double along = ((k / 20.0) - 1) * half * cell;
            foreach ((double bx, double by) in new[] { (along, -half * cell), (along, half * cell), (-half * cell, along), (half * cell, along) })
            {
                PixelPoint p = model.Project(cameraFromTag.Transform(new Vector3D(bx, by, 0)));
                (minU, maxU, minV, maxV) = (Math.Min(minU, p.X), Math.Max(maxU, p.X), Math.Min(minV, p.Y), Math.Max(maxV, p.Y));
            }
        }

        int u0 = Math.Max(0, (int)Math.Floor(minU) - 2), u1 = Math.Min(Width - 1, (int)Math.Ceiling(maxU) + 2);
        int v0 = Math.Max(0, (int)Math.Floor(minV) - 2), v1 = Math.Min(Height - 1, (int)Math.Ceiling(maxV) + 2);
        // Sub-sample k sits at ((k + 0.5) / n, frac((k + 0.5) * golden ratio)): every sample has its own x and y,
        // so an edge parallel to an image axis is covered in steps of 1/n pixel, not 1/sqrt(n) as on a square grid.
        int n = samples;
        var offsets = new (double X, double Y)[n];
        for (int k = 0; k < n; k++)
        {
            double y = (k + 0.5) * 0.6180339887498949;
            offsets[k] = ((k + 0.5) / n, y - Math.Floor(y));
        }

        for (int v = v0; v <= v1; v++)
        {
            for (int u = u0; u <= u1; u++)
            {
                double sum = 0;
                byte existing = Pixels[(v * Width) + u];
                foreach ((double ox, double oy) in offsets)
                {
                    (double rx, double ry) = model.Normalize(new PixelPoint(u + ox, v + oy));
                    double w = (inverse[2, 0] * rx) + (inverse[2, 1] * ry) + inverse[2, 2];
                    double x = ((inverse[0, 0] * rx) + (inverse[0, 1] * ry) + inverse[0, 2]) / w;
                    double y = ((inverse[1, 0] * rx) + (inverse[1, 1] * ry) + inverse[1, 2]) / w;
                    int column = (int)Math.Floor((x / cell) + half);
                    int row = (int)Math.Floor((y / cell) + half);
                    bool inside = column >= 0 && column < bitmap.SizeCells && row >= 0 && row < bitmap.SizeCells;
                    sum += inside ? (bitmap[row, column] == 0 ? Ink : Paper) : existing;
                }

                Pixels[(v * Width) + u] = (byte)Math.Round(sum / n);
            }
        }
    }

    /// <summary>Adds seeded Gaussian noise of <paramref name="sigma"/> grey levels, clamped to 0..255.</summary>
    public void AddNoise(double sigma, int seed)
    {
        var random = new Random(seed);
        for (int i = 0; i < Pixels.Length; i++)
        {
            double u1 = 1.0 - random.NextDouble();
            double u2 = random.NextDouble();
            double gaussian = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
            Pixels[i] = (byte)Math.Clamp(Math.Round(Pixels[i] + (sigma * gaussian)), 0, 255);
        }
    }

    private static double[,] Invert(double[,] m)
    {
        double a = m[0, 0], b = m[0, 1], c = m[0, 2], d = m[1, 0], e = m[1, 1], f = m[1, 2], g = m[2, 0], hh = m[2, 1], i = m[2, 2];
        double det = (a * ((e * i) - (f * hh))) - (b * ((d * i) - (f * g))) + (c * ((d * hh) - (e * g)));
        return new[,]
        {
            { ((e * i) - (f * hh)) / det, ((c * hh) - (b * i)) / det, ((b * f) - (c * e)) / det },
            { ((f * g) - (d * i)) / det, ((a * i) - (c * g)) / det, ((c * d) - (a * f)) / det },
            { ((d * hh) - (e * g)) / det, ((b * g) - (a * hh)) / det, ((a * e) - (b * d)) / det },
        };
    }
}
