using System.CommandLine;
using System.Net;
using System.Runtime.Versioning;

namespace RobotSdk.Cli.Commands;

/// <summary>
/// <c>robot emulate</c>: serves an emulated arm so the real drivers (and other programs, such as
/// LeRobot or the vendors' SDKs) can talk to it: a servo bus, the PiPER behind an SLCAN adapter or
/// the myCobot's serial link on a pseudo-terminal linked at a path, or the Lite 6's controller on
/// a loopback TCP port.
/// </summary>
[SupportedOSPlatform("linux")]
internal static class EmulateCommand
{
    private static readonly string[] Protocols =
        [ServoOptions.Dynamixel, ServoOptions.Feetech, ControllerArmCatalog.PiperSlcan, ControllerArmCatalog.Lite6, ControllerArmCatalog.MyCobot];

    public static Command Create()
    {
        var protocol = new Option<string>("--protocol") { Description = "What to emulate: " + string.Join(", ", Protocols) + ".", Required = true };
        protocol.AcceptOnlyFromAmong(Protocols);
        var arm = new Option<string?>("--arm") { Description = "Arm model, for the servo buses: " + string.Join(", ", ServoArmCatalog.All.Select(a => a.Model)) + " (the controller arms have one model each)." };
        var link = new Option<string?>("--link") { Description = "Path of the symlink to create to the emulated serial port, for example /tmp/so101 (all but lite6)." };
        var listen = new Option<string?>("--listen") { Description = "Loopback endpoint the Lite 6 controller listens on, for example 127.0.0.1:5020 (port 0 picks a free one)." };
        var baud = new Option<int>("--baud") { Description = "Baud rate the servos are set to (servo buses).", DefaultValueFactory = _ => 1_000_000 };
        var command = new Command("emulate", "Emulate an arm on a pseudo-terminal or a loopback TCP port until interrupted (Ctrl+C).") { protocol, arm, link, listen, baud };
        command.SetAction(async (parse, cancellationToken) =>
        {
            string chosen = parse.GetValue(protocol)!;
            (IDisposable Emulator, string Address, string Summary)? started;
            try
            {
                started = ControllerArmCatalog.ModelOf(chosen) is { } controllerArm
                    ? StartControllerArm(chosen, controllerArm, parse.GetValue(arm), parse.GetValue(link), parse.GetValue(listen))
                    : StartServoArm(chosen, parse.GetValue(arm), parse.GetValue(link), parse.GetValue(baud));
            }
            catch (Exception exception) when (exception is ArgumentException or FormatException or HardwareFaultException or IOException)
            {
                Console.Error.WriteLine($"robot emulate: {exception.Message}");
                return 2;
            }

            if (started is not { } emulation)
            {
                return 2;
            }

            using IDisposable emulator = emulation.Emulator;
            Console.WriteLine($"emulating {emulation.Summary} at {emulation.Address}");
            using var termination = new TerminationSignal(cancellationToken);
            try
            {
                await Task.Delay(Timeout.Infinite, termination.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C: dispose the emulator (removes the link, closes the socket) and exit cleanly.
            }

            return 0;
        });
        return command;
    }

    private static (IDisposable, string, string)? StartServoArm(string protocol, string? model, string? link, int baud)
    {
        if (model is null || link is null)
        {
            Console.Error.WriteLine($"robot emulate: --protocol {protocol} needs --arm and --link.");
            return null;
        }

        string? armProtocol = ServoArmCatalog.ProtocolOf(model);
        if (armProtocol is null || armProtocol != protocol)
        {
            Console.Error.WriteLine(armProtocol is null
                ? $"robot emulate: unknown arm '{model}'. Arms: {string.Join(", ", ServoArmCatalog.All.Select(a => $"{a.Model} ({a.Protocol})"))}."
                : $"robot emulate: a '{model}' speaks {armProtocol}, not {protocol}.");
            return null;
        }

        string linkPath = Path.GetFullPath(link);
        IDisposable emulator = ServoArmCatalog.StartEmulator(model, linkPath, baud);
        return (emulator, $"{linkPath} -> {new FileInfo(linkPath).LinkTarget}", $"{model} ({armProtocol}, {ServoArmCatalog.Describe(model).Joints.Count} joints)");
    }

    private static (IDisposable, string, string)? StartControllerArm(string protocol, string model, string? requestedModel, string? link, string? listen)
    {
        if (requestedModel is not null && !string.Equals(requestedModel, model, StringComparison.OrdinalIgnoreCase))
        {
            Console.Error.WriteLine($"robot emulate: --protocol {protocol} emulates a '{model}', not a '{requestedModel}'.");
            return null;
        }

        bool isTcp = protocol == ControllerArmCatalog.Lite6;
        if (isTcp ? listen is null || link is not null : link is null || listen is not null)
        {
            Console.Error.WriteLine(isTcp
                ? $"robot emulate: --protocol {protocol} serves TCP: give --listen 127.0.0.1:PORT (and no --link)."
                : $"robot emulate: --protocol {protocol} serves a pseudo-terminal: give --link PATH (and no --listen).");
            return null;
        }

        IPEndPoint? endpoint = listen is null ? null : IPEndPoint.Parse(listen);
        (IDisposable emulator, string address) = ControllerArmCatalog.StartEmulator(protocol, link is null ? null : Path.GetFullPath(link), endpoint);
        if (link is not null)
        {
            address = $"{address} -> {new FileInfo(address).LinkTarget}";
        }

        return (emulator, address, $"{model} ({protocol}, {ControllerArmCatalog.Describe(model).Joints.Count} joints)");
    }
}
