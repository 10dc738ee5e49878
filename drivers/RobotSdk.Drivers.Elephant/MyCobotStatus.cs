namespace RobotSdk.Drivers.Elephant;

/// <summary>Outcome of one <see cref="MyCobotBus"/> transaction.</summary>
public enum MyCobotStatus
{
    /// <summary>The command went out (and, for a query, its reply came back intact).</summary>
    Ok,

    /// <summary>No reply came back in time, after every retry (or the port could not send).</summary>
    Timeout,

    /// <summary>
    /// Replies came back damaged after every retry: a header with a bad LEN or no footer, or a reply to
    /// the request with the wrong length or impossible values.
    /// </summary>
    Corrupt,

    /// <summary>The port vanished (USB cable unplugged, emulator closed); nothing more will get through.</summary>
    Disconnected,
}
