using System.Diagnostics;
using System.Globalization;

namespace RobotSdk.Simulation.Tests;

/// <summary>
/// Debian's AprilTag detector (python3-apriltag over libapriltag3) run by /usr/bin/python3 on a PNG:
/// the real detector as a peer, not our own code. Its corners come straight from apriltag's p[],
/// whose pixel centres are at +0.5 (a synthetic tag with its black border edge at x = 70 is found at
/// 69.8..70.1), the same convention as <see cref="CameraIntrinsics"/>, so they need no shift.
/// </summary>
internal static class AprilTagDetectorPeer
{
    private const string Script = """
        import sys, cv2, apriltag
        image = cv2.imread(sys.argv[1], cv2.IMREAD_GRAYSCALE)
        for d in apriltag.apriltag('tag36h11', maxhamming=0).detect(image):
            print(d['id'], d['hamming'], *('%.6f %.6f' % (x, y) for x, y in d['lb-rb-rt-lt']))
        """;

    public static IReadOnlyList<DetectedTag> Detect(string pngPath)
    {
        var startInfo = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        startInfo.ArgumentList.Add("-c");
        startInfo.ArgumentList.Add(Script);
        startInfo.ArgumentList.Add(pngPath);
        using Process process = Process.Start(startInfo)!;
        Task<string> errors = process.StandardError.ReadToEndAsync();
        string text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"the python3-apriltag peer failed ({process.ExitCode}): {errors.Result}");
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Parse).ToArray();
    }

    private static DetectedTag Parse(string line)
    {
        double[] n = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(part => double.Parse(part, CultureInfo.InvariantCulture)).ToArray();
        return new DetectedTag((int)n[0], (int)n[1], [(n[2], n[3]), (n[4], n[5]), (n[6], n[7]), (n[8], n[9])]);
    }
}
