using RobotSdk.Policy.Manifest;
using RobotSdk.Policy.Onnx;
using RobotSdk.Policy.Remote;

namespace RobotSdk.Policy.Preprocessing;

/// <summary>
/// Turns RGB24 camera frames of one size into one image input of a policy: resized (bilinear,
/// bit-exact with Pillow, so with openpi's <c>resize_with_pad</c>) and, for
/// <see cref="ImageResize.WithPadding"/>, centered on black padding exactly where openpi puts it;
/// then laid out HWC or CHW as uint8, or as float32 mapped through the input's value range.
/// Everything is allocated by the constructor; <see cref="Process(ReadOnlySpan{byte}, Span{byte})"/>
/// and its float overload allocate nothing. Not thread-safe: one instance per camera and loop.
/// </summary>
public sealed class ImagePreprocessor
{
    private const int Channels = 3;

    private readonly BilinearResampler? resampler;
    private readonly byte[] resized;
    private readonly float[] values = new float[256];

    /// <summary>Prepares preprocessing of <paramref name="sourceWidth"/> × <paramref name="sourceHeight"/> frames for <paramref name="input"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is below 1.</exception>
    /// <exception cref="ArgumentException">The input is neither uint8 nor float32, or a float32 input has no value range.</exception>
    public ImagePreprocessor(int sourceWidth, int sourceHeight, ImageInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentOutOfRangeException.ThrowIfLessThan(sourceWidth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(sourceHeight, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(input.Width, 1, "input.Width");
        ArgumentOutOfRangeException.ThrowIfLessThan(input.Height, 1, "input.Height");
        if (input.ElementType is not (TensorElementType.UInt8 or TensorElementType.Float))
        {
            throw new ArgumentException($"Image input '{input.Name}' has element type {input.ElementType}; images are uint8 or float32.", nameof(input));
        }

        if (input.ElementType == TensorElementType.Float && input.ValueRange is null)
        {
            throw new ArgumentException($"Float32 image input '{input.Name}' needs a value range.", nameof(input));
        }

        SourceWidth = sourceWidth;
        SourceHeight = sourceHeight;
        Input = input;
        (ResizedWidth, ResizedHeight) = ResizedSize(sourceWidth, sourceHeight, input.Width, input.Height, input.Resize);

        // openpi centers with int((target - resized) / 2): the extra pixel of an odd margin goes to the right or bottom.
        PaddingLeft = (input.Width - ResizedWidth) / 2;
        PaddingTop = (input.Height - ResizedHeight) / 2;
        bool identity = ResizedWidth == sourceWidth && ResizedHeight == sourceHeight;
        resampler = identity ? null : new BilinearResampler(sourceWidth, sourceHeight, ResizedWidth, ResizedHeight);
        resized = identity ? [] : new byte[ResizedWidth * ResizedHeight * Channels];

        ImageValueRange range = input.ValueRange ?? new ImageValueRange(0, 255);
        for (int pixel = 0; pixel < values.Length; pixel++)
        {
            values[pixel] = (float)(range.Black + (pixel / 255.0 * (range.White - range.Black)));
        }
    }

    /// <summary>Width of the frames this instance takes.</summary>
    public int SourceWidth { get; }

    /// <summary>Height of the frames this instance takes.</summary>
    public int SourceHeight { get; }

    /// <summary>The image input it prepares.</summary>
    public ImageInput Input { get; }

    /// <summary>Width of the scaled frame inside the output (the output width unless padded left and right).</summary>
    public int ResizedWidth { get; }

    /// <summary>Height of the scaled frame inside the output.</summary>
    public int ResizedHeight { get; }

    /// <summary>Black columns left of the scaled frame.</summary>
    public int PaddingLeft { get; }

    /// <summary>Black rows above the scaled frame.</summary>
    public int PaddingTop { get; }

    /// <summary>Elements of the output: width × height × 3.</summary>
    public int OutputLength => Input.Width * Input.Height * Channels;

    /// <summary>
    /// The size a frame is scaled to before padding, computed as openpi does: the ratio is the larger
    /// of source / target per axis, and each side is the source side divided by it, truncated.
    /// A frame already at the target size is left alone.
    /// </summary>
    public static (int Width, int Height) ResizedSize(int sourceWidth, int sourceHeight, int targetWidth, int targetHeight, ImageResize resize)
    {
        if (resize == ImageResize.Stretch || (sourceWidth == targetWidth && sourceHeight == targetHeight))
        {
            return (targetWidth, targetHeight);
        }

        double ratio = Math.Max((double)sourceWidth / targetWidth, (double)sourceHeight / targetHeight);
        return ((int)(sourceWidth / ratio), (int)(sourceHeight / ratio));
    }

    /// <summary>Prepares a frame as uint8 pixels (the input's value range, if any, is not applied).</summary>
    /// <exception cref="ArgumentException">The frame is not RGB24 or not of this instance's size, or the destination is too short.</exception>
    public void Process(CameraFrame frame, Span<byte> destination)
    {
        CheckFrame(frame);
        Process(frame.Pixels.Span, destination);
    }

    /// <summary>Prepares a frame as float32 values mapped through the input's value range.</summary>
    /// <exception cref="ArgumentException">The frame is not RGB24 or not of this instance's size, or the destination is too short.</exception>
    public void Process(CameraFrame frame, Span<float> destination)
    {
        CheckFrame(frame);
        Process(frame.Pixels.Span, destination);
    }

    /// <summary>Prepares RGB24 pixels (rows top to bottom, no padding) as uint8 in the input's layout.</summary>
    /// <exception cref="ArgumentException">The pixel or destination span is too short.</exception>
    public void Process(ReadOnlySpan<byte> rgb, Span<byte> destination)
    {
        CheckDestination(destination.Length);
        ReadOnlySpan<byte> scaled = Scale(rgb);
        destination[..OutputLength].Clear();
        Emit(scaled, destination, default(ByteCopy));
    }

    /// <summary>Prepares RGB24 pixels as float32 in the input's layout, pixel p becoming black + p / 255 × (white − black) (0 to 255 for an input without a range).</summary>
    /// <exception cref="ArgumentException">The pixel or destination span is too short.</exception>
    public void Process(ReadOnlySpan<byte> rgb, Span<float> destination)
    {
        CheckDestination(destination.Length);
        ReadOnlySpan<byte> scaled = Scale(rgb);
        destination[..OutputLength].Fill(values[0]);
        Emit(scaled, destination, new FloatLookup(values));
    }

    private ReadOnlySpan<byte> Scale(ReadOnlySpan<byte> rgb)
    {
        int needed = SourceWidth * SourceHeight * Channels;
        if (rgb.Length < needed)
        {
            throw new ArgumentException($"A {SourceWidth}x{SourceHeight} RGB24 frame needs {needed} bytes, got {rgb.Length}.", nameof(rgb));
        }

        if (resampler is null)
        {
            return rgb[..needed];
        }

        resampler.Resize(rgb, resized);
        return resized;
    }

    // Copies the scaled frame into its place in the output, converting each byte; the padding was filled before.
    // The converter is a struct so the JIT specializes and inlines it per element type.
    private void Emit<T, TConverter>(ReadOnlySpan<byte> scaled, Span<T> destination, TConverter converter)
        where TConverter : struct, IPixelConverter<T>
    {
        int width = Input.Width;
        int plane = Input.Width * Input.Height;
        bool planar = Input.Layout == ImageLayout.ChannelsHeightWidth;
        for (int row = 0; row < ResizedHeight; row++)
        {
            ReadOnlySpan<byte> sourceRow = scaled.Slice(row * ResizedWidth * Channels, ResizedWidth * Channels);
            int pixelIndex = ((row + PaddingTop) * width) + PaddingLeft;
            if (planar)
            {
                for (int column = 0; column < ResizedWidth; column++)
                {
                    int target = pixelIndex + column;
                    destination[target] = converter.Convert(sourceRow[column * Channels]);
                    destination[plane + target] = converter.Convert(sourceRow[(column * Channels) + 1]);
                    destination[(2 * plane) + target] = converter.Convert(sourceRow[(column * Channels) + 2]);
                }
            }
            else
            {
                Span<T> targetRow = destination.Slice(pixelIndex * Channels, ResizedWidth * Channels);
                for (int sample = 0; sample < targetRow.Length; sample++)
                {
                    targetRow[sample] = converter.Convert(sourceRow[sample]);
                }
            }
        }
    }

    private void CheckDestination(int length)
    {
        if (length < OutputLength)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, $"Image input '{Input.Name}' needs a destination of {OutputLength} elements ({Input.Width}x{Input.Height}x3).");
        }
    }

    private void CheckFrame(CameraFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (frame.Format != PixelFormat.Rgb24)
        {
            throw new ArgumentException($"Image input '{Input.Name}' takes RGB24 frames, got {frame.Format}.", nameof(frame));
        }

        if (frame.Width != SourceWidth || frame.Height != SourceHeight)
        {
            throw new ArgumentException($"This preprocessor for image input '{Input.Name}' was made for {SourceWidth}x{SourceHeight} frames, got {frame.Width}x{frame.Height}.", nameof(frame));
        }
    }

    private interface IPixelConverter<out T>
    {
        T Convert(byte pixel);
    }

    private readonly struct ByteCopy : IPixelConverter<byte>
    {
        public byte Convert(byte pixel) => pixel;
    }

    private readonly struct FloatLookup(float[] table) : IPixelConverter<float>
    {
        public float Convert(byte pixel) => table[pixel];
    }
}
