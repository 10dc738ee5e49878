namespace RobotSdk.Calibration.Fiducials;

/// <summary>
/// Turns camera frames into 8-bit grey for detection, reusing one buffer so a steady stream of frames
/// allocates nothing after the first. Grey frames pass through without a copy. Not thread-safe.
/// </summary>
public sealed class GrayFrameConverter
{
    private byte[] buffer = [];

    /// <summary>
    /// The frame's pixels as grey, rows top to bottom without padding (stride = width). The result
    /// of an RGB frame lives in this converter's buffer and is overwritten by the next call.
    /// </summary>
    /// <remarks>Luma with BT.601 weights in 8-bit fixed point: (77 R + 150 G + 29 B + 128) / 256.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="frame"/> is null.</exception>
    /// <exception cref="ArgumentException">The pixel count does not match the frame's size and format.</exception>
    public ReadOnlyMemory<byte> Convert(CameraFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        int pixels = checked(frame.Width * frame.Height);
        int bytesPerPixel = frame.Format switch
        {
            PixelFormat.Gray8 => 1,
            PixelFormat.Rgb24 => 3,
            _ => throw new ArgumentException($"Unsupported pixel format {frame.Format}.", nameof(frame)),
        };
        if (frame.Width <= 0 || frame.Height <= 0 || frame.Pixels.Length != pixels * bytesPerPixel)
        {
            throw new ArgumentException(
                $"A {frame.Width}x{frame.Height} {frame.Format} frame needs {pixels * bytesPerPixel} bytes but has {frame.Pixels.Length}.",
                nameof(frame));
        }

        if (frame.Format == PixelFormat.Gray8)
        {
            return frame.Pixels;
        }

        if (buffer.Length < pixels)
        {
            buffer = new byte[pixels];
        }

        ReadOnlySpan<byte> rgb = frame.Pixels.Span;
        Span<byte> gray = buffer.AsSpan(0, pixels);
        for (int i = 0; i < gray.Length; i++)
        {
            int j = 3 * i;
            gray[i] = (byte)(((77 * rgb[j]) + (150 * rgb[j + 1]) + (29 * rgb[j + 2]) + 128) >> 8);
        }

        return buffer.AsMemory(0, pixels);
    }
}
