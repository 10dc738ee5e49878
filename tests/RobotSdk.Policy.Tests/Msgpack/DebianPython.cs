using System.Diagnostics;

namespace RobotSdk.Policy.Tests.Msgpack;

/// <summary>Runs a script with Debian's <c>/usr/bin/python3</c> (which sees python3-msgpack and python3-numpy) and returns its output.</summary>
internal static class DebianPython
{
    public const string Path = "/usr/bin/python3";

    /// <summary>Runs <paramref name="script"/> with <paramref name="arguments"/>; fails the test on a non-zero exit or after 60 s.</summary>
    public static async Task<string> RunAsync(string script, params string[] arguments)
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
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            Assert.Fail("python3 did not finish within 60 s.");
        }

        Assert.True(process.ExitCode == 0, $"python3 failed ({process.ExitCode}): {await errors}");
        return await output;
    }
}
