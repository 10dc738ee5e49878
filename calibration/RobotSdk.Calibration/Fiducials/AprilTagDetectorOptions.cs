namespace RobotSdk.Calibration.Fiducials;

/// <summary>Settings of an <see cref="AprilTagDetector"/>, checked when it is created.</summary>
public sealed class AprilTagDetectorOptions
{
    /// <summary>
    /// What kinematic calibration uses: quad search at full resolution (decimation 1), because
    /// decimating by 2 loses gripper tags of 20-25 pixels, which far scene cameras give (about 12 ms
    /// instead of 4.5 ms per 640x480 frame; docs/benchmarks.md).
    /// </summary>
    public static AprilTagDetectorOptions ForCalibration() => new() { Decimate = 1 };

    /// <summary>Families to look for; at least one, each once. Default: tag36h11.</summary>
    public IReadOnlyList<AprilTagFamily> Families { get; set; } = [AprilTagFamily.Tag36h11];

    /// <summary>
    /// Quad detection on an image decimated by this factor (1 or more; default 2): faster, slightly
    /// less range for small tags. Corners are refined at full resolution when <see cref="RefineEdges"/> is on.
    /// </summary>
    public float Decimate { get; set; } = 2.0f;

    /// <summary>Gaussian blur sigma in pixels before quad detection (0 or more; default 0). About 0.8 helps noisy images.</summary>
    public float Sigma { get; set; }

    /// <summary>Snap quad edges to strong gradients at full resolution (default on; keep it on for sub-pixel corners).</summary>
    public bool RefineEdges { get; set; } = true;

    /// <summary>
    /// Re-measure each tag's four border edges on the full-resolution image in C# and intersect them
    /// (default on): halves libapriltag's corner error on the tests' rendered tags (0.085 to 0.039 px RMS)
    /// and removes its bias on edges parallel to the pixel grid. Off gives libapriltag's corners as they are.
    /// </summary>
    public bool RefineCorners { get; set; } = true;

    /// <summary>Worker threads of the native detector (1 to 64; default 1).</summary>
    public int Threads { get; set; } = 1;

    /// <summary>
    /// Bit errors a decode may correct (0 to 3; default 2). libapriltag builds a lookup table whose
    /// size grows steeply with this number, and more correction means more false positives.
    /// </summary>
    public int MaxHammingBits { get; set; } = 2;

    /// <summary>Sharpening of the decoded bit samples (0 or more; libapriltag's default 0.25).</summary>
    public double DecodeSharpening { get; set; } = 0.25;

    /// <summary>
    /// The native library to load: a soname resolved by the dynamic loader (default
    /// <c>libapriltag.so.3</c>, Debian's libapriltag3) or a path to a build of AprilTag 3.3.
    /// </summary>
    public string LibraryPath { get; set; } = AprilTagNativeLibrary.DefaultPath;

    /// <summary>Throws when a setting is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A number is out of its range.</exception>
    /// <exception cref="ArgumentException">No family, a repeated family, or an empty library path.</exception>
    public void Validate()
    {
        if (Families is null || Families.Count == 0)
        {
            throw new ArgumentException("At least one AprilTag family is required.", nameof(Families));
        }

        if (Families.Distinct().Count() != Families.Count)
        {
            throw new ArgumentException("Each AprilTag family may be listed once.", nameof(Families));
        }

        foreach (AprilTagFamily family in Families)
        {
            if (!Enum.IsDefined(family))
            {
                throw new ArgumentOutOfRangeException(nameof(Families), family, "Unknown AprilTag family.");
            }
        }

        if (!(Decimate >= 1.0f) || float.IsInfinity(Decimate))
        {
            throw new ArgumentOutOfRangeException(nameof(Decimate), Decimate, "Decimate must be a finite number of 1 or more.");
        }

        if (!(Sigma >= 0.0f) || float.IsInfinity(Sigma))
        {
            throw new ArgumentOutOfRangeException(nameof(Sigma), Sigma, "Sigma must be a finite number of 0 or more.");
        }

        if (Threads is < 1 or > 64)
        {
            throw new ArgumentOutOfRangeException(nameof(Threads), Threads, "Threads must be 1 to 64.");
        }

        if (MaxHammingBits is < 0 or > 3)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxHammingBits), MaxHammingBits, "MaxHammingBits must be 0 to 3.");
        }

        if (!(DecodeSharpening >= 0.0) || double.IsInfinity(DecodeSharpening))
        {
            throw new ArgumentOutOfRangeException(nameof(DecodeSharpening), DecodeSharpening, "DecodeSharpening must be a finite number of 0 or more.");
        }

        if (string.IsNullOrWhiteSpace(LibraryPath))
        {
            throw new ArgumentException("LibraryPath must name the AprilTag library (default libapriltag.so.3).", nameof(LibraryPath));
        }
    }
}
