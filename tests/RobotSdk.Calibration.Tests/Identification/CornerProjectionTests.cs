using RobotSdk.Calibration.Identification;
using RobotSdk.Geometry;

namespace RobotSdk.Calibration.Tests.Identification;

public sealed class CornerProjectionTests
{
    [Theory]
    [InlineData(0.0, 0.0, 1.0, 320.0, 240.0)]
    [InlineData(0.1, -0.05, 1.0, 378.0, 211.0)]
    [InlineData(0.2, 0.1, 2.0, 378.0, 269.0)]
    public void Project_IsPinhole_WithoutDistortion(double x, double y, double z, double u, double v)
    {
        var projection = new CornerProjection(new CameraIntrinsics(640, 480, 580, 580, 320, 240));

        Assert.True(projection.Project(new Vector3D(x, y, z), out PixelPoint pixel));

        Assert.Equal(u, pixel.X, 9);
        Assert.Equal(v, pixel.Y, 9);
    }

    [Fact]
    public void Project_AppliesBrownConradyDistortion()
    {
        // k1 = 0.1 at normalised (0.1, 0.2): r^2 = 0.05, radial 1.005; p1 = 0.01 adds 2 p1 x y = 0.0004 to x and p1 (r^2 + 2 y^2) = 0.0013 to y.
        var projection = new CornerProjection(new CameraIntrinsics(640, 480, 500, 500, 320, 240) { Distortion = [0.1, 0, 0, 0.01, 0] });

        Assert.True(projection.Project(new Vector3D(0.1, 0.2, 1), out PixelPoint pixel));

        Assert.Equal(320 + (500 * ((0.1 * 1.005) + 0.0004)), pixel.X, 9);
        Assert.Equal(240 + (500 * ((0.2 * 1.005) + 0.0013)), pixel.Y, 9);
    }

    [Fact]
    public void Normalize_InvertsProject()
    {
        var projection = new CornerProjection(SyntheticRig.Camera);
        Assert.True(projection.Project(new Vector3D(-0.15, 0.12, 0.6), out PixelPoint pixel));

        (double x, double y) = projection.Normalize(pixel);

        Assert.Equal(-0.25, x, 9);
        Assert.Equal(0.2, y, 9);
    }

    [Fact]
    public void Project_RefusesPointsBehindTheCamera()
    {
        var projection = new CornerProjection(SyntheticRig.Camera);

        Assert.False(projection.Project(new Vector3D(0, 0, -0.5), out _));
    }

    [Fact]
    public void TagCorner_ListsCornersAroundTheCentre()
    {
        Assert.Equal(new Vector3D(-0.02, -0.02, 0), CornerProjection.TagCorner(0, 0.04));
        Assert.Equal(new Vector3D(0.02, 0.02, 0), CornerProjection.TagCorner(2, 0.04));
        Assert.Throws<ArgumentOutOfRangeException>(() => CornerProjection.TagCorner(4, 0.04));
    }
}
