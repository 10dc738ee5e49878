using RobotSdk.Calibration.Fiducials;
using RobotSdk.Geometry;
using Xunit.Abstractions;

namespace RobotSdk.Calibration.Tests;

public sealed class UndistortionTests(ITestOutputHelper output)
{
    private static readonly CameraIntrinsics Distorted = IntrinsicsScenes.Camera;
    private static readonly CameraIntrinsics Ideal = Distorted with { Distortion = [0, 0, 0, 0, 0] };

    [Theory]
    [InlineData(-0.2, 0.05, 0.0, 0.0012, -0.0008)]
    [InlineData(-0.35, 0.12, -0.01, 0.002, 0.001)] // strong barrel, where fixed-point iteration slows down
    [InlineData(0.15, -0.02, 0.0, -0.001, 0.002)] // pincushion
    public void UndistortToPixel_InvertsDistortion_To1e9Pixels_OverTheWholeImage(double k1, double k2, double k3, double p1, double p2)
    {
        var camera = new CameraModel(Distorted with { Distortion = [k1, k2, k3, p1, p2] });
        double worst = 0;
        for (double u = 0; u <= 640; u += 16)
        {
            for (double v = 0; v <= 480; v += 16)
            {
                // An ideal pixel, pushed through the lens, then brought back.
                double x = (u - Distorted.PrincipalPointX) / Distorted.FocalLengthX;
                double y = (v - Distorted.PrincipalPointY) / Distorted.FocalLengthY;
                PixelPoint observed = camera.Project(new Vector3D(x, y, 1));

                PixelPoint back = PointUndistortion.UndistortToPixel(camera, observed);
                (double nx, double ny) = PointUndistortion.UndistortToNormalized(camera, observed);

                worst = Math.Max(worst, back.DistanceTo(new PixelPoint(u, v)));
                Assert.Equal(x, nx, 1e-11);
                Assert.Equal(y, ny, 1e-11);
            }
        }

        output.WriteLine(FormattableString.Invariant($"worst round trip {worst:0.0e0} px"));
        Assert.True(worst < 1e-9, $"worst round trip {worst} px");
    }

    [Fact]
    public void UndistortToPixels_FillsTheDestination_AndRefusesAMismatchedLength()
    {
        var camera = new CameraModel(Distorted);
        PixelPoint[] pixels = [new(10, 10), new(320, 240), new(630, 470)];
        var destination = new PixelPoint[3];

        PointUndistortion.UndistortToPixels(camera, pixels, destination);

        for (int i = 0; i < pixels.Length; i++)
        {
            Assert.Equal(PointUndistortion.UndistortToPixel(camera, pixels[i]), destination[i]);
        }

        Assert.Throws<ArgumentException>(() => PointUndistortion.UndistortToPixels(camera, pixels, new PixelPoint[2]));
    }

