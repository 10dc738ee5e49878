using RobotSdk.Transports;

namespace RobotSdk.Emulation;

/// <summary>
/// A device on an emulated CAN bus (an arm's controller, a motor driver) behind an
/// <see cref="EmulatedSlcanAdapter"/>: it receives every frame the adapter's client puts on the
/// bus and transmits its own through <see cref="EmulatedSlcanAdapter.Transmit"/>.
/// </summary>
public interface ICanDevice
{
    /// <summary>
    /// The bitrate the device runs at, bit/s (the PiPER: 1000000). Frames pass between the
    /// adapter and the device only while the client has opened the adapter at this bitrate,
    /// as on a real bus, where nodes at different bitrates see only errors.
    /// </summary>
    int Bitrate { get; }

    /// <summary>
    /// Called on the adapter's bus thread for each frame the client transmitted, once the frame
    /// has spent its wire time on the bus. Must return quickly and must not call back into the
    /// adapter's lifecycle (<see cref="EmulatedSlcanAdapter.Dispose"/>); transmitting is fine.
    /// </summary>
    /// <param name="frame">The frame, as the client sent it.</param>
    void OnFrameReceived(in CanFrame frame);
}
