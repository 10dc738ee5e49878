namespace RobotSdk;

/// <summary>Layout of a camera frame's bytes.</summary>
public enum PixelFormat
{
    /// <summary>8-bit red, green, blue per pixel, rows top to bottom.</summary>
    Rgb24,

    /// <summary>8-bit grey per pixel.</summary>
    Gray8,
}
