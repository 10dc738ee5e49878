using RobotSdk.Policy.Manifest;
using RobotSdk.Policy.Onnx;
using RobotSdk.Policy.Preprocessing;
using RobotSdk.Policy.Remote;

namespace RobotSdk.Policy.Tests.Preprocessing;

/// <summary>Steady-state preprocessing allocates nothing: measured in bytes, never in time.</summary>
public sealed class PreprocessingAllocationTests
{
    [Theory]
    [InlineData(640, 480, ImageLayout.ChannelsHeightWidth)]
    [InlineData(480, 640, ImageLayout.HeightWidthChannels)]
    [InlineData(224, 224, ImageLayout.ChannelsHeightWidth)]
    public void ImagePreprocessing_AllocatesNothingPerFrame(int width, int height, ImageLayout layout)
    {
        ImageInput bytes = TestImages.Input(224, 224, ImageResize.WithPadding, layout);
        ImageInput floats = bytes with { ElementType = TensorElementType.Float, ValueRange = new ImageValueRange(-1, 1) };
        var bytePreprocessor = new ImagePreprocessor(width, height, bytes);
        var floatPreprocessor = new ImagePreprocessor(width, height, floats);
        var frame = new CameraFrame(width, height, PixelFormat.Rgb24, TestImages.Noisy(width, height, seed: 1), 0, 0);
        var byteOutput = new byte[bytePreprocessor.OutputLength];
        var floatOutput = new float[floatPreprocessor.OutputLength];
        bytePreprocessor.Process(frame, byteOutput);
        floatPreprocessor.Process(frame, floatOutput);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int iteration = 0; iteration < 20; iteration++)
        {
            bytePreprocessor.Process(frame, byteOutput);
            floatPreprocessor.Process(frame, floatOutput);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Contains(byteOutput, value => value != 0);
    }

    [Fact]
    public void Normalization_AllocatesNothingPerCall()
    {
        var normalizer = new Normalizer(new NormalizationStatistics(NormalizationMethod.Quantile, null, null, [-1, 0, 1], [1, 2, 3]));
        float[] state = [0.5f, 1f, 2f];
        var normalized = new float[3];
        float[] chunk = new float[50 * 32];
        var padded = new float[32];
        normalizer.Normalize(state, normalized);
        normalizer.DenormalizeChunk(chunk, 32, chunk);
        StatePadding.PadWithZeros(normalized, padded);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int iteration = 0; iteration < 100; iteration++)
        {
            normalizer.Normalize(state, normalized);
            StatePadding.PadWithZeros(normalized, padded);
            normalizer.DenormalizeChunk(chunk, 32, chunk);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }
}
