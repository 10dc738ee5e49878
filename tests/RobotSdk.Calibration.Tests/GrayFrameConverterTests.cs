using RobotSdk.Calibration.Fiducials;

namespace RobotSdk.Calibration.Tests;

public sealed class GrayFrameConverterTests
{
    [Theory]
    [InlineData(255, 255, 255, 255)]
    [InlineData(0, 0, 0, 0)]
    [InlineData(255, 0, 0, 77)]
    [InlineData(0, 255, 0, 149)]
    [InlineData(0, 0, 255, 29)]
    [InlineData(100, 150, 200, 141)]
    public void Convert_RgbPixel_GivesBt601Luma(byte red, byte green, byte blue, byte expected)
    {
        var converter = new GrayFrameConverter();

        ReadOnlyMemory<byte> gray = converter.Convert(new CameraFrame(1, 1, PixelFormat.Rgb24, new[] { red, green, blue }, 0, 0));

        Assert.Equal(expected, gray.Span[0]);
    }

    [Fact]
    public void Convert_ReusesItsBuffer_ForFramesOfTheSameSize()
    {
        var converter = new GrayFrameConverter();
        var frame = new CameraFrame(4, 2, PixelFormat.Rgb24, new byte[24], 0, 0);

        ReadOnlyMemory<byte> first = converter.Convert(frame);
        ReadOnlyMemory<byte> second = converter.Convert(frame);

        Assert.True(first.Span.Overlaps(second.Span));
        Assert.Equal(8, second.Length);
    }

    [Fact]
    public void Convert_GrayFrame_PassesItsPixelsThrough()
    {
        var pixels = new byte[] { 1, 2, 3, 4 };

        ReadOnlyMemory<byte> gray = new GrayFrameConverter().Convert(new CameraFrame(2, 2, PixelFormat.Gray8, pixels, 0, 0));

        Assert.True(gray.Span.Overlaps(pixels));
    }
}
