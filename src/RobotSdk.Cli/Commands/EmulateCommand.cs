using System.CommandLine;
using System.Runtime.Versioning;

namespace RobotSdk.Cli.Commands;

/// <summary>
/// <c>robot emulate</c>: serves an emulated arm's servo bus on a pseudo-terminal linked at
/// a path, so the real drivers (and other programs, such as LeRobot) can talk to it.
/// </summary>
[SupportedOSPlatform("linux")]
internal static class EmulateCommand
{
    public static Command Create()
    {
        Option<string> protocol = ServoOptions.CreateProtocol();
        var arm = new Option<string>("--arm") { Description = "Arm model: " + string.Join(", ", ServoArmCatalog.All.Select(a => a.Model)) + ".", Required = true };
        var link = new Option<string>("--link") { Description = "Path of the symlink to create to the emulated port, for example /tmp/so101.", Required = true };
        var baud = new Option<int>("--baud") { Description = "Baud rate the servos are set to.", DefaultValueFactory = _ => 1_000_000 };
        var command = new Command("emulate", "Emulate an arm's servo bus on a pseudo-terminal until interrupted (Ctrl+C).") { protocol, arm, link, baud };
        command.SetAction(async (parse, cancellationToken) =>
        {
            string model = parse.GetValue(arm)!;
            string? armProtocol = ServoArmCatalog.ProtocolOf(model);
            if (armProtocol is null || armProtocol != parse.GetValue(protocol))
            {
                Console.Error.WriteLine(armProtocol is null
                    ? $"robot emulate: unknown arm '{model}'. Arms: {string.Join(", ", ServoArmCatalog.All.Select(a => $"{a.Model} ({a.Protocol})"))}."
                    : $"robot emulate: a '{model}' speaks {armProtocol}, not {parse.GetValue(protocol)}.");
                return 2;
            }

            string linkPath = Path.GetFullPath(parse.GetValue(link)!);
            using IDisposable emulator = ServoArmCatalog.StartEmulator(model, linkPath, parse.GetValue(baud));
            Console.WriteLine($"emulating {model} ({armProtocol}, {ServoArmCatalog.Describe(model).Joints.Count} joints) at {linkPath} -> {new FileInfo(linkPath).LinkTarget}");
            using var termination = new TerminationSignal(cancellationToken);
            try
            {
                await Task.Delay(Timeout.Infinite, termination.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C: dispose the emulator (removes the link) and exit cleanly.
            }

            return 0;
        });
        return command;
    }
}
