using System.Runtime.CompilerServices;

namespace RobotSdk.Transports;

/// <summary>The eight data bytes of a classic CAN frame, stored inline so frames never allocate.</summary>
[InlineArray(CanFrame.MaxLength)]
internal struct CanFrameData
{
    private byte _element;
}
