using System.Globalization;

namespace RobotSdk.Simulation;

/// <summary>Settings of a <see cref="SimulatedCamera"/>.</summary>
public sealed class SimulatedCameraOptions
{
    /// <summary>The MJCF camera to render (a name in <see cref="MujocoModel.CameraNames"/>), for example <c>scene</c> or <c>wrist</c>.</summary>
    public string CameraName { get; set; } = string.Empty;

    /// <summary>
    /// The MJCF camera's vertical field of view in degrees (its <c>fovy</c>; MuJoCo's default is 45).
    /// The compiled model does not expose it, so it is given here, or read from the MJCF with
    /// <see cref="FromMjcf"/>. Range: (0, 180).
    /// </summary>
    public double FieldOfViewYDegrees { get; set; } = MjcfCameras.DefaultFieldOfViewYDegrees;

    /// <summary>Image width in pixels, 1..8192. Default 640.</summary>
    public int Width { get; set; } = 640;

    /// <summary>Image height in pixels, 1..8192. Default 480.</summary>
    public int Height { get; set; } = 480;

    /// <summary>Frames rendered per second on the camera's thread, (0, 1000]. Default 30.</summary>
    public double FramesPerSecond { get; set; } = 30;

    /// <summary>
    /// Preallocated pixel buffers used in turn, 2..64. Default 4: a handed-out frame's pixels stay
    /// intact until 3 newer frames have been rendered (100 ms at 30 fps).
    /// </summary>
    public int FrameBufferCount { get; set; } = 4;

    /// <summary>Options for <paramref name="cameraName"/> with its field of view read from <paramref name="mjcf"/> (for example <see cref="SimulationModels.ReadXml"/>).</summary>
    /// <exception cref="ArgumentException">The MJCF has no such camera, or is not XML.</exception>
    public static SimulatedCameraOptions FromMjcf(string mjcf, string cameraName) => new()
    {
        CameraName = cameraName,
        FieldOfViewYDegrees = MjcfCameras.ReadFieldOfViewYDegrees(mjcf, cameraName),
    };

    /// <summary>Checks every setting.</summary>
    /// <exception cref="ArgumentException">A setting is missing or out of range; the message names it.</exception>
    public void Validate()
    {
        if (string.IsNullOrEmpty(CameraName))
        {
            throw new ArgumentException($"{nameof(CameraName)} must name an MJCF camera.", nameof(CameraName));
        }

        Check(FieldOfViewYDegrees > 0 && FieldOfViewYDegrees < 180, nameof(FieldOfViewYDegrees), FieldOfViewYDegrees, "must be in (0, 180) degrees");
        Check(Width is >= 1 and <= 8192, nameof(Width), Width, "must be 1..8192 pixels");
        Check(Height is >= 1 and <= 8192, nameof(Height), Height, "must be 1..8192 pixels");
        Check(FramesPerSecond > 0 && FramesPerSecond <= 1000, nameof(FramesPerSecond), FramesPerSecond, "must be in (0, 1000]");
        Check(FrameBufferCount is >= 2 and <= 64, nameof(FrameBufferCount), FrameBufferCount, "must be 2..64");
    }

    internal SimulatedCameraOptions Clone() => (SimulatedCameraOptions)MemberwiseClone();

    private static void Check(bool valid, string name, double value, string rule)
    {
        if (!valid)
        {
            throw new ArgumentOutOfRangeException(name, value, string.Create(CultureInfo.InvariantCulture, $"{name} {rule}; it is {value}."));
        }
    }
}
