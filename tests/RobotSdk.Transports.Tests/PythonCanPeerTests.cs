using System.Diagnostics;
using RobotSdk.Emulation;

namespace RobotSdk.Transports.Tests;

/// <summary>
/// An independent SLCAN client against the adapter emulator: python-can's <c>slcan</c> interface
/// (Debian's python3-can, run by <c>/usr/bin/python3</c>) opens the pty, sends a frame and receives
/// one, as it would with a CANable.
/// </summary>
public sealed class PythonCanPeerTests
{
    private const string Script = """
        import sys, can
        bus = can.interface.Bus(interface="slcan", channel=sys.argv[1], bitrate=1000000, sleep_after_open=0)
        try:
            bus.send(can.Message(arbitration_id=0x155, data=bytes.fromhex("00002710FFFFB1E0"), is_extended_id=False))
            message = None
            while message is None or message.arbitration_id != 0x2A5:
                message = bus.recv(timeout=10)
                if message is None:
                    sys.exit("no frame from the device")
            print("received %03X#%s" % (message.arbitration_id, message.data.hex().upper()))
        finally:
            bus.shutdown()
        """;

    [Fact]
    public async Task PythonCansSlcanInterface_SendsToTheDevice_AndReceivesItsFrames()
    {
        var device = new RecordingCanDevice();
        using var adapter = new EmulatedSlcanAdapter(device);
        adapter.Start();
        using var feeder = new Timer(_ => adapter.Transmit(CanFrame.Parse("2A5#0000271000004E20")), null, 0, 20);

        (int exitCode, string output) = await RunPythonAsync(adapter.PortPath);

        Assert.True(exitCode == 0, $"python-can failed ({exitCode}): {output}");
        Assert.Contains("received 2A5#0000271000004E20", output, StringComparison.Ordinal);
        Poll.Until(() => device.Received.Any(entry => entry.Frame == CanFrame.Parse("155#00002710FFFFB1E0")), "python-can's frame to reach the device");
    }

    private static async Task<(int ExitCode, string Output)> RunPythonAsync(string portPath)
    {
        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Script);
        start.ArgumentList.Add(portPath);
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
            Assert.Fail("python-can did not finish within 60 s.");
        }

        return (process.ExitCode, await output + await errors);
    }
}
