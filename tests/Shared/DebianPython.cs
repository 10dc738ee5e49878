using System.Diagnostics;
using Xunit;

namespace RobotSdk.Testing;

/// <summary>
/// Runs scripts with Debian's <c>/usr/bin/python3</c>, the interpreter that sees the python3-* packages the
/// test peers use (the <c>python3</c> on PATH may be another one that cannot).
/// </summary>
internal static class DebianPython
{
    public const string Path = "/usr/bin/python3";

    /// <summary>Runs <paramref name="script"/> (python -c) with <paramref name="arguments"/>; returns its exit code, output and errors.</summary>
    /// <exception cref="OperationCanceledException">It ran past <paramref name="timeout"/> (it is killed).</exception>
    public static async Task<(int ExitCode, string Output, string Errors)> RunScriptAsync(string script, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> errors = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output, await errors);
    }

    /// <summary>Runs <paramref name="script"/> with <paramref name="arguments"/>; fails the test on a non-zero exit or after 60 s.</summary>
    public static async Task<string> RunAsync(string script, params string[] arguments)
    {
        try
        {
            (int exitCode, string output, string errors) = await RunScriptAsync(script, arguments, TimeSpan.FromSeconds(60));
            Assert.True(exitCode == 0, $"python3 failed ({exitCode}): {errors}");
            return output;
        }
        catch (OperationCanceledException)
        {
            Assert.Fail("python3 did not finish within 60 s.");
            throw;
        }
    }
}
