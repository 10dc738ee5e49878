namespace RobotSdk.Transports;

/// <summary>Counters of a CAN bus since it was created.</summary>
/// <param name="FramesSent">Frames handed to the adapter or the kernel.</param>
/// <param name="FramesReceived">Valid frames returned by <see cref="ICanBus.TryReceive"/>.</param>
/// <param name="TransmitErrors">Sends that failed or that the adapter rejected (an SLCAN BEL reply).</param>
/// <param name="ReceiveErrors">Input discarded: malformed SLCAN lines, overlong lines, undecodable kernel frames.</param>
public readonly record struct CanBusStatistics(long FramesSent, long FramesReceived, long TransmitErrors, long ReceiveErrors);