    [Fact]
    public void UndistortToNormalized_Refuses_BeyondTheFoldOfTheModel()
    {
        // With k1 = -0.5 the radial map x(1 - 0.5 r²) peaks at r² = 2/3: distorted radii beyond its peak have no preimage.
        var camera = new CameraModel(Ideal with { Distortion = [-0.5, 0, 0, 0, 0] });
        var beyond = new PixelPoint(Ideal.PrincipalPointX + (0.6 * Ideal.FocalLengthX), Ideal.PrincipalPointY);

        Assert.False(PointUndistortion.TryUndistortToNormalized(camera, beyond, out _, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => PointUndistortion.UndistortToNormalized(camera, beyond));
    }

    [Fact]
    public void UndistortionMap_TurnsARenderedDistortedBoard_IntoTheDistortionFreeImage()
    {
        Pose pose = IntrinsicsScenes.Views(1, seed: 11, marginPixels: 30)[0];
        SyntheticImage distorted = IntrinsicsScenes.Render(Distorted, pose);
        SyntheticImage ideal = IntrinsicsScenes.Render(Ideal, pose);
        var map = new UndistortionMap(Distorted);
        var undistorted = new byte[640 * 480];

        map.Apply(distorted.Pixels, undistorted, PixelFormat.Gray8);

        double before = MeanAbsoluteDifference(distorted.Pixels, ideal.Pixels);
        double after = MeanAbsoluteDifference(undistorted, ideal.Pixels);

        // Tag corners found in the undistorted image sit where the ideal pinhole camera projects them.
        using var detector = new AprilTagDetector();
        var idealCamera = new CameraModel(Ideal);
        var errors = new List<double>();
        foreach (AprilTagDetection detection in detector.Detect(undistorted, 640, 480, 640))
        {
            BoardTag tag = IntrinsicsScenes.Board.Tags.Single(t => t.Id == detection.Id);
            PixelPoint[] truth = TagScenes.TrueCorners(idealCamera, pose * tag.BoardFromTag, tag.SizeMetres);
            errors.AddRange(detection.Corners.Zip(truth, (a, b) => a.DistanceTo(b)));
        }

        double cornerRms = Math.Sqrt(errors.Average(e => e * e));
        output.WriteLine(FormattableString.Invariant($"mean |grey difference| to the ideal render: distorted {before:0.00}, undistorted {after:0.00}; {errors.Count} corners, RMS {cornerRms:0.000} px, worst {errors.Max():0.000} px"));
        Assert.True(after < before / 4, $"undistorted {after} vs distorted {before}");
        Assert.Equal(48, errors.Count);
        Assert.True(cornerRms < 0.2, $"corner RMS {cornerRms}");
    }

    [Fact]
    public void UndistortionMap_StraightensABarrelCurvedEdge()
    {
        // A long horizontal edge near the top of the frame: distortion bows it; after the map its rows lie on one line.
        var image = new byte[640 * 480];
        var camera = new CameraModel(Distorted);
        for (int v = 0; v < 480; v++)
        {
            for (int u = 0; u < 640; u++)
            {
                // Above the ideal line v = 80 is dark; the ray's ideal position decides (4 x 4 supersampling).
                int dark = 0;
                for (int s = 0; s < 16; s++)
                {
                    PixelPoint ideal = PointUndistortion.UndistortToPixel(camera, new PixelPoint(u + ((s % 4) + 0.5) / 4, v + ((s / 4) + 0.5) / 4));
                    dark += ideal.Y < 80 ? 1 : 0;
                }

                image[(v * 640) + u] = (byte)(220 - (190 * dark / 16));
            }
        }

        var undistorted = new byte[640 * 480];
        new UndistortionMap(Distorted).Apply(image, undistorted, PixelFormat.Gray8);

        double bowBefore = EdgeSpread(image, 20, 620);
        double bowAfter = EdgeSpread(undistorted, 60, 580);
        double meanAfter = EdgeMean(undistorted, 60, 580);
        output.WriteLine(FormattableString.Invariant($"edge row spread: distorted {bowBefore:0.000} px, undistorted {bowAfter:0.000} px (mean row {meanAfter:0.000}, ideal 80)"));

        // What remains is bilinear resampling of a one-pixel ramp at varying sub-pixel phase, not curvature.
        Assert.True(bowBefore > 8);
        Assert.True(bowAfter < 0.35, $"undistorted edge spread {bowAfter} px");
        Assert.Equal(80, meanAfter, 0.1);
    }

    [Fact]
    public void UndistortionMap_OfRgb24_ActsOnEachChannelLikeGray8()
    {
        SyntheticImage gray = IntrinsicsScenes.Render(Distorted, IntrinsicsScenes.Views(1, seed: 12)[0], samples: 4);
        var rgb = new byte[640 * 480 * 3];
        for (int i = 0; i < gray.Pixels.Length; i++)
        {
            (rgb[3 * i], rgb[(3 * i) + 1], rgb[(3 * i) + 2]) = (gray.Pixels[i], (byte)(255 - gray.Pixels[i]), (byte)(i % 251));
        }

        var map = new UndistortionMap(Distorted);
        var rgbOut = new byte[rgb.Length];
        map.Apply(rgb, rgbOut, PixelFormat.Rgb24, fill: 7);

        for (int c = 0; c < 3; c++)
        {
            byte[] plane = [.. Enumerable.Range(0, gray.Pixels.Length).Select(i => rgb[(3 * i) + c])];
            var planeOut = new byte[plane.Length];
            map.Apply(plane, planeOut, PixelFormat.Gray8, fill: 7);
            Assert.True(Enumerable.Range(0, plane.Length).All(i => planeOut[i] == rgbOut[(3 * i) + c]), $"channel {c} differs");
        }

    }

    [Fact]
    public void UndistortionMap_FillsPixelsWhoseRayMissesTheSensor()
    {
        // Pincushion distortion pushes the ideal image's corners outside the sensor; its centre stays.
        var pincushion = new CameraIntrinsics(64, 48, 40, 40, 32, 24) { Distortion = [0.3, 0, 0, 0, 0] };
        var image = new byte[64 * 48];
        Array.Fill(image, (byte)100);
        var result = new byte[image.Length];

        new UndistortionMap(pincushion).Apply(image, result, PixelFormat.Gray8, fill: 7);

        Assert.Equal(7, result[0]);
        Assert.Equal(100, result[(24 * 64) + 32]);
    }

    [Fact]
    public void UndistortionMap_WithoutDistortion_CopiesTheImageExactly()
    {
        var random = new Random(13);
        var image = new byte[64 * 48];
        random.NextBytes(image);
        var output = new byte[image.Length];

        new UndistortionMap(new CameraIntrinsics(64, 48, 60, 60, 32, 24)).Apply(image, output, PixelFormat.Gray8);

        Assert.Equal(image, output);
    }

    [Fact]
    public void UndistortionMap_RefusesWrongBuffers_AndADistortedTarget()
    {
        var map = new UndistortionMap(Distorted);

        Assert.Throws<ArgumentException>(() => map.Apply(new byte[640 * 480], new byte[640 * 480 * 3], PixelFormat.Rgb24));
        Assert.Throws<ArgumentException>(() => map.Apply(new byte[640 * 480], new byte[100], PixelFormat.Gray8));
        Assert.Throws<ArgumentOutOfRangeException>(() => map.Apply(new byte[640 * 480], new byte[640 * 480], (PixelFormat)9));
        Assert.Throws<ArgumentException>(() => new UndistortionMap(Distorted, Distorted));
    }

    private static double MeanAbsoluteDifference(byte[] a, byte[] b) => a.Zip(b, (x, y) => Math.Abs(x - y)).Average();

    /// <summary>Peak-to-peak of the sub-pixel edge row over columns u0..u1.</summary>
    private static double EdgeSpread(byte[] image, int u0, int u1) => EdgeRows(image, u0, u1).Max() - EdgeRows(image, u0, u1).Min();

    private static double EdgeMean(byte[] image, int u0, int u1) => EdgeRows(image, u0, u1).Average();

    /// <summary>The sub-pixel row where each column's grey first crosses the midpoint going down.</summary>
    private static IEnumerable<double> EdgeRows(byte[] image, int u0, int u1)
    {
        for (int u = u0; u < u1; u++)
        {
            for (int v = 1; v < 479; v++)
            {
                double above = image[((v - 1) * 640) + u], here = image[(v * 640) + u];
                if (above < 125 && here >= 125)
                {
                    // Pixel centres at v - 0.5 and v + 0.5: interpolate where the grey crosses 125.
                    yield return (v - 0.5) + ((125 - above) / (here - above));
                    break;
                }
            }
        }
    }
}
