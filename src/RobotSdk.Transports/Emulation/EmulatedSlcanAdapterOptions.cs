namespace RobotSdk.Emulation;

/// <summary>How an <see cref="EmulatedSlcanAdapter"/> presents itself and models the bus.</summary>
public sealed class EmulatedSlcanAdapterOptions
{
    /// <summary>A symbolic link to create to the pty (for example <c>/tmp/ttyPIPER</c>), or null.</summary>
    public string? LinkPath { get; set; }

    /// <summary>
    /// Whether frames spend their wire time on the bus (default true): each frame is delivered
    /// when its last bit would have left the wire at the client's bitrate, stuff bits included
    /// (<see cref="CanWireTime"/>), one frame at a time in both directions. Off, frames pass at once.
    /// </summary>
    public bool ModelWireTime { get; set; } = true;

    /// <summary>
    /// Whether a transmitted frame is acknowledged with <c>z</c> (standard) or <c>Z</c>
    /// (extended) plus CR as Lawicel adapters do (default true); false answers a bare CR, as
    /// some CANable firmwares do.
    /// </summary>
    public bool AcknowledgeWithZ { get; set; } = true;

    /// <summary>The answer to <c>V</c> (hardware and firmware version) without its CR (default <c>V1013</c>).</summary>
    public string Version { get; set; } = "V1013";

    /// <summary>The answer to <c>N</c> (serial number) without its CR (default <c>NA123</c>).</summary>
    public string SerialNumber { get; set; } = "NA123";

    /// <summary>
    /// Frames the adapter buffers (both directions together) before it drops new ones, as a
    /// real adapter's buffer overflows when the host stops reading (default 4096).
    /// </summary>
    public int QueueCapacity { get; set; } = 4096;

    /// <summary>Throws <see cref="ArgumentException"/> or <see cref="ArgumentOutOfRangeException"/> for an invalid value.</summary>
    public void Validate()
    {
        if (LinkPath is not null && string.IsNullOrWhiteSpace(LinkPath))
        {
            throw new ArgumentException("LinkPath must be null or a path.", nameof(LinkPath));
        }

        ArgumentNullException.ThrowIfNull(Version, nameof(Version));
        ArgumentNullException.ThrowIfNull(SerialNumber, nameof(SerialNumber));
        ArgumentOutOfRangeException.ThrowIfLessThan(QueueCapacity, 16, nameof(QueueCapacity));
    }

    /// <summary>A copy, so a running adapter never sees later changes.</summary>
    internal EmulatedSlcanAdapterOptions Copy() => (EmulatedSlcanAdapterOptions)MemberwiseClone();
}
