using System.Globalization;
using System.Net;
using System.Runtime.Versioning;
using RobotSdk.Drivers.AgileX;
using RobotSdk.Drivers.AgileX.Emulation;
using RobotSdk.Drivers.Elephant;
using RobotSdk.Drivers.Elephant.Emulation;
using RobotSdk.Drivers.UFactory;
using RobotSdk.Drivers.UFactory.Emulation;
using RobotSdk.Hardware;

namespace RobotSdk.Cli.Commands;

/// <summary>
/// The arms with their own controllers (PiPER over CAN, Lite 6 over TCP, myCobot 280 over serial):
/// one model each, the profile driver name, the emulation protocol, and how to build their drivers
/// and emulators.
/// </summary>
[SupportedOSPlatform("linux")]
internal static class ControllerArmCatalog
{
    /// <summary>Profile driver names (the <c>Driver</c> field).</summary>
    public const string PiperDriverName = "piper";
    public const string Lite6DriverName = "lite6";
    public const string MyCobotDriverName = "mycobot";

    /// <summary><c>robot emulate --protocol</c> names.</summary>
    public const string PiperSlcan = "piper-slcan";
    public const string Lite6 = "lite6";
    public const string MyCobot = "mycobot";

    /// <summary>Every controller arm: model, profile driver name, emulation protocol.</summary>
    public static IReadOnlyList<(string Model, string Driver, string Protocol)> All { get; } =
    [
        (PiperArm.Model, PiperDriverName, PiperSlcan),
        (Lite6Arm.Model, Lite6DriverName, Lite6),
        (MyCobot280.Model, MyCobotDriverName, MyCobot),
    ];

    /// <summary>The driver name of <paramref name="model"/>, or null when it is not a controller arm.</summary>
    public static string? DriverOf(string model) =>
        All.Where(a => string.Equals(a.Model, model, StringComparison.OrdinalIgnoreCase)).Select(a => a.Driver).FirstOrDefault();

    /// <summary>The model emulated under <paramref name="protocol"/>, or null when the protocol is not a controller arm's.</summary>
    public static string? ModelOf(string protocol) =>
        All.Where(a => a.Protocol == protocol).Select(a => a.Model).FirstOrDefault();

    /// <summary>Description of <paramref name="model"/> (nominal).</summary>
    public static RobotDescription Describe(string model) => DriverOf(model) switch
    {
        PiperDriverName => PiperArm.Description,
        Lite6DriverName => Lite6Arm.CreateDescription(),
        MyCobotDriverName => MyCobot280.Description,
        _ => throw new ArgumentException($"'{model}' is not a controller arm.", nameof(model)),
    };

    /// <summary>
    /// The driver for <paramref name="model"/> at <paramref name="port"/>: for the PiPER a serial
    /// path (SLCAN adapter) or a CAN interface name; for the Lite 6 <c>host</c> or <c>host:port</c>;
    /// for the myCobot a serial path. Nothing is opened before Configure.
    /// </summary>
    public static IRobotDriver CreateDriver(string model, string port, int? bitrate, LinkSettings link = default)
    {
        switch (DriverOf(model))
        {
            case PiperDriverName:
                var piper = new PiperDriverOptions { Bitrate = bitrate ?? 1_000_000 };
                piper.FeedbackTimeoutMs = link.ReplyTimeoutMs ?? piper.FeedbackTimeoutMs;
                piper.MaxConsecutiveFailures = link.MaxConsecutiveFailures ?? piper.MaxConsecutiveFailures;
                return new PiperDriver(port, piper);
            case Lite6DriverName:
                var lite6 = new Lite6DriverOptions();
                lite6.ReplyTimeoutMs = link.ReplyTimeoutMs ?? lite6.ReplyTimeoutMs;
                lite6.MaxConsecutiveFailures = link.MaxConsecutiveFailures ?? lite6.MaxConsecutiveFailures;
                return CreateLite6Driver(port, lite6);
            case MyCobotDriverName:
                var mycobot = new MyCobotDriverOptions { Bus = new MyCobotBusOptions { BaudRate = bitrate ?? MyCobotBusOptions.DefaultBaudRate } };
                mycobot.Bus.ReplyTimeoutMs = link.ReplyTimeoutMs ?? mycobot.Bus.ReplyTimeoutMs;
                mycobot.MaxConsecutiveFailures = link.MaxConsecutiveFailures ?? mycobot.MaxConsecutiveFailures;
                return new MyCobotDriver(port, mycobot);
            default:
                throw new ArgumentException($"'{model}' is not a controller arm.", nameof(model));
        }
    }

    /// <summary>
    /// Starts the emulator for <paramref name="protocol"/>: the PiPER behind an emulated SLCAN adapter
    /// and the myCobot on a pseudo-terminal, both linked at <paramref name="linkPath"/>; the Lite 6's
    /// controller listening on 127.0.0.1 at the port of <paramref name="listen"/>. Returns the emulator
    /// and where clients connect.
    /// </summary>
    public static (IDisposable Emulator, string Address) StartEmulator(string protocol, string? linkPath, IPEndPoint? listen)
    {
        switch (protocol)
        {
            case PiperSlcan:
                var piper = new PiperEmulator(options: new PiperEmulatorOptions { LinkPath = Required(linkPath, protocol) });
                piper.Start();
                return (piper, piper.PortPath);
            case MyCobot:
                var mycobot = new MyCobotEmulator(options: new MyCobotEmulatorOptions { LinkPath = Required(linkPath, protocol) });
                mycobot.Start();
                return (mycobot, mycobot.PortPath);
            case Lite6:
                IPEndPoint endpoint = listen ?? throw new ArgumentException("the lite6 emulator listens on TCP: give --listen 127.0.0.1:PORT.");
                if (!IPAddress.IsLoopback(endpoint.Address))
                {
                    throw new ArgumentException($"the lite6 emulator listens on 127.0.0.1 only, not {endpoint.Address}.");
                }

                var lite6 = new Lite6Emulator(options: new Lite6EmulatorOptions { Port = endpoint.Port });
                lite6.Start();
                return (lite6, string.Create(CultureInfo.InvariantCulture, $"{Lite6Emulator.Host}:{lite6.Port}"));
            default:
                throw new ArgumentException($"'{protocol}' is not a controller-arm protocol.", nameof(protocol));
        }
    }

    private static Lite6Driver CreateLite6Driver(string address, Lite6DriverOptions options)
    {
        // host, host:port, or [IPv6]:port; a bare IPv6 address has several colons and no port.
        int colon = address.LastIndexOf(':');
        bool hasPort = address.StartsWith('[')
            ? address.Contains("]:", StringComparison.Ordinal)
            : colon > 0 && address.IndexOf(':', StringComparison.Ordinal) == colon;
        if (!hasPort)
        {
            return new Lite6Driver(address.Trim('[', ']'), options: options);
        }

        string host = address[..colon].Trim('[', ']');
        return int.TryParse(address.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int port)
            ? new Lite6Driver(host, port, options)
            : throw new ArgumentException($"'{address}' is not host or host:port (for example 192.168.1.185 or 192.168.1.185:502).");
    }

    private static string Required(string? linkPath, string protocol) =>
        linkPath ?? throw new ArgumentException($"the {protocol} emulator serves a pseudo-terminal: give --link PATH.");
}
