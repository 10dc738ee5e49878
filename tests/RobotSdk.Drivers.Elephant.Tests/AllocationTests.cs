using RobotSdk.Hardware;

namespace RobotSdk.Drivers.Elephant.Tests;

/// <summary>
/// The driver's real-time path allocates nothing, in steady state and in a repeating fault. Steady
/// state starts once the runtime has finished tiering the code up (its first tier-1 calls may allocate
/// on the calling thread): warm-up runs blocks of cycles until one allocates nothing.
/// </summary>
public sealed class AllocationTests : IDisposable
{
    private readonly EmulatedMyCobot _arm = new(options: new Emulation.MyCobotEmulatorOptions { ModelTiming = false });
    private readonly JointFrame _state = new(7);
    private readonly JointFrame _command = new(7);

    public void Dispose() => _arm.Dispose();

    [Fact]
    public void ReadAndWrite_Allocate_ZeroBytes_Over100SteadyStateCycles()
    {
        using MyCobotDriver driver = _arm.CreateDriver();
        driver.Configure();
        driver.Activate(CommandMode.Position);
        WarmUp(driver);

        long before = GC.GetAllocatedBytesForCurrentThread();
        int failures = Cycle(driver, 100);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, failures);
        Assert.Equal(0, allocated);
        Assert.Equal(0, driver.Diagnostics.Errors);
    }

    [Fact]
    public void ARepeatingTimeout_AllocatesNothing_AfterItsFirstOccurrence()
    {
        using MyCobotDriver driver = _arm.CreateDriver(new MyCobotDriverOptions { MaxConsecutiveFailures = 1000, Bus = new MyCobotBusOptions { ReplyTimeoutMs = 5, Retries = 1 } });
        driver.Configure();
        driver.Activate(CommandMode.Position);
        _arm.Emulator.CutPower();
        WarmUp(driver);

        long before = GC.GetAllocatedBytesForCurrentThread();
        int failures = Cycle(driver, 20);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(20, failures);
        Assert.Equal(0, allocated);
        Assert.IsType<HardwareTimeoutException>(driver.Diagnostics.LastFault);
    }

    private void WarmUp(MyCobotDriver driver)
    {
        for (int block = 0; block < 50; block++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            Cycle(driver, 20);
            if (GC.GetAllocatedBytesForCurrentThread() == before && block >= 2)
            {
                return;
            }
        }
    }

    private int Cycle(MyCobotDriver driver, int cycles)
    {
        int failures = 0;
        for (int cycle = 0; cycle < cycles; cycle++)
        {
            if (driver.Read(_state) != DriverStatus.Ok)
            {
                failures++;
                continue;
            }

            _command.CopyFrom(_state);
            _command.Positions[0] += (cycle % 2) == 0 ? 0.001 : -0.001;
            _command.Positions[6] = (cycle % 20) < 10 ? 0.2 : 0.3; // the gripper goal changes now and then
            if (driver.Write(_command) != DriverStatus.Ok)
            {
                failures++;
            }
        }

        return failures;
    }
}
