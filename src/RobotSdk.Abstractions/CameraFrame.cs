namespace RobotSdk;

/// <summary>
/// One image from a camera. A camera may reuse a frame's pixel memory once enough newer frames
/// have arrived (each camera documents how many, for example FfmpegCamera's ring of buffers);
/// copy the pixels of a frame kept longer, and never use them after disposing the camera.
/// </summary>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
/// <param name="Format">Pixel layout.</param>
/// <param name="Pixels">Rows top to bottom, no padding.</param>
/// <param name="TimestampTicks">Monotonic capture time in <see cref="System.Diagnostics.Stopwatch"/> ticks.</param>
/// <param name="SequenceNumber">Frame counter from the camera, gaps mean dropped frames.</param>
public sealed record CameraFrame(int Width, int Height, PixelFormat Format, ReadOnlyMemory<byte> Pixels, long TimestampTicks, long SequenceNumber);
