namespace RobotSdk.Hardware;

/// <summary>
/// The first request to a device that was just powered, plugged in or started may go unanswered
/// while it boots: a servo's firmware, a USB adapter's first transfer, an emulator's first
/// request. At first contact a timeout gets one more try after <see cref="Pause"/> before it stands.
/// </summary>
public static class FirstContact
{
    /// <summary>How long the device gets before the second try.</summary>
    public static TimeSpan Pause { get; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Runs <paramref name="request"/>; after a <see cref="HardwareTimeoutException"/>, waits <see cref="Pause"/> and runs it once more.</summary>
    /// <exception cref="HardwareTimeoutException">The second try timed out too.</exception>
    public static T Request<T>(Func<T> request)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            return request();
        }
        catch (HardwareTimeoutException)
        {
            Thread.Sleep(Pause);
            return request();
        }
    }
}
