using RobotSdk.Hardware;

namespace RobotSdk.Drivers.UFactory.Tests;

/// <summary>
/// The real-time path allocates nothing, in steady state and in a repeating fault. Steady state
/// starts once the runtime has finished tiering the code up (its first tier-1 calls may allocate
/// on the calling thread): warm-up runs blocks of cycles until one allocates nothing.
/// </summary>
public sealed class AllocationTests : IDisposable
{
    private readonly EmulatedLite6 _arm = new(options: new Emulation.Lite6EmulatorOptions { ProcessingDelay = TimeSpan.Zero });
    private readonly JointFrame _state = new(Lite6Arm.JointCount);
    private readonly JointFrame _command = new(Lite6Arm.JointCount);

    public void Dispose() => _arm.Dispose();

    [Fact]
    public void ReadAndWrite_Allocate_ZeroBytes_Over200SteadyStateCycles()
    {
        using Lite6Driver driver = _arm.CreateDriver();
        driver.Configure();
        driver.Activate(CommandMode.Position);
        WarmUp(driver);

        long before = GC.GetAllocatedBytesForCurrentThread();
        int failures = Cycle(driver, 200);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, failures);
        Assert.Equal(0, allocated);
        Assert.Equal(0, driver.Diagnostics.Errors);
    }

    [Fact]
    public void ARepeatingTimeout_AllocatesNothing_AfterItsFirstOccurrence()
    {
        using Lite6Driver driver = _arm.CreateDriver(new Lite6DriverOptions { ReplyTimeoutMs = 3, CommandTimeoutMs = 2000, MaxConsecutiveFailures = 1000 });
        driver.Configure();
        driver.Activate(CommandMode.Position);
        _arm.Emulator.StopReplying();
        WarmUp(driver);

        long before = GC.GetAllocatedBytesForCurrentThread();
        int failures = Cycle(driver, 20);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(40, failures);
        Assert.Equal(0, allocated);
        Assert.IsType<HardwareTimeoutException>(driver.Diagnostics.LastFault);
    }

    private void WarmUp(Lite6Driver driver)
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

    private int Cycle(Lite6Driver driver, int cycles)
    {
        int failures = 0;
        for (int cycle = 0; cycle < cycles; cycle++)
        {
            if (driver.Read(_state) != DriverStatus.Ok)
            {
                failures++;
            }

            for (int joint = 0; joint < Lite6Arm.ArmJointCount; joint++)
            {
                double present = _state.Positions[joint];
                _command.Positions[joint] = double.IsFinite(present) ? present + ((cycle % 2) == 0 ? 0.001 : -0.001) : double.NaN;
            }

            _command.Positions[Lite6Arm.GripperIndex] = double.NaN;
            if (driver.Write(_command) != DriverStatus.Ok)
            {
                failures++;
            }
        }

        return failures;
    }
}
