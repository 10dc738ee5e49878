using System.Runtime.InteropServices;

namespace RobotSdk.Cli.Commands;

/// <summary>Turns SIGINT (Ctrl+C) and SIGTERM into a cancellation, so a command can stop its hardware or emulator cleanly.</summary>
internal sealed class TerminationSignal : IDisposable
{
    private readonly CancellationTokenSource _cancellation;
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;

    public TerminationSignal(CancellationToken linked)
    {
        _cancellation = CancellationTokenSource.CreateLinkedTokenSource(linked);
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle);
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle);
    }

    public CancellationToken Token => _cancellation.Token;

    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
        _cancellation.Dispose();
    }

    private void Handle(PosixSignalContext context)
    {
        context.Cancel = true; // keep the process alive until the command has cleaned up
        _cancellation.Cancel();
    }
}
