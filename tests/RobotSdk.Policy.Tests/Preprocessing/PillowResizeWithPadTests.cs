using RobotSdk.Policy.Manifest;
using RobotSdk.Policy.Onnx;
using RobotSdk.Policy.Preprocessing;
using RobotSdk.Policy.Remote;
using RobotSdk.Testing;
using Xunit.Abstractions;

namespace RobotSdk.Policy.Tests.Preprocessing;

/// <summary>
/// Compares <see cref="ImagePreprocessor"/> with Pillow 9.4 (Debian python3-pil) doing what
/// openpi's <c>image_tools.resize_with_pad</c> does: PIL bilinear resize to the fitted size, pasted
/// centered on a black canvas. The peer script below is written from openpi's documented
/// behaviour (REFERENCE section 6), not copied.
/// </summary>
public sealed class PillowResizeWithPadTests(ITestOutputHelper output) : IDisposable
{
    private const string PeerScript = """
        import sys
        import numpy as np
        from PIL import Image
        source, width, height, target_width, target_height, mode, result = sys.argv[1:8]
        width, height, target_width, target_height = int(width), int(height), int(target_width), int(target_height)
        pixels = np.fromfile(source, dtype=np.uint8).reshape(height, width, 3)
        image = Image.fromarray(pixels)
        if (width, height) == (target_width, target_height):
            out = image
        elif mode == "stretch":
            out = image.resize((target_width, target_height), resample=Image.BILINEAR)
        else:
            ratio = max(width / target_width, height / target_height)
            fitted = image.resize((int(width / ratio), int(height / ratio)), resample=Image.BILINEAR)
            out = Image.new(fitted.mode, (target_width, target_height), 0)
            out.paste(fitted, (max(0, int((target_width - fitted.size[0]) / 2)), max(0, int((target_height - fitted.size[1]) / 2))))
        np.asarray(out, dtype=np.uint8).tofile(result)
        """;

    private readonly string directory = Directory.CreateTempSubdirectory("robotsdk-resize-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Theory]
    [InlineData(640, 480)]
    [InlineData(480, 640)]
    [InlineData(224, 224)]
    [InlineData(100, 50)]
    [InlineData(1280, 720)]
    [InlineData(227, 225)]
    [InlineData(50, 100)]
    public async Task ResizeWithPad_MatchesPillowBitForBit(int width, int height)
    {
        byte[] frame = TestImages.Noisy(width, height, seed: width * 31 + height);
        byte[] expected = await PillowAsync(frame, width, height, 224, 224, "resize-with-pad");
        var preprocessor = new ImagePreprocessor(width, height, TestImages.Input(224, 224, ImageResize.WithPadding, ImageLayout.HeightWidthChannels));
        var actual = new byte[preprocessor.OutputLength];

        preprocessor.Process(frame, actual);

        int maximum = MaximumDifference(expected, actual);
        output.WriteLine($"{width}x{height} -> 224x224 resize-with-pad: max abs difference to Pillow {maximum}, fitted {preprocessor.ResizedWidth}x{preprocessor.ResizedHeight} at ({preprocessor.PaddingLeft}, {preprocessor.PaddingTop})");
        Assert.Equal(0, maximum);
    }

    [Theory]
    [InlineData(640, 480, 224, 224)]
    [InlineData(100, 50, 160, 120)]
    [InlineData(224, 300, 224, 224)]
    [InlineData(300, 224, 224, 224)]
    [InlineData(64, 48, 224, 224)]
    public async Task Stretch_MatchesPillowBitForBit(int width, int height, int targetWidth, int targetHeight)
    {
        byte[] frame = TestImages.Noisy(width, height, seed: 7);
        byte[] expected = await PillowAsync(frame, width, height, targetWidth, targetHeight, "stretch");
        var preprocessor = new ImagePreprocessor(width, height, TestImages.Input(targetWidth, targetHeight, ImageResize.Stretch, ImageLayout.HeightWidthChannels));
        var actual = new byte[preprocessor.OutputLength];

        preprocessor.Process(frame, actual);

        int maximum = MaximumDifference(expected, actual);
        output.WriteLine($"{width}x{height} -> {targetWidth}x{targetHeight} stretch: max abs difference to Pillow {maximum}");
        Assert.Equal(0, maximum);
    }

    [Fact]
    public async Task ChannelsFirstFloat_IsPillowsImageTransposedAndScaledToMinusOneOne()
    {
        const int width = 640;
        const int height = 480;
        byte[] frame = TestImages.Noisy(width, height, seed: 3);
        byte[] interleaved = await PillowAsync(frame, width, height, 224, 224, "resize-with-pad");
        ImageInput input = TestImages.Input(224, 224, ImageResize.WithPadding, ImageLayout.ChannelsHeightWidth) with
        {
            ElementType = TensorElementType.Float,
            ValueRange = new ImageValueRange(-1, 1),
        };
        var preprocessor = new ImagePreprocessor(width, height, input);
        var planar = new float[preprocessor.OutputLength];
        planar.AsSpan().Fill(float.NaN);

        preprocessor.Process(new CameraFrame(width, height, PixelFormat.Rgb24, frame, 0, 0), planar);

        const int plane = 224 * 224;
        for (int pixel = 0; pixel < plane; pixel++)
        {
            for (int channel = 0; channel < 3; channel++)
            {
                float expected = (float)((interleaved[(pixel * 3) + channel] / 255.0 * 2.0) - 1.0);
                Assert.Equal(expected, planar[(channel * plane) + pixel]);
            }
        }

        // The 224x168 picture sits 28 rows down; the rows above it are black, which is -1.
        Assert.Equal(-1f, planar[0]);
        Assert.Equal(-1f, planar[(2 * plane) + (27 * 224) + 100]);
    }

    private async Task<byte[]> PillowAsync(byte[] frame, int width, int height, int targetWidth, int targetHeight, string mode)
    {
        string source = Path.Combine(directory, "source.rgb");
        string result = Path.Combine(directory, "result.rgb");
        await File.WriteAllBytesAsync(source, frame);
        await DebianPython.RunAsync(PeerScript, source, $"{width}", $"{height}", $"{targetWidth}", $"{targetHeight}", mode, result);
        byte[] expected = await File.ReadAllBytesAsync(result);
        Assert.Equal(targetWidth * targetHeight * 3, expected.Length);
        return expected;
    }

    private static int MaximumDifference(byte[] expected, byte[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        int maximum = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            maximum = Math.Max(maximum, Math.Abs(expected[i] - actual[i]));
        }

        return maximum;
    }
}
