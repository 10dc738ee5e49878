namespace RobotSdk.Drivers.Elephant.Emulation;

/// <summary>How a <see cref="MyCobotEmulator"/> behaves.</summary>
public sealed class MyCobotEmulatorOptions
{
    /// <summary>A symbolic link to create to the pty (for example <c>/tmp/ttyMYCOBOT0</c>), or null; Dispose removes it.</summary>
    public string? LinkPath { get; set; }

    /// <summary>
    /// The M5 base's line rate (default 115200). A client whose termios says another rate gets no
    /// replies (the base would see garbage); wire time is computed at the client's rate.
    /// </summary>
    public int BaudRate { get; set; } = 115_200;

    /// <summary>
    /// Time the firmware takes to handle each frame after receiving it, before it acts and answers
    /// (default 20 ms). Measured: a user timed Get Angles at 20 ms or more from request to reply on
    /// Atom firmware 6.5, about 3 ms less on 7.2 (elephantrobotics/myCobot issue #53, a 280 at 1 Mbps;
    /// the M5 base's transponder adds a relay this figure does not include). Assumed: that every
    /// other command takes as long. The firmware handles one frame at a time.
    /// </summary>
    public TimeSpan ProcessingLatency { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Whether frames wait for their wire time and <see cref="ProcessingLatency"/> (default true); false answers at once.</summary>
    public bool ModelTiming { get; set; } = true;

    /// <summary>
    /// Whether set commands are answered with <c>FE FE 03 CMD 01 FA</c> (default false). Elephant
    /// recommends Atom firmware 6.5 with pymycobot before 3.6; pymycobot since 3.5.0a7 waits for such an
    /// answer after every command and sends it up to three times without one, and a user whose set
    /// commands each took 1.5 s that way on firmware 7.0 (pymycobot issue #111) suggests that firmware
    /// did not answer them either. Turn it on to model firmware that answers.
    /// </summary>
    public bool AcknowledgeSetCommands { get; set; }

    /// <summary>Whether the servos are powered (and hold where they are) when the emulator starts (default true, as the arm boots).</summary>
    public bool StartPoweredOn { get; set; } = true;

    /// <summary>Joint speed at speed 100, rad/s (default <see cref="MyCobot280.MaxJointSpeedRadiansPerSecond"/>, an assumption); speed s moves at s percent of it.</summary>
    public double MaxJointSpeedRadiansPerSecond { get; set; } = MyCobot280.MaxJointSpeedRadiansPerSecond;

    /// <summary>Gripper speed at speed 100, open fraction per second (default <see cref="MyCobot280.MaxGripperSpeedFractionPerSecond"/>, an assumption).</summary>
    public double MaxGripperSpeedFractionPerSecond { get; set; } = MyCobot280.MaxGripperSpeedFractionPerSecond;

    /// <summary>Seed of the random losses of <see cref="MyCobotEmulator.DropRepliesAtRandom"/> (default 1), so runs repeat.</summary>
    public int RandomSeed { get; set; } = 1;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for a value out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(BaudRate, nameof(BaudRate));
        ArgumentOutOfRangeException.ThrowIfLessThan(ProcessingLatency, TimeSpan.Zero, nameof(ProcessingLatency));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ProcessingLatency, TimeSpan.FromSeconds(10), nameof(ProcessingLatency));
        if (!(MaxJointSpeedRadiansPerSecond > 0) || double.IsInfinity(MaxJointSpeedRadiansPerSecond))
        {
            throw new ArgumentOutOfRangeException(nameof(MaxJointSpeedRadiansPerSecond), MaxJointSpeedRadiansPerSecond, "The joint speed must be positive and finite.");
        }

        if (!(MaxGripperSpeedFractionPerSecond > 0) || double.IsInfinity(MaxGripperSpeedFractionPerSecond))
        {
            throw new ArgumentOutOfRangeException(nameof(MaxGripperSpeedFractionPerSecond), MaxGripperSpeedFractionPerSecond, "The gripper speed must be positive and finite.");
        }
    }

    /// <summary>A copy, so a caller's instance is never changed behind its back.</summary>
    internal MyCobotEmulatorOptions Copy() => (MyCobotEmulatorOptions)MemberwiseClone();
}
