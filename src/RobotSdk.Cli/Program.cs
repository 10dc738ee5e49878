using System.CommandLine;
using RobotSdk.Cli;

// Long-running commands (emulate, demo) handle SIGINT/SIGTERM themselves so they can clean up.
return RobotCommand.Create().Parse(args).Invoke(new InvocationConfiguration { ProcessTerminationTimeout = null });
