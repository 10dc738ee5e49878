namespace RobotSdk.Drivers.Feetech.Tests;

/// <summary>EEPROM items take effect at once, but survive a power cycle only when written with Lock = 0.</summary>
public sealed class EepromLockTests : IDisposable
{
    private readonly EmulatedBus _fixture = new();

    private FeetechBus Bus => _fixture.Bus;

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void Lock_IsOneAtPowerOn()
    {
        Assert.Equal(1, Bus.Read(1, Sts3215.Lock));
    }

    [Fact]
    public void EepromWrite_WhileLocked_TakesEffect_ButIsLostAtPowerCycle()
    {
        Bus.Write(1, Sts3215.MaxAngleLimit, 3000);
        Assert.Equal(3000, Bus.Read(1, Sts3215.MaxAngleLimit));

        _fixture.Emulator.PowerCycle(1);

        Assert.Equal(4095, Bus.Read(1, Sts3215.MaxAngleLimit));
    }

    [Fact]
    public void EepromWrite_WhileUnlocked_SurvivesAPowerCycle()
    {
        Bus.Write(1, Sts3215.Lock, 0);
        Bus.Write(1, Sts3215.HomingOffset, -300);
        Bus.Write(1, Sts3215.Lock, 1);

        _fixture.Emulator.PowerCycle(1);

        Assert.Equal(-300, Bus.Read(1, Sts3215.HomingOffset));
        Assert.Equal(1, Bus.Read(1, Sts3215.Lock));
    }

    [Fact]
    public void RamWrites_AreLostAtPowerCycle_EvenWhenUnlocked()
    {
        Bus.Write(2, Sts3215.Lock, 0);
        Bus.Write(2, Sts3215.Acceleration, 100);
        Bus.Write(2, Sts3215.TorqueEnable, 1);

        _fixture.Emulator.PowerCycle(2);

        Assert.Equal(0, Bus.Read(2, Sts3215.Acceleration));
        Assert.Equal(0, Bus.Read(2, Sts3215.TorqueEnable));
    }

    [Fact]
    public void ChangingTheId_Unlocked_MovesTheServoToTheNewIdForGood()
    {
        Bus.Write(3, Sts3215.Lock, 0);
        Bus.Write(3, Sts3215.Id, 13);
        Bus.Write(13, Sts3215.Lock, 1);

        _fixture.Emulator.PowerCycle(13);

        Assert.Equal(13, Bus.Ping(13).Id);
        Assert.Equal(13, Bus.Read(13, Sts3215.Id));
    }

    [Fact]
    public void ChangingTheId_Locked_LastsUntilPowerCycle()
    {
        Bus.Write(3, Sts3215.Id, 13);
        Assert.Equal(13, Bus.Ping(13).Id);

        _fixture.Emulator.PowerCycle(13);

        Assert.Equal(3, Bus.Ping(3).Id);
    }

    [Fact]
    public void ReadOnlyBytes_IgnoreRawWrites()
    {
        Bus.Write(1, Sts3215.ModelNumber.Address, [0x01, 0x02]);

        Assert.Equal(777, Bus.Read(1, Sts3215.ModelNumber));
    }

    [Fact]
    public void ChangingTheBaudRate_SilencesTheServo_UntilTheClientFollows()
    {
        using var fixture = new EmulatedBus(busOptions: EmulatedBus.FastFailing(retries: 0));
        fixture.Bus.Write(1, Sts3215.BaudRate, StsUnits.CodeFromBaudRate(500_000));
        Assert.Throws<HardwareTimeoutException>(() => fixture.Bus.Ping(1));

        fixture.Port.BaudRate = 500_000;

        Assert.Equal(1, fixture.Bus.Ping(1).Id);
        Assert.Throws<HardwareTimeoutException>(() => fixture.Bus.Ping(2));
    }
}
