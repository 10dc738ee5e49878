using System.Runtime.Versioning;

namespace RobotSdk.Drivers.Feetech.Emulation;

/// <summary>How a <see cref="FeetechEmulator"/> and its virtual servos behave.</summary>
[SupportedOSPlatform("linux")]
public sealed class FeetechEmulatorOptions
{
    /// <summary>
    /// The servos' baud rate at power-on (default 1000000, the STS factory rate; sets their baud rate
    /// code), and the rate used for wire timing when the client's rate cannot be read from the pty.
    /// </summary>
    public int BaudRate { get; set; } = 1_000_000;

    /// <summary>A symbolic link to create to the pty (for example <c>/tmp/ttyFEETECH0</c>), or null.</summary>
    public string? LinkPath { get; set; }

    /// <summary>
    /// Whether replies wait for the modelled wire time and return delay (default true). When false,
    /// replies go out as soon as they are computed.
    /// </summary>
    public bool ModelTiming { get; set; } = true;

    /// <summary>
    /// Return delay time register at power-on, in units of 2 us (default 250 = 500 us, the STS
    /// factory value per LeRobot's <c>configure_motors</c>; LeRobot then writes 0).
    /// </summary>
    public int ReturnDelayTime { get; set; } = 250;

    /// <summary>Firmware version the servos report at addresses 0 and 1 (default 3.10, a recent STS firmware line).</summary>
    public FeetechFirmwareVersion Firmware { get; set; } = new(3, 10);

    /// <summary>Supply voltage the servos report, volts (default 7.4, the standard STS3215; 12 V versions exist).</summary>
    public double SupplyVolts { get; set; } = 7.4;

    /// <summary>Temperature the servos report, degrees Celsius (default 30).</summary>
    public int TemperatureCelsius { get; set; } = 30;

    /// <summary>
    /// The emulator's load model: present load is the joint current over this figure, as a fraction
    /// of full load (default 2.7 A). A modelling choice, not a datasheet figure.
    /// </summary>
    public double CurrentAtFullLoadAmperes { get; set; } = 2.7;

    /// <summary>A copy of these options, so a caller's instance is never changed behind its back.</summary>
    internal FeetechEmulatorOptions Copy() => (FeetechEmulatorOptions)MemberwiseClone();

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for a value out of range.</summary>
    public void Validate()
    {
        StsUnits.CodeFromBaudRate(BaudRate);
        if (ReturnDelayTime is < 0 or > 254)
        {
            throw new ArgumentOutOfRangeException(nameof(ReturnDelayTime), ReturnDelayTime, "The return delay time ranges from 0 to 254 (units of 2 us).");
        }

        if (SupplyVolts is < 0 or > 25.5)
        {
            throw new ArgumentOutOfRangeException(nameof(SupplyVolts), SupplyVolts, "The reported voltage ranges from 0 to 25.5 V.");
        }

        if (TemperatureCelsius is < 0 or > 255)
        {
            throw new ArgumentOutOfRangeException(nameof(TemperatureCelsius), TemperatureCelsius, "The reported temperature ranges from 0 to 255 C.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(CurrentAtFullLoadAmperes, nameof(CurrentAtFullLoadAmperes));
    }
}
