using RobotSdk.Policy.Manifest;
using RobotSdk.Policy.Onnx;
using RobotSdk.Policy.Remote;

namespace RobotSdk.Policy.Tests.Preprocessing;

internal static class TestImages
{
    /// <summary>An RGB24 frame of smooth gradients plus noise, so every filter tap matters.</summary>
    public static byte[] Noisy(int width, int height, int seed)
    {
        var random = new Random(seed);
        var pixels = new byte[width * height * 3];
        for (int row = 0; row < height; row++)
        {
            for (int column = 0; column < width; column++)
            {
                int index = ((row * width) + column) * 3;
                pixels[index] = (byte)Math.Clamp((column * 255 / width) + random.Next(-40, 41), 0, 255);
                pixels[index + 1] = (byte)Math.Clamp((row * 255 / height) + random.Next(-40, 41), 0, 255);
                pixels[index + 2] = (byte)random.Next(256);
            }
        }

        return pixels;
    }

    public static ImageInput Input(int width, int height, ImageResize resize, ImageLayout layout) =>
        new("front", "observation/image", null, width, height, resize, layout, TensorElementType.UInt8, null);
}
