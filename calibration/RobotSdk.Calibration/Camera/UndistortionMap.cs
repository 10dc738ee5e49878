namespace RobotSdk.Calibration;

/// <summary>
/// A precomputed remapping from a distorted camera image to the image a distortion-free pinhole camera
/// would take: for every output pixel centre, the source position (the output ray pushed through the
/// source camera's distortion) as a top-left source index and bilinear weights in 1/256 pixel. Build it once per
/// intrinsics; <see cref="Apply"/> then only reads the table and writes the caller's buffer (no allocation,
/// integer arithmetic).
/// </summary>
public sealed class UndistortionMap
{
    /// <summary>Bilinear weights are fractions of this: 1/256 pixel of sub-pixel position.</summary>
    private const int WeightOne = 256;

    private readonly int[] sourceIndex;
    private readonly ushort[] weightX;
    private readonly ushort[] weightY;
    private readonly int sourceWidth;
    private readonly int sourceHeight;

    /// <summary>
    /// Creates the map from images of <paramref name="source"/> to images of <paramref name="target"/>
    /// (default: the same size, fx, fy, cx, cy with zero distortion).
    /// </summary>
    /// <param name="source">The real (distorted) camera.</param>
    /// <param name="target">The distortion-free camera to render; its distortion must be all zero.</param>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is null.</exception>
    /// <exception cref="ArgumentException">A camera is invalid (see <see cref="CameraModel"/>), smaller than 2 x 2, or the target has distortion.</exception>
    public UndistortionMap(CameraIntrinsics source, CameraIntrinsics? target = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        target ??= source with { Distortion = [0, 0, 0, 0, 0] };
        var sourceModel = new CameraModel(source);
        if (new CameraModel(target).HasDistortion)
        {
            throw new ArgumentException("The target camera must be distortion-free.", nameof(target));
        }

        if (source.Width < 2 || source.Height < 2 || target.Width < 1 || target.Height < 1)
        {
            throw new ArgumentException($"Images must be at least 2 x 2 (source {source.Width} x {source.Height}, target {target.Width} x {target.Height}).", nameof(source));
        }

        Source = source;
        Target = target;
        (sourceWidth, sourceHeight) = (source.Width, source.Height);
        int count = target.Width * target.Height;
        sourceIndex = new int[count];
        weightX = new ushort[count];
        weightY = new ushort[count];
        for (int v = 0; v < target.Height; v++)
        {
            for (int u = 0; u < target.Width; u++)
            {
                int i = (v * target.Width) + u;
                double x = (u + 0.5 - target.PrincipalPointX) / target.FocalLengthX;
                double y = (v + 0.5 - target.PrincipalPointY) / target.FocalLengthY;
                (double xd, double yd) = sourceModel.Distort(x, y);

                // Sample coordinates with pixel centres at integers, for bilinear interpolation.
                double sx = (source.FocalLengthX * xd) + source.PrincipalPointX - 0.5;
                double sy = (source.FocalLengthY * yd) + source.PrincipalPointY - 0.5;

                // Within the source image (its outer half pixel clamped to the edge pixels), else no sample.
                if (!(sx >= -0.5 && sx <= sourceWidth - 0.5 && sy >= -0.5 && sy <= sourceHeight - 0.5))
                {
                    sourceIndex[i] = -1;
                    continue;
                }

                sx = Math.Clamp(sx, 0, sourceWidth - 1);
                sy = Math.Clamp(sy, 0, sourceHeight - 1);
                int x0 = Math.Min((int)sx, sourceWidth - 2);
                int y0 = Math.Min((int)sy, sourceHeight - 2);
                int wx = (int)Math.Round((sx - x0) * WeightOne);
                int wy = (int)Math.Round((sy - y0) * WeightOne);

                // A whole-pixel weight is the next pixel at zero weight (the last column or row keeps it whole).
                if (wx == WeightOne && x0 < sourceWidth - 2)
                {
                    (x0, wx) = (x0 + 1, 0);
                }

                if (wy == WeightOne && y0 < sourceHeight - 2)
                {
                    (y0, wy) = (y0 + 1, 0);
                }

                sourceIndex[i] = (y0 * sourceWidth) + x0;
                weightX[i] = (ushort)wx;
                weightY[i] = (ushort)wy;
            }
        }
    }

    /// <summary>The distorted camera whose images go in.</summary>
    public CameraIntrinsics Source { get; }

    /// <summary>The distortion-free camera whose images come out.</summary>
    public CameraIntrinsics Target { get; }

    /// <summary>
    /// Writes the undistorted image of <paramref name="source"/> into <paramref name="destination"/>; both
    /// rows top to bottom without padding (<see cref="CameraFrame"/>'s layout), Gray8 or Rgb24. Output
    /// pixels whose ray leaves the source image get <paramref name="fill"/>. Allocation-free.
    /// </summary>
    /// <exception cref="ArgumentException">A buffer is not the size the map's cameras and the format need.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="format"/> is not a known format.</exception>
    public void Apply(ReadOnlySpan<byte> source, Span<byte> destination, PixelFormat format, byte fill = 0)
    {
        int channels = format switch
        {
            PixelFormat.Gray8 => 1,
            PixelFormat.Rgb24 => 3,
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Gray8 or Rgb24."),
        };
        if (source.Length != sourceWidth * sourceHeight * channels)
        {
            throw new ArgumentException($"Source holds {source.Length} bytes; a {sourceWidth} x {sourceHeight} {format} image needs {sourceWidth * sourceHeight * channels}.", nameof(source));
        }

        if (destination.Length != sourceIndex.Length * channels)
        {
            throw new ArgumentException($"Destination holds {destination.Length} bytes; a {Target.Width} x {Target.Height} {format} image needs {sourceIndex.Length * channels}.", nameof(destination));
        }

        int rowStep = sourceWidth * channels;
        for (int i = 0; i < sourceIndex.Length; i++)
        {
            int s = sourceIndex[i];
            int o = i * channels;
            if (s < 0)
            {
                destination.Slice(o, channels).Fill(fill);
                continue;
            }

            int wx = weightX[i], wy = weightY[i];
            int topLeft = s * channels;
            for (int c = 0; c < channels; c++)
            {
                int a = topLeft + c;
                int top = (source[a] * (WeightOne - wx)) + (source[a + channels] * wx);
                int bottom = (source[a + rowStep] * (WeightOne - wx)) + (source[a + rowStep + channels] * wx);
                destination[o + c] = (byte)(((top * (WeightOne - wy)) + (bottom * wy) + (WeightOne * WeightOne / 2)) >> 16);
            }
        }
    }
}
