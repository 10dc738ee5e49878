namespace RobotSdk.Calibration.Fiducials;

/// <summary>
/// Finds AprilTags in 8-bit grey images with the native libapriltag 3 (Debian's libapriltag3),
/// reading the caller's pixels in place (pinned, never copied). Corners come back in RobotSdk's
/// pixel convention (centres at +0.5), which is also libapriltag's own (see the project README), and
/// are re-measured on the full image unless <see cref="AprilTagDetectorOptions.RefineCorners"/> is off.
/// </summary>
/// <remarks>
/// One native detector per instance. Calls to <c>Detect</c> on one instance are serialized (the native
/// detector keeps per-call state); use one detector per thread for parallel detection.
/// </remarks>
public sealed unsafe class AprilTagDetector : IDisposable
{
    /// <summary>
    /// Added to libapriltag's corner and centre coordinates to express them in RobotSdk's convention.
    /// Measured on rendered tags: libapriltag already puts pixel centres at +0.5.
    /// </summary>
    internal const double NativeToRobotSdkPixelOffset = 0.0;

    /// <summary>Smallest image side, after decimation, handed to libapriltag.</summary>
    private const double MinimumDecimatedSize = 8;

    private readonly AprilTagNativeLibrary library;
    private readonly SafeAprilTagDetectorHandle detector;
    private readonly List<SafeAprilTagFamilyHandle> families = [];
    private readonly GrayFrameConverter converter = new();
    private readonly Lock gate = new();

