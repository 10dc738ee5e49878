using System.Diagnostics;
using System.Globalization;
using RobotSdk.Calibration.Fiducials;
using RobotSdk.Geometry;
using RobotSdk.Testing;

namespace RobotSdk.Calibration.Tests;

/// <summary>
/// An independent binding of the same detector: Debian's python3-apriltag module (run by
/// <c>/usr/bin/python3</c>) reads the same rendered image and must report the same ids and corners.
/// </summary>
public sealed class PythonAprilTagPeerTests
{
    private const string Script = """
        import sys, numpy, apriltag
        image = numpy.fromfile(sys.argv[1], dtype=numpy.uint8).reshape(int(sys.argv[3]), int(sys.argv[2]))
        detector = apriltag.apriltag("tag36h11", threads=1, maxhamming=2, decimate=2.0, blur=0.0, refine_edges=True)
        for d in detector.detect(image):
            corners = " ".join("%.6f %.6f" % (x, y) for x, y in d["lb-rb-rt-lt"])
            print("tag %d %s" % (d["id"], corners))
        """;

    [Fact]
    public async Task PythonApriltag_FindsTheSameIdsAndCorners_AsTheBinding()
    {
        var image = new SyntheticImage(SyntheticImage.Vga);
        image.DrawTag(AprilTagBitmap.Create(AprilTagFamily.Tag36h11, 21), TagScenes.TagSize, TagScenes.TagPose(0.35, -0.05, 0.01, 15, 25, 30));
        image.DrawTag(AprilTagBitmap.Create(AprilTagFamily.Tag36h11, 300), TagScenes.TagSize, TagScenes.TagPose(0.5, 0.07, -0.03, -20, 10, 200));
        image.AddNoise(3, seed: 9);
        using var detector = new AprilTagDetector(new AprilTagDetectorOptions { MaxHammingBits = 2, Decimate = 2, RefineCorners = false });
        var ours = detector.Detect(image.Pixels, image.Width, image.Height, image.Width).OrderBy(d => d.Id).ToArray();
        string path = Path.Combine(Path.GetTempPath(), $"robotsdk-apriltag-{Environment.ProcessId}-{Guid.NewGuid():N}.gray");
        await File.WriteAllBytesAsync(path, image.Pixels);
        try
        {
            (int exitCode, string output) = await RunPythonAsync(path, image.Width, image.Height);

            Assert.True(exitCode == 0, $"python3-apriltag failed ({exitCode}): {output}");
            var theirs = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(line => line.StartsWith("tag ", StringComparison.Ordinal))
                .Select(Parse)
                .OrderBy(t => t.Id)
                .ToArray();
            Assert.Equal(new[] { 21, 300 }, ours.Select(d => d.Id));
            Assert.Equal(ours.Select(d => d.Id), theirs.Select(t => t.Id));
            for (int i = 0; i < ours.Length; i++)
            {
                for (int k = 0; k < 4; k++)
                {
                    // Both report libapriltag's coordinates, which already follow RobotSdk's +0.5 convention.
                    var peer = new PixelPoint(theirs[i].Corners[k].X + AprilTagDetector.NativeToRobotSdkPixelOffset, theirs[i].Corners[k].Y + AprilTagDetector.NativeToRobotSdkPixelOffset);
                    Assert.True(ours[i].Corners[k].DistanceTo(peer) <= 0.01, $"tag {ours[i].Id} corner {k}: {ours[i].Corners[k]} vs python {peer}");
                }
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static (int Id, PixelPoint[] Corners) Parse(string line)
    {
        double[] numbers = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        return ((int)numbers[0], Enumerable.Range(0, 4).Select(k => new PixelPoint(numbers[1 + (2 * k)], numbers[2 + (2 * k)])).ToArray());
    }

    private static async Task<(int ExitCode, string Output)> RunPythonAsync(string path, int width, int height)
    {
        (int exitCode, string output, string errors) = await DebianPython.RunScriptAsync(
            Script, [path, width.ToString(CultureInfo.InvariantCulture), height.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(60));
        return (exitCode, output + errors);
    }
}
