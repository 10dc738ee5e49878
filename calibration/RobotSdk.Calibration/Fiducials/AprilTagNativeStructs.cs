using System.Runtime.InteropServices;

namespace RobotSdk.Calibration.Fiducials;

/// <summary><c>image_u8_t</c>: built over a pinned managed buffer, or read from <c>apriltag_to_image</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct NativeImageU8
{
    public int Width;
    public int Height;
    public int Stride;
    public byte* Buffer;
}

/// <summary>
/// <c>zarray_t</c>: its helpers are static inline in C, so the fields are read directly.
/// Detections come back as an array of <c>apriltag_detection_t*</c> (element size 8).
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct NativeZArray
{
    public nuint ElementSize;
    public int Size;
    public int Allocated;
    public byte* Data;
}

/// <summary>
/// The fields of <c>apriltag_detection_t</c> that RobotSdk reads (x86-64 offsets of 3.3.0). The
/// homography <c>H</c> at offset 24 is deliberately absent: <c>matd_t</c> changed layout upstream.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 112)]
internal unsafe struct NativeDetection
{
    [FieldOffset(0)]
    public nint Family;

    [FieldOffset(8)]
    public int Id;

    [FieldOffset(12)]
    public int Hamming;

    [FieldOffset(16)]
    public float DecisionMargin;

    [FieldOffset(32)]
    public fixed double Center[2];

    /// <summary><c>p[4][2]</c>, row-major: x0, y0, x1, y1, ...</summary>
    [FieldOffset(48)]
    public fixed double Corners[8];
}

/// <summary>The leading settings of <c>apriltag_detector_t</c>; the rest of the struct stays opaque.</summary>
[StructLayout(LayoutKind.Explicit)]
internal struct NativeDetectorSettings
{
    [FieldOffset(0)]
    public int ThreadCount;

    [FieldOffset(4)]
    public float QuadDecimate;

    [FieldOffset(8)]
    public float QuadSigma;

    /// <summary>C <c>bool</c>: one byte.</summary>
    [FieldOffset(12)]
    public byte RefineEdges;

    [FieldOffset(16)]
    public double DecodeSharpening;
}
