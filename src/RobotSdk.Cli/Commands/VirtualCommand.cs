using System.CommandLine;
using System.Net;
using System.Runtime.Versioning;
using RobotSdk.Simulation;
using RobotSdk.Virtual;

namespace RobotSdk.Cli.Commands;

/// <summary>
/// <c>robot virtual</c>: serves a virtual arm (its MuJoCo world in real time behind its device
/// emulator) until interrupted, so the real drivers, <c>robot move</c>, LeRobot or a vendor's SDK
/// can drive it like hardware: at a pseudo-terminal linked at <c>--link</c>, or for the Lite 6 on a
/// loopback TCP port.
/// </summary>
[SupportedOSPlatform("linux")]
internal static class VirtualCommand
{
    public static Command Create()
    {
        var arm = new Option<string>("--arm") { Description = "The arm: " + string.Join(", ", VirtualArm.Names) + ".", Required = true };
        arm.AcceptOnlyFromAmong([.. VirtualArm.Names]);
        var link = new Option<string?>("--link") { Description = "Path of the symlink to create to the arm's serial port, for example /tmp/so101 (arms on a serial link; without it the /dev/pts path is printed)." };
        var listen = new Option<string?>("--listen") { Description = "Loopback endpoint a TCP arm (lite6) listens on, for example 127.0.0.1:5020 (port 0 picks a free one)." };
        var seed = new Option<int?>("--seed") { Description = "Seeds where the cubes lie on the table (same seed, same scene)." };
        var imprecise = new Option<int?>("--imprecise") { Description = "Give the arm a seeded set of typical errors to calibrate away: servo zero offsets up to 3 degrees, links up to 2 mm off, 0.25 degrees of backlash, encoder noise, a scene camera 20 mm and 3 degrees from its nominal pose." };
        var command = new Command("virtual", "Serve a virtual arm (MuJoCo physics behind its emulated bus or controller) until interrupted (Ctrl+C).") { arm, link, listen, seed, imprecise };
        command.SetAction(async (parse, cancellationToken) =>
        {
            VirtualArm served;
            try
            {
                served = Start(parse.GetValue(arm)!, parse.GetValue(link), parse.GetValue(listen), parse.GetValue(seed), parse.GetValue(imprecise));
            }
            catch (Exception exception) when (exception is ArgumentException or FormatException or KeyNotFoundException or IOException or SimulationException or HardwareFaultException)
            {
                Console.Error.WriteLine($"robot virtual: {exception.Message}");
                return 2;
            }

            using (served)
            {
                string target = File.Exists(served.Port) && new FileInfo(served.Port).LinkTarget is { } pts ? $" -> {pts}" : string.Empty;
                Console.WriteLine($"serving virtual {served.Name} ({served.Driver}) at {served.Port}{target}");
                if (parse.GetValue(imprecise) is int draw)
                {
                    Console.WriteLine($"imprecise on purpose (seed {draw}): zero offsets, link lengths, backlash, encoder noise and the scene camera's pose differ from nominal; calibrate before trusting its kinematics");
                }

                string link = (served.ReplyTimeoutMs is int timeout ? $", \"ReplyTimeoutMs\": {timeout}" : string.Empty)
                    + (served.MaxConsecutiveFailures is int failures ? $", \"MaxConsecutiveFailures\": {failures}" : string.Empty);
                Console.WriteLine($$"""profile: { "Robots": { "{{served.Name}}": { "Driver": "{{served.Driver}}", "Arm": "{{served.Name}}", "Port": "{{served.Port}}"{{link}} } } }""");
                using var termination = new TerminationSignal(cancellationToken);
                try
                {
                    await Task.Delay(Timeout.Infinite, termination.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Ctrl+C: dispose the arm (removes the link, closes the socket, stops the world) and exit cleanly.
                }

                if (served.World.Fault is { } fault)
                {
                    Console.Error.WriteLine($"robot virtual: the simulation stopped: {fault.Message}");
                    return 1;
                }
            }

            return 0;
        });
        return command;
    }

    private static VirtualArm Start(string arm, string? link, string? listen, int? seed, int? imprecisionSeed)
    {
        bool isTcp = VirtualArm.IsServedOverTcp(arm);
        if (isTcp && link is not null)
        {
            throw new ArgumentException($"a virtual {arm} serves TCP: give --listen 127.0.0.1:PORT (or nothing for a free port), not --link.");
        }

        if (!isTcp && listen is not null)
        {
            throw new ArgumentException($"a virtual {arm} serves a serial port: give --link PATH (or nothing for its /dev/pts path), not --listen.");
        }

        var options = new VirtualArmOptions
        {
            LinkPath = link is null ? null : Path.GetFullPath(link),
            World = new VirtualWorldOptions { Seed = seed, Imprecision = imprecisionSeed is int draw ? ArmImprecision.Typical(draw) : null },
        };
        if (listen is not null)
        {
            IPEndPoint endpoint = IPEndPoint.Parse(listen);
            options.ListenPort = IPAddress.IsLoopback(endpoint.Address)
                ? endpoint.Port
                : throw new ArgumentException($"a virtual arm listens on 127.0.0.1 only, not {endpoint.Address}.");
        }

        return VirtualArm.Start(arm, options);
    }
}
