using RobotSdk.Geometry;

namespace RobotSdk.Calibration.Tests;

public sealed class CameraModelTests
{
    private static readonly CameraIntrinsics Distorted = SyntheticImage.Vga with { Distortion = [-0.28, 0.09, -0.01, 0.001, -0.0015] };

    [Fact]
    public void Project_PointOnTheOpticalAxis_LandsOnThePrincipalPoint()
    {
        var camera = new CameraModel(Distorted);

        PixelPoint pixel = camera.Project(new Vector3D(0, 0, 0.5));

        Assert.Equal(320, pixel.X, 12);
        Assert.Equal(240, pixel.Y, 12);
    }

    [Fact]
    public void Project_AppliesRadialAndTangentialTerms_InTheRecordsOrder()
    {
        // k1 only: x' = x (1 + k1 r^2); then p1 only: y' = y + p1 (r^2 + 2 y^2).
        var radial = new CameraModel(SyntheticImage.Vga with { Distortion = [0.1, 0, 0, 0, 0] });
        var tangential = new CameraModel(SyntheticImage.Vga with { Distortion = [0, 0, 0, 0.01, 0] });
        var point = new Vector3D(0.2, 0.1, 1.0);

        Assert.Equal(320 + (580 * 0.2 * (1 + (0.1 * 0.05))), radial.Project(point).X, 9);
        Assert.Equal(240 + (580 * (0.1 + (0.01 * (0.05 + 0.02)))), tangential.Project(point).Y, 9);
    }

    [Theory]
    [InlineData(10.0, 10.0)]
    [InlineData(320.5, 240.5)]
    [InlineData(600.0, 30.0)]
    [InlineData(630.0, 470.0)]
    public void Normalize_InvertsProject_WithDistortion(double u, double v)
    {
        var camera = new CameraModel(Distorted);

        (double x, double y) = camera.Normalize(new PixelPoint(u, v));
        PixelPoint back = camera.Project(new Vector3D(x, y, 1));

        Assert.True(back.DistanceTo(new PixelPoint(u, v)) < 1e-9, $"round trip gave {back}");
    }

    [Fact]
    public void TryProject_RefusesPointsNotInFrontOfTheCamera()
    {
        var camera = new CameraModel(Distorted);
        Span<double> jacobian = stackalloc double[6];

        Assert.False(camera.TryProject(new Vector3D(0, 0, -0.5), out _));
        Assert.False(camera.TryProject(new Vector3D(0.1, 0, 0), out _, jacobian));
        Assert.True(camera.TryProject(new Vector3D(0.1, -0.05, 0.4), out PixelPoint pixel));
        Assert.Equal(camera.Project(new Vector3D(0.1, -0.05, 0.4)), pixel);
    }

    [Theory]
    [InlineData(0.0, 0.0, 0.5)]
    [InlineData(0.12, -0.08, 0.45)]
    [InlineData(-0.2, 0.15, 0.6)]
    [InlineData(0.3, 0.22, 0.5)]
    public void TryProject_AnalyticJacobian_AgreesWithCentralDifferences(double x, double y, double z)
    {
        var camera = new CameraModel(Distorted);
        var point = new Vector3D(x, y, z);
        var analytic = new double[6];

        Assert.True(camera.TryProject(point, out PixelPoint pixel, analytic));

        Assert.Equal(camera.Project(point), pixel);
        const double h = 1e-7;
        Vector3D[] steps = [new(h, 0, 0), new(0, h, 0), new(0, 0, h)];
        for (int axis = 0; axis < 3; axis++)
        {
            PixelPoint plus = camera.Project(point + steps[axis]);
            PixelPoint minus = camera.Project(point - steps[axis]);
            Assert.Equal((plus.X - minus.X) / (2 * h), analytic[axis], 4);
            Assert.Equal((plus.Y - minus.Y) / (2 * h), analytic[3 + axis], 4);
        }
    }

    [Fact]
    public void Constructor_RejectsADistortionListThatIsNotFiveNumbers()
    {
        var exception = Assert.Throws<ArgumentException>(() => new CameraModel(SyntheticImage.Vga with { Distortion = [0.1, 0.2] }));

        Assert.Contains("k1, k2, k3, p1, p2", exception.Message);
    }
}
