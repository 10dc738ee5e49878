namespace RobotSdk.Drivers.AgileX.Emulation;

/// <summary>How a <see cref="PiperEmulator"/> presents itself.</summary>
public sealed class PiperEmulatorOptions
{
    /// <summary>A symbolic link to create to the emulated SLCAN adapter's pty (for example <c>/tmp/ttyPIPER</c>), or null.</summary>
    public string? LinkPath { get; set; }

    /// <summary>The arm's CAN bitrate, bit/s (default 1000000, the PiPER's); a client at another rate sees nothing.</summary>
    public int Bitrate { get; set; } = 1_000_000;

    /// <summary>
    /// Rate of the arm status, end pose, joint, gripper and high-speed motor feedback, Hz
    /// (default 200; see the emulator's remarks for the source). 1 to 1000.
    /// </summary>
    public int FeedbackRateHz { get; set; } = 200;

    /// <summary>Rate of the low-speed motor feedback (0x261-0x266), Hz (default 40; an assumption, see the remarks). 1 to 1000.</summary>
    public int LowSpeedFeedbackRateHz { get; set; } = 40;

    /// <summary>Whether frames spend their wire time on the emulated bus (default true; see <see cref="RobotSdk.Emulation.EmulatedSlcanAdapterOptions.ModelWireTime"/>).</summary>
    public bool ModelWireTime { get; set; } = true;

    /// <summary>Throws <see cref="ArgumentException"/> or <see cref="ArgumentOutOfRangeException"/> for an invalid value.</summary>
    public void Validate()
    {
        if (LinkPath is not null && string.IsNullOrWhiteSpace(LinkPath))
        {
            throw new ArgumentException("LinkPath must be null or a path.", nameof(LinkPath));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Bitrate, nameof(Bitrate));
        if (FeedbackRateHz is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(FeedbackRateHz), FeedbackRateHz, "FeedbackRateHz ranges from 1 to 1000.");
        }

        if (LowSpeedFeedbackRateHz is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(LowSpeedFeedbackRateHz), LowSpeedFeedbackRateHz, "LowSpeedFeedbackRateHz ranges from 1 to 1000.");
        }
    }

    /// <summary>A copy, so a running emulator never sees later changes.</summary>
    internal PiperEmulatorOptions Copy() => (PiperEmulatorOptions)MemberwiseClone();
}
