using RobotSdk.Calibration.Fiducials;
using RobotSdk.Geometry;

namespace RobotSdk.Calibration.Tests;

public sealed class AprilTagCornerRefinerTests
{
    private static readonly CameraModel Camera = new(SyntheticImage.Vga);

    [Fact]
    public void Refine_PullsCornersThatAreOffByAFractionOfAPixel_OntoTheTrueEdges()
    {
        Pose truth = TagScenes.TagPose(0.4, 0.02, -0.01, 15, -20, 35);
        SyntheticImage image = TagScenes.Render(AprilTagFamily.Tag36h11, 12, truth, 0, 0);
        PixelPoint[] exact = TagScenes.TrueCorners(Camera, truth);
        PixelPoint[] off = exact.Select((p, k) => new PixelPoint(p.X + (k % 2 == 0 ? 0.3 : -0.25), p.Y + (k < 2 ? -0.3 : 0.2))).ToArray();

        PixelPoint[]? refined = AprilTagCornerRefiner.Refine(image.Pixels, image.Width, image.Height, image.Width, off, 8);

        Assert.NotNull(refined);
        Assert.True(TagScenes.CornerRms(refined, exact) < 0.05, $"refined corner RMS {TagScenes.CornerRms(refined, exact)}");
    }

    [Fact]
    public void Refine_GivesUp_WhenTheEdgesHaveNoContrast()
    {
        var image = new SyntheticImage(SyntheticImage.Vga);
        PixelPoint[] square = [new(300, 260), new(340, 260), new(340, 220), new(300, 220)];

        Assert.Null(AprilTagCornerRefiner.Refine(image.Pixels, image.Width, image.Height, image.Width, square, 8));
    }
}
