using System.CommandLine;
using RobotSdk.Cli.Commands;

namespace RobotSdk.Cli;

/// <summary>The root of the <c>robot</c> command line.</summary>
internal static class RobotCommand
{
    public static RootCommand Create()
    {
        var root = new RootCommand("robot: run, inspect and benchmark low-cost robot arms with RobotSdk.");
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(PortsCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        if (OperatingSystem.IsLinux())
        {
            root.Subcommands.Add(ServoCommands.CreateScan());
            root.Subcommands.Add(ServoCommands.CreateRead());
            root.Subcommands.Add(ServoCommands.CreateWrite());
            root.Subcommands.Add(EmulateCommand.Create());
            root.Subcommands.Add(VirtualCommand.Create());
            root.Subcommands.Add(MoveCommand.Create());
            root.Subcommands.Add(CalibrateServosCommand.Create());
            root.Subcommands.Add(CalibrateCommand.Create());
            root.Subcommands.Add(TagsCommand.Create());
            root.Subcommands.Add(RunCommand.Create());
        }

        return root;
    }
}