    /// <summary>Creates a detector for the families and settings of <paramref name="options"/>.</summary>
    /// <param name="options">Settings; null for the defaults (tag36h11, decimate 2).</param>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    /// <exception cref="AprilTagUnavailableException">The native library cannot be loaded.</exception>
    public AprilTagDetector(AprilTagDetectorOptions? options = null)
    {
        options ??= new AprilTagDetectorOptions();
        options.Validate();
        Options = options;
        library = AprilTagNativeLibrary.Load(options.LibraryPath);
        detector = SafeAprilTagDetectorHandle.Create(library);
        try
        {
            foreach (AprilTagFamily family in options.Families)
            {
                SafeAprilTagFamilyHandle handle = SafeAprilTagFamilyHandle.Create(library, family);
                families.Add(handle);
                detector.AddFamily(handle, options.MaxHammingBits);
            }

            NativeDetectorSettings* settings = detector.Settings;
            settings->ThreadCount = options.Threads;
            settings->QuadDecimate = options.Decimate;
            settings->QuadSigma = options.Sigma;
            settings->RefineEdges = options.RefineEdges ? (byte)1 : (byte)0;
            settings->DecodeSharpening = options.DecodeSharpening;
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The settings this detector was created with; changing them afterwards has no effect.</summary>
    public AprilTagDetectorOptions Options { get; }

    /// <summary>Finds tags in a grey image held by the caller.</summary>
    /// <param name="pixels">8-bit grey, rows top to bottom, <paramref name="stride"/> bytes apart.</param>
    /// <param name="width">Width in pixels (1 or more).</param>
    /// <param name="height">Height in pixels (1 or more).</param>
    /// <param name="stride">Bytes from one row to the next (at least <paramref name="width"/>).</param>
    /// <returns>The decoded tags, in libapriltag's order; empty when there are none or the image is under 8 pixels across after decimation.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive or the stride is smaller than the width.</exception>
    /// <exception cref="ArgumentException">The buffer is too small for the size and stride.</exception>
    /// <exception cref="ObjectDisposedException">The detector was disposed.</exception>
    public IReadOnlyList<AprilTagDetection> Detect(ReadOnlySpan<byte> pixels, int width, int height, int stride)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if (stride < width)
        {
            throw new ArgumentOutOfRangeException(nameof(stride), stride, $"The stride must be at least the width ({width}).");
        }

        long needed = ((long)(height - 1) * stride) + width;
        if (pixels.Length < needed)
        {
            throw new ArgumentException(
                $"A {width}x{height} grey image with a stride of {stride} bytes needs at least {needed} bytes but the buffer has {pixels.Length}.",
                nameof(pixels));
        }

        ObjectDisposedException.ThrowIf(detector.IsClosed, this);

        // libapriltag 3.3 aborts (buffer overflow) or never returns on images a few pixels across after
        // decimation (measured: 4x4 at decimate 2 aborts, 3x3 hangs); no tag fits in them anyway.
        if (width / Options.Decimate < MinimumDecimatedSize || height / Options.Decimate < MinimumDecimatedSize)
        {
            return [];
        }

        lock (gate)
        {
            bool added = false;
            detector.DangerousAddRef(ref added);
            try
            {
                fixed (byte* buffer = pixels)
                {
                    var image = new NativeImageU8 { Width = width, Height = height, Stride = stride, Buffer = buffer };
                    NativeZArray* found = library.DetectorDetect(detector.DangerousGetHandle(), &image);
                    try
                    {
                        return Read(found, pixels, width, height, stride);
                    }
                    finally
                    {
                        library.DetectionsDestroy(found);
                    }
                }
            }
            finally
            {
                detector.DangerousRelease();
            }
        }
    }

    /// <summary>Finds tags in a camera frame (grey, or RGB converted into a buffer this detector reuses).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="frame"/> is null.</exception>
    /// <exception cref="ArgumentException">The frame's pixel count does not match its size.</exception>
    /// <exception cref="ObjectDisposedException">The detector was disposed.</exception>
    public IReadOnlyList<AprilTagDetection> Detect(CameraFrame frame)
    {
        lock (gate)
        {
            ReadOnlyMemory<byte> gray = converter.Convert(frame);
            return Detect(gray.Span, frame.Width, frame.Height, frame.Width);
        }
    }

    /// <summary>Frees the native detector and families.</summary>
    public void Dispose()
    {
        detector.Dispose();
        foreach (SafeAprilTagFamilyHandle family in families)
        {
            family.Dispose();
        }
    }

    private static PixelPoint Point(double x, double y) =>
        new(x + NativeToRobotSdkPixelOffset, y + NativeToRobotSdkPixelOffset);

    private AprilTagDetection[] Read(NativeZArray* found, ReadOnlySpan<byte> pixels, int width, int height, int stride)
    {
        if (found == null || found->Size == 0)
        {
            return [];
        }

        var result = new AprilTagDetection[found->Size];
        var pointers = (NativeDetection**)found->Data;
        for (int i = 0; i < result.Length; i++)
        {
            NativeDetection* native = pointers[i];
            var corners = new PixelPoint[4];
            for (int k = 0; k < 4; k++)
            {
                corners[k] = Point(native->Corners[2 * k], native->Corners[(2 * k) + 1]);
            }

            AprilTagFamily family = FamilyOf(native->Family);
            PixelPoint centre = Point(native->Center[0], native->Center[1]);
            PixelPoint[]? refined = Options.RefineCorners
                ? AprilTagCornerRefiner.Refine(pixels, width, height, stride, corners, AprilTagFamilyInfo.BorderWidthCells(family))
                : null;
            if (refined is not null)
            {
                // The tag centre projects to where the quad's diagonals cross.
                corners = refined;
                centre = DiagonalsCrossing(corners);
            }

            result[i] = new AprilTagDetection(family, native->Id, native->Hamming, native->DecisionMargin, centre, corners);
        }

        return result;
    }

    private static PixelPoint DiagonalsCrossing(PixelPoint[] c)
    {
        double d1x = c[2].X - c[0].X, d1y = c[2].Y - c[0].Y, d2x = c[3].X - c[1].X, d2y = c[3].Y - c[1].Y;
        double det = (d1x * d2y) - (d1y * d2x);
        double t = (((c[1].X - c[0].X) * d2y) - ((c[1].Y - c[0].Y) * d2x)) / det;
        return new PixelPoint(c[0].X + (t * d1x), c[0].Y + (t * d1y));
    }

    private AprilTagFamily FamilyOf(nint family)
    {
        foreach (SafeAprilTagFamilyHandle handle in families)
        {
            if (handle.DangerousGetHandle() == family)
            {
                return handle.Family;
            }
        }

        throw new InvalidOperationException("libapriltag returned a detection of a family this detector did not add.");
    }
}
