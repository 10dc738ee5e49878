using RobotSdk.Policy.Manifest;
using RobotSdk.Policy.Onnx;

namespace RobotSdk.Policy.Runner;

/// <summary>One preprocessed camera image of a <see cref="PolicyObservation"/>, in the layout and type its <see cref="ImageInput"/> asks for.</summary>
public sealed class ObservationImage
{
    /// <summary>Allocates the buffer: bytes for a uint8 input, floats for a float32 one.</summary>
    public ObservationImage(ImageInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        Input = input;
        int length = input.Width * input.Height * 3;
        if (input.ElementType == TensorElementType.Float)
        {
            Floats = new float[length];
        }
        else
        {
            Bytes = new byte[length];
        }
    }

    /// <summary>The manifest entry this image feeds.</summary>
    public ImageInput Input { get; }

    /// <summary>The pixels of a uint8 input, else null.</summary>
    public byte[]? Bytes { get; }

    /// <summary>The values of a float32 input, else null.</summary>
    public float[]? Floats { get; }

    /// <summary>Sequence number of the camera frame it came from (-1 before the first).</summary>
    public long FrameSequenceNumber { get; set; } = -1;
}
