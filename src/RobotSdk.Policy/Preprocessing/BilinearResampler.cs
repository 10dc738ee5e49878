namespace RobotSdk.Policy.Preprocessing;

/// <summary>
/// Resizes interleaved 8-bit RGB images with the bilinear (triangle) filter the way Pillow's
/// <c>Image.resize(..., BILINEAR)</c> does, so images match what openpi's <c>resize_with_pad</c>
/// feeds the model bit for bit: a separable filter whose support widens with the downscale factor
/// (antialiasing), weights normalized per output pixel and rounded to 22-bit fixed point, a
/// horizontal pass first whose result is rounded to bytes, then a vertical pass.
/// All memory is allocated by the constructor; <see cref="Resize"/> allocates nothing.
/// </summary>
internal sealed class BilinearResampler
{
    private const int Channels = 3;

    // Pillow keeps 22 fractional bits for 8-bit images: 8 bits of pixel and 2 of headroom in an int.
    private const int PrecisionBits = 32 - 8 - 2;

    private readonly FilterTable? horizontal;
    private readonly FilterTable? vertical;
    private readonly byte[] intermediate;

    /// <summary>Prepares the filter tables for one source and one target size.</summary>
    public BilinearResampler(int sourceWidth, int sourceHeight, int targetWidth, int targetHeight)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sourceWidth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(sourceHeight, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(targetWidth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(targetHeight, 1);
        SourceWidth = sourceWidth;
        SourceHeight = sourceHeight;
        TargetWidth = targetWidth;
        TargetHeight = targetHeight;

        // Like Pillow, a pass whose size does not change is skipped.
        horizontal = sourceWidth != targetWidth ? new FilterTable(sourceWidth, targetWidth) : null;
        vertical = sourceHeight != targetHeight ? new FilterTable(sourceHeight, targetHeight) : null;
        intermediate = horizontal is not null && vertical is not null ? new byte[sourceHeight * targetWidth * Channels] : [];
    }

    public int SourceWidth { get; }

    public int SourceHeight { get; }

    public int TargetWidth { get; }

    public int TargetHeight { get; }

    /// <summary>Resizes <paramref name="source"/> (SourceHeight rows of SourceWidth RGB pixels) into <paramref name="destination"/> (TargetHeight × TargetWidth × 3).</summary>
    public void Resize(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (horizontal is null && vertical is null)
        {
            source[..(SourceWidth * SourceHeight * Channels)].CopyTo(destination);
        }
        else if (vertical is null)
        {
            ResizeRows(horizontal!, source, SourceHeight, destination);
        }
        else if (horizontal is null)
        {
            ResizeColumns(vertical, source, SourceWidth, destination);
        }
        else
        {
            ResizeRows(horizontal, source, SourceHeight, intermediate);
            ResizeColumns(vertical, intermediate, TargetWidth, destination);
        }
    }

    private static void ResizeRows(FilterTable table, ReadOnlySpan<byte> source, int rows, Span<byte> destination)
    {
        int sourceStride = table.SourceSize * Channels;
        int targetStride = table.TargetSize * Channels;
        for (int row = 0; row < rows; row++)
        {
            ReadOnlySpan<byte> sourceRow = source.Slice(row * sourceStride, sourceStride);
            Span<byte> targetRow = destination.Slice(row * targetStride, targetStride);
            for (int column = 0; column < table.TargetSize; column++)
            {
                int first = table.First[column];
                ReadOnlySpan<int> weights = table.WeightsOf(column);
                int red = 1 << (PrecisionBits - 1);
                int green = red;
                int blue = red;
                for (int tap = 0; tap < weights.Length; tap++)
                {
                    int pixel = (first + tap) * Channels;
                    int weight = weights[tap];
                    red += sourceRow[pixel] * weight;
                    green += sourceRow[pixel + 1] * weight;
                    blue += sourceRow[pixel + 2] * weight;
                }

                int target = column * Channels;
                targetRow[target] = ToByte(red);
                targetRow[target + 1] = ToByte(green);
                targetRow[target + 2] = ToByte(blue);
            }
        }
    }

    private static void ResizeColumns(FilterTable table, ReadOnlySpan<byte> source, int width, Span<byte> destination)
    {
        int stride = width * Channels;
        for (int row = 0; row < table.TargetSize; row++)
        {
            int first = table.First[row];
            ReadOnlySpan<int> weights = table.WeightsOf(row);
            Span<byte> targetRow = destination.Slice(row * stride, stride);
            for (int sample = 0; sample < stride; sample++)
            {
                int sum = 1 << (PrecisionBits - 1);
                for (int tap = 0; tap < weights.Length; tap++)
                {
                    sum += source[((first + tap) * stride) + sample] * weights[tap];
                }

                targetRow[sample] = ToByte(sum);
            }
        }
    }

    // Drops the fraction (an arithmetic shift, so negative sums floor) and clamps to a byte.
    private static byte ToByte(int sum) => (byte)Math.Clamp(sum >> PrecisionBits, 0, 255);

    /// <summary>Per output pixel, the first source pixel it reads and its fixed-point weights.</summary>
    private sealed class FilterTable
    {
        private readonly int[] weights;
        private readonly int[] counts;
        private readonly int kernelSize;

        public FilterTable(int sourceSize, int targetSize)
        {
            SourceSize = sourceSize;
            TargetSize = targetSize;
            First = new int[targetSize];
            counts = new int[targetSize];

            // The triangle filter has support 1; when shrinking, it is stretched by the scale so every source pixel contributes.
            double scale = (double)sourceSize / targetSize;
            double filterScale = Math.Max(scale, 1.0);
            double support = filterScale;
            double inverseFilterScale = 1.0 / filterScale;
            kernelSize = ((int)Math.Ceiling(support) * 2) + 1;
            weights = new int[targetSize * kernelSize];
            var exact = new double[kernelSize];
            for (int output = 0; output < targetSize; output++)
            {
                double center = (output + 0.5) * scale;
                int first = Math.Max((int)(center - support + 0.5), 0);
                int end = Math.Min((int)(center + support + 0.5), sourceSize);
                int count = end - first;
                double total = 0.0;
                for (int tap = 0; tap < count; tap++)
                {
                    double weight = Triangle((tap + first - center + 0.5) * inverseFilterScale);
                    exact[tap] = weight;
                    total += weight;
                }

                for (int tap = 0; tap < count; tap++)
                {
                    double normalized = total != 0.0 ? exact[tap] / total : exact[tap];

                    // Rounded half away from zero, as Pillow converts its weights.
                    double scaled = normalized * (1 << PrecisionBits);
                    weights[(output * kernelSize) + tap] = (int)(normalized < 0 ? scaled - 0.5 : scaled + 0.5);
                }

                First[output] = first;
                counts[output] = count;
            }
        }

        public int SourceSize { get; }

        public int TargetSize { get; }

        public int[] First { get; }

        public ReadOnlySpan<int> WeightsOf(int output) => weights.AsSpan(output * kernelSize, counts[output]);

        private static double Triangle(double x)
        {
            x = Math.Abs(x);
            return x < 1.0 ? 1.0 - x : 0.0;
        }
    }
}
