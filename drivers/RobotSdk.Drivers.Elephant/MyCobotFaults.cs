using System.Globalization;

namespace RobotSdk.Drivers.Elephant;

/// <summary>
/// The exceptions a <see cref="MyCobotBus"/> records in its diagnostics, made once per (kind, command)
/// and reused, so that a fault repeating every control cycle allocates nothing after its first time.
/// Each names the port and the command.
/// </summary>
internal sealed class MyCobotFaults
{
    private readonly string _port;
    private readonly int _attempts;
    private readonly int _replyTimeoutMs;
    private readonly HardwareFaultException?[] _noReply = new HardwareFaultException?[256];
    private readonly HardwareFaultException?[] _damaged = new HardwareFaultException?[256];
    private readonly HardwareFaultException?[] _notSent = new HardwareFaultException?[256];

    public MyCobotFaults(string port, int attempts, int replyTimeoutMs)
    {
        _port = port;
        _attempts = attempts;
        _replyTimeoutMs = replyTimeoutMs;
    }

    /// <summary>Names a command the way faults show it, for example <c>GetAngles (0x20)</c>.</summary>
    public static string Describe(MyCobotCommand command) =>
        Enum.IsDefined(command)
            ? string.Create(CultureInfo.InvariantCulture, $"{command} (0x{(byte)command:X2})")
            : string.Create(CultureInfo.InvariantCulture, $"command 0x{(byte)command:X2}");

    /// <summary>No (complete) reply to <paramref name="command"/> after every attempt.</summary>
    public HardwareFaultException NoReply(MyCobotCommand command) =>
        _noReply[(byte)command] ??= new HardwareTimeoutException(_port, null, Describe(command), string.Create(CultureInfo.InvariantCulture,
            $"no reply after {_attempts} attempt(s) of {_replyTimeoutMs} ms"));

    /// <summary>Only damaged replies to <paramref name="command"/> after every attempt.</summary>
    public HardwareFaultException Damaged(MyCobotCommand command) =>
        _damaged[(byte)command] ??= new CorruptPacketException(_port, null, Describe(command), string.Create(CultureInfo.InvariantCulture,
            $"damaged reply (bad LEN, no footer, wrong length or impossible values) after {_attempts} attempt(s)"));

    /// <summary><paramref name="command"/> could not be written: the port's output stayed full.</summary>
    public HardwareFaultException NotSent(MyCobotCommand command) =>
        _notSent[(byte)command] ??= new HardwareTimeoutException(_port, null, Describe(command), "the request could not be sent: the port's output stayed full");
}
