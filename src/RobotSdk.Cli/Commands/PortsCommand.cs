using System.CommandLine;

namespace RobotSdk.Cli.Commands;

/// <summary><c>robot ports</c>: serial devices an arm may be on.</summary>
internal static class PortsCommand
{
    public static Command Create()
    {
        var command = new Command("ports", "List serial devices (USB adapters of servo buses, CAN adapters), with their /dev/serial/by-id names.");
        command.SetAction(_ =>
        {
            Console.WriteLine("not yet");
            return 0;
        });
        return command;
    }
}
