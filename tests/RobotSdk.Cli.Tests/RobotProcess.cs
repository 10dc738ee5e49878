using System.Diagnostics;
using RobotSdk.Cli;

namespace RobotSdk.Cli.Tests;

/// <summary>Runs the real <c>robot</c> command in a child process, as a user would.</summary>
internal static class RobotProcess
{
    // Generous: a virtual calibration visits 60-80 poses and takes 1-2 minutes on an idle two-core machine, more under load.
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(6);

    public static (int ExitCode, string Output, string Error) Run(params string[] arguments)
    {
        using Process process = Start(arguments);
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"robot {string.Join(' ', arguments)} did not exit within {Limit.TotalMinutes} minutes.");
        }

        return (process.ExitCode, output.Result, error.Result);
    }

    /// <summary>Starts the command without waiting; the caller reads its output and ends it.</summary>
    public static Process Start(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(RobotCommand).Assembly.Location);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }
}
