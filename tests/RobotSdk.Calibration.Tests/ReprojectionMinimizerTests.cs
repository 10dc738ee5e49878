using RobotSdk.Calibration.Fiducials;
using RobotSdk.Geometry;

namespace RobotSdk.Calibration.Tests;

public sealed class ReprojectionMinimizerTests
{
    [Fact]
    public void Jacobian_AgreesWithCentralDifferences_WithDistortion()
    {
        var camera = new CameraModel(SyntheticImage.Vga with { Distortion = [-0.28, 0.09, -0.01, 0.001, -0.0015] });
        Pose truth = TagScenes.TagPose(0.4, 0.05, -0.03, 25, -15, 40);
        Vector3D[] corners = AprilTagGeometry.Corners(TagScenes.TagSize);
        PixelPoint[] observed = TagScenes.TrueCorners(camera, truth);
        var problem = new ReprojectionMinimizer(camera, TagScenes.TagPose(0.42, 0.04, -0.02, 20, -10, 35), corners, observed);
        double[] at = [0.01, -0.02, 0.015, 0.003, -0.002, 0.004];
        var analytic = new double[problem.ResidualCount * 6];
        var plus = new double[problem.ResidualCount];
        var minus = new double[problem.ResidualCount];

        // The analytic columns are exact at δ = 0, where Commit leaves the parameters.
        problem.Commit(at);
        problem.Jacobian(new double[6], analytic);
        const double h = 1e-7;
        for (int column = 0; column < 6; column++)
        {
            var step = new double[6];
            step[column] = h;
            problem.Residuals(step, plus);
            step[column] = -h;
            problem.Residuals(step, minus);
            for (int row = 0; row < problem.ResidualCount; row++)
            {
                double numeric = (plus[row] - minus[row]) / (2 * h);
                Assert.True(Math.Abs(numeric - analytic[(row * 6) + column]) <= 1e-4 * (1 + Math.Abs(numeric)), $"row {row}, column {column}: analytic {analytic[(row * 6) + column]}, numeric {numeric}");
            }
        }
    }
}
