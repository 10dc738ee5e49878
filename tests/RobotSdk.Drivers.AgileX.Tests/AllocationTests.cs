using RobotSdk.Hardware;

namespace RobotSdk.Drivers.AgileX.Tests;

/// <summary>
/// The real-time path allocates nothing, in steady state and in a repeating fault. Steady state
/// starts once the runtime has finished tiering the code up (its first tier-1 calls may allocate
/// on the calling thread): warm-up runs blocks of cycles until one allocates nothing.
/// </summary>
public sealed class AllocationTests : IDisposable
{
    private readonly EmulatedPiper _arm = new([0.1, 0.6, -0.5, 0.1, 0.2, -0.1, 0.02]);
    private readonly PiperDriver _driver;
    private readonly JointFrame _state = new(PiperArm.JointCount);
    private readonly JointFrame _command = new(PiperArm.JointCount);

    public AllocationTests()
    {
        _driver = _arm.CreateDriver();
        _driver.Configure();
    }

    public void Dispose()
    {
        _driver.Dispose();
        _arm.Dispose();
    }

    [Fact]
    public void ReadAndWrite_Allocate_ZeroBytes_Over200SteadyStateCycles()
    {
        _driver.Activate(CommandMode.Position);
        WarmUp();

        long framesBefore = _driver.BusStatistics.FramesReceived;
        long before = GC.GetAllocatedBytesForCurrentThread();
        int failures = Cycle(200);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, failures);
        Assert.Equal(0, allocated);
        Assert.Equal(0, _driver.Diagnostics.Errors);
        long frames = _driver.BusStatistics.FramesReceived - framesBefore;
        Assert.True(frames > 50, $"only {frames} frames decoded in the measured cycles");
    }

    [Fact]
    public void ARepeatingFault_AllocatesNothing_AfterItsFirstOccurrence()
    {
        _driver.Activate(CommandMode.Position);
        _arm.Emulator.SetArmStatus(ArmStatus.Collision);
        Poll.Until(() => _driver.Read(_state) == DriverStatus.MustDeactivate, "the collision to be reported");
        WarmUp();

        long before = GC.GetAllocatedBytesForCurrentThread();
        int failures = Cycle(50);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(50, failures);
        Assert.Equal(0, allocated);
        Assert.IsType<DeviceErrorException>(_driver.Diagnostics.LastFault);
    }

    [Fact]
    public void StaleFeedback_AllocatesNothing_AfterItsFirstOccurrence()
    {
        _arm.Emulator.PowerOff();
        Poll.Until(() => _driver.Read(_state) != DriverStatus.Ok, "the feedback to go stale");
        WarmUp();

        long before = GC.GetAllocatedBytesForCurrentThread();
        int failures = Cycle(50);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(50, failures);
        Assert.Equal(0, allocated);
        Assert.IsType<HardwareTimeoutException>(_driver.Diagnostics.LastFault);
    }

    private void WarmUp()
    {
        for (int block = 0; block < 50; block++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            Cycle(20);
            if (GC.GetAllocatedBytesForCurrentThread() == before && block >= 2)
            {
                return;
            }
        }
    }

    /// <summary>Read + Write cycles about a millisecond apart, nudging joint 1; returns the cycles whose Read failed.</summary>
    private int Cycle(int cycles)
    {
        int failures = 0;
        for (int cycle = 0; cycle < cycles; cycle++)
        {
            if (_driver.Read(_state) != DriverStatus.Ok)
            {
                failures++;
            }

            _command.Positions.Fill(double.NaN);
            _command.Positions[0] = 0.1 + ((cycle % 2) * 0.001);
            _command.Positions[PiperArm.GripperJointIndex] = 0.02 + ((cycle % 50 == 0) ? 0.001 : 0);
            _driver.Write(_command);
            Thread.Sleep(1);
        }

        return failures;
    }
}
