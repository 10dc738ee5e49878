namespace RobotSdk.Drivers.Elephant.Tests;

/// <summary>
/// Plays the device side of a scripted exchange on a thread of its own. A thread-pool task could
/// start hundreds of milliseconds late on a busy two-core machine (the pool grows slowly), long
/// enough for the bus under test to time out and retry before the "device" even listens.
/// </summary>
internal static class DeviceThread
{
    public static Task Run(Action device) =>
        Task.Factory.StartNew(device, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
}
