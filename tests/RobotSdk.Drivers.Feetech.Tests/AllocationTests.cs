namespace RobotSdk.Drivers.Feetech.Tests;

/// <summary>
/// The real-time path allocates nothing, in steady state and in a repeating fault. Steady state
/// starts once the runtime has finished tiering the code up (its first tier-1 calls may allocate
/// on the calling thread): warm-up runs blocks of cycles until one allocates nothing.
/// </summary>
public sealed class AllocationTests : IDisposable
{
    private readonly EmulatedBus _fixture = new(emulatorOptions: new Emulation.FeetechEmulatorOptions { ReturnDelayTime = 0 });
    private readonly byte[] _state = new byte[6 * 8];
    private readonly byte[] _goals = new byte[6 * 2];

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void SyncReadAndSyncWrite_Allocate_ZeroBytes_Over200SteadyStateCycles()
    {
        FeetechBus bus = _fixture.Bus;
        bus.Write(FeetechPacket.BroadcastId, Sts3215.TorqueEnable, 1);
        WarmUp(bus);

        long before = GC.GetAllocatedBytesForCurrentThread();
        int failures = Cycle(bus, 200);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, failures);
        Assert.Equal(0, allocated);
        Assert.Equal(0, bus.Diagnostics.Errors);
    }

    [Fact]
    public void ARepeatingTimeout_AllocatesNothing_AfterItsFirstOccurrence()
    {
        var bus = new FeetechBus(_fixture.Port, new FeetechBusOptions { ReplyTimeoutMs = 3, Retries = 1 });
        _fixture.Emulator.RemoveServo(1); // the first in the list: every attempt fails on it, however slow the others are
        WarmUp(bus);

        long before = GC.GetAllocatedBytesForCurrentThread();
        int failures = Cycle(bus, 20);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(20, failures);
        Assert.Equal(0, allocated);
        Assert.Equal(1, bus.Diagnostics.LastFault!.DeviceId);
    }

    private void WarmUp(FeetechBus bus)
    {
        for (int block = 0; block < 50; block++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            Cycle(bus, 20);
            if (GC.GetAllocatedBytesForCurrentThread() == before && block >= 2)
            {
                return;
            }
        }
    }

    private int Cycle(FeetechBus bus, int cycles)
    {
        int failures = 0;
        for (int cycle = 0; cycle < cycles; cycle++)
        {
            if (bus.SyncRead(Sts3215.PresentPosition.Address, 8, EmulatedBus.ArmIds, _state) != FeetechStatus.Ok)
            {
                failures++;
            }

            for (int i = 0; i < 6; i++)
            {
                int present = Sts3215.PresentPosition.Decode(_state.AsSpan(8 * i));
                Sts3215.GoalPosition.Encode(present + ((cycle % 2) == 0 ? 1 : -1), _goals.AsSpan(2 * i));
            }

            if (bus.SyncWrite(Sts3215.GoalPosition.Address, 2, EmulatedBus.ArmIds, _goals) != FeetechStatus.Ok)
            {
                failures++;
            }
        }

        return failures;
    }
}
