using System.Diagnostics;
using RobotSdk.Testing;

namespace RobotSdk.Policy.Tests.Remote;

/// <summary>
/// The openpi wire-format test server (<c>openpi_test_server.py</c>, Debian's python3-websockets and
/// python3-msgpack) in a child process on a free port it picks itself and announces on stdout.
/// Started once per test class; killed on dispose.
/// </summary>
public sealed class OpenpiTestServer : IAsyncLifetime
{
    public const string ApiKey = "test-key";

    private readonly List<string> lines = [];
    private readonly TaskCompletionSource<int> listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Process? process;

    public int Port { get; private set; }

    public Uri Uri(string query = "") => new($"ws://127.0.0.1:{Port}/{(query.Length == 0 ? string.Empty : "?" + query)}");

    public async Task InitializeAsync()
    {
        var start = new ProcessStartInfo(DebianPython.Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Remote", "openpi_test_server.py"));
        start.ArgumentList.Add("--api-key");
        start.ArgumentList.Add(ApiKey);
        process = Process.Start(start)!;
        process.OutputDataReceived += (_, line) => OnLine(line.Data);
        process.ErrorDataReceived += (_, line) => OnLine(line.Data is null ? null : "stderr: " + line.Data);
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"The test server exited early:{Environment.NewLine}{Output}"));
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            Port = await listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The test server did not announce its port within 60 s:{Environment.NewLine}{Output}");
        }
    }

    /// <summary>Everything the server printed so far.</summary>
    public string Output
    {
        get
        {
            lock (lines)
            {
                return string.Join(Environment.NewLine, lines);
            }
        }
    }

    /// <summary>Whether the server printed a line starting with <paramref name="prefix"/>.</summary>
    public bool Printed(string prefix)
    {
        lock (lines)
        {
            return lines.Exists(line => line.StartsWith(prefix, StringComparison.Ordinal));
        }
    }

    public Task DisposeAsync()
    {
        if (process is not null)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }

            process.Dispose();
        }

        return Task.CompletedTask;
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (lines)
        {
            lines.Add(line);
        }

        if (line.StartsWith("LISTENING ", StringComparison.Ordinal))
        {
            listening.TrySetResult(int.Parse(line["LISTENING ".Length..], System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
