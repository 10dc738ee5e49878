using RobotSdk.Drivers.Feetech.Emulation;

namespace RobotSdk.Drivers.Feetech.Tests;

/// <summary>How the virtual servos map registers onto joints: direction, zero offset, homing offset, limits.</summary>
public sealed class VirtualServoTests
{
    [Fact]
    public void PresentPosition_FollowsDirectionAndZeroOffset()
    {
        double zero = StsUnits.CountsToRadians(2148); // the horn sits 100 counts off centre
        using var fixture = new EmulatedBus([new VirtualServoConfiguration(1, 0, Direction: -1, ZeroOffsetRadians: zero - StsUnits.CountsToRadians(2048))]);

        fixture.Backend.SetPosition(0, StsUnits.CountsToRadians(2048 + 500));

        // servo angle = -joint + offset: 2048 - 500 + 100.
        Assert.Equal(1648, fixture.Bus.Read(1, Sts3215.PresentPosition));
    }

    [Fact]
    public void HomingOffset_IsSubtracted_PresentEqualsActualMinusOffset()
    {
        using var fixture = new EmulatedBus();
        fixture.Backend.SetPosition(0, StsUnits.CountsToRadians(2500));

        fixture.Bus.Write(1, Sts3215.HomingOffset, 452);

        Assert.Equal(2048, fixture.Bus.Read(1, Sts3215.PresentPosition));
    }

    [Fact]
    public void PresentPosition_WrapsWithinOneTurn()
    {
        using var fixture = new EmulatedBus();
        fixture.Backend.SetPosition(0, StsUnits.CountsToRadians(100));

        fixture.Bus.Write(1, Sts3215.HomingOffset, 200);

        Assert.Equal(3996, fixture.Bus.Read(1, Sts3215.PresentPosition));
    }

    [Fact]
    public void Goal_AddsTheHomingOffset_BeforeMovingTheJoint()
    {
        using var fixture = new EmulatedBus();
        fixture.Bus.Write(1, Sts3215.HomingOffset, -100);
        fixture.Bus.Write(1, Sts3215.TorqueEnable, 1);

        fixture.Bus.Write(1, Sts3215.GoalPosition, 2148);

        Poll.Until(() => StsUnits.RadiansToCounts(fixture.Backend.GetPresentPosition(0)) == 2048, "the joint to reach actual count 2048");
        Assert.Equal(2148, fixture.Bus.Read(1, Sts3215.PresentPosition));
    }

    [Fact]
    public void Goal_IsClampedToTheAngleLimits_InPositionMode()
    {
        using var fixture = new EmulatedBus();
        fixture.Bus.Write(1, Sts3215.MinAngleLimit, 1000);
        fixture.Bus.Write(1, Sts3215.MaxAngleLimit, 3000);
        fixture.Bus.Write(1, Sts3215.TorqueEnable, 1);

        fixture.Bus.Write(1, Sts3215.GoalPosition, 3500);

        Poll.Until(() => StsUnits.RadiansToCounts(fixture.Backend.GetPresentPosition(0)) == 3000, "the joint to stop at the limit");
        Assert.Equal(3500, fixture.Bus.Read(1, Sts3215.GoalPosition));
    }

    [Fact]
    public void Goal_IsIgnored_WhileTorqueIsOff()
    {
        using var fixture = new EmulatedBus();

        fixture.Bus.Write(1, Sts3215.GoalPosition, 3000);

        Assert.Equal(0, fixture.Backend.GetPresentPosition(0));
    }

    [Fact]
    public void EnablingTorque_HoldsThePresentPosition()
    {
        using var fixture = new EmulatedBus();
        fixture.Backend.SetPosition(0, StsUnits.CountsToRadians(2300));
        fixture.Bus.Write(1, Sts3215.GoalPosition, 100);

        fixture.Bus.Write(1, Sts3215.TorqueEnable, 1);

        Assert.Equal(2300, fixture.Bus.Read(1, Sts3215.GoalPosition));
        Assert.Equal(StsUnits.CountsToRadians(2300), fixture.Backend.GetPresentPosition(0), 9);
    }

    [Fact]
    public void ReversedServo_MovesTheJointTheOtherWay()
    {
        using var fixture = new EmulatedBus([new VirtualServoConfiguration(1, 0, Direction: -1)]);
        fixture.Bus.Write(1, Sts3215.TorqueEnable, 1);

        fixture.Bus.Write(1, Sts3215.GoalPosition, 3072);

        Poll.Until(() => Math.Abs(fixture.Backend.GetPresentPosition(0) + (Math.PI / 2)) < 1e-9, "the joint to reach -pi/2");
    }

    [Fact]
    public void Speed_IsReportedSignMagnitude_InCountsPerSecond()
    {
        var slow = new RobotSdk.Emulation.FirstOrderJointBackend(1, timeConstantSeconds: 10, maxVelocity: 0.5);
        using var emulator = new FeetechEmulator(slow, [new VirtualServoConfiguration(1, 0)]);
        emulator.Start();
        using var port = new Transports.LinuxSerialPort(emulator.PortPath);
        var bus = new FeetechBus(port, new FeetechBusOptions { ReplyTimeoutMs = 250 });
        bus.Open();
        bus.Write(1, Sts3215.TorqueEnable, 1);

        bus.Write(1, Sts3215.GoalPosition, 0);

        Poll.Until(() => bus.Read(1, Sts3215.Moving) == 1, "the servo to report moving");
        int speed = bus.Read(1, Sts3215.PresentSpeed);
        Assert.InRange(speed, -StsUnits.RadiansPerSecondToCountsPerSecond(0.5) - 1, -1);
    }

    [Fact]
    public void Constructor_RejectsBadConfigurations()
    {
        var backend = new RobotSdk.Emulation.FirstOrderJointBackend(2);

        Assert.Throws<ArgumentOutOfRangeException>(() => new FeetechEmulator(backend, [new VirtualServoConfiguration(1, 2)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FeetechEmulator(backend, [new VirtualServoConfiguration(1, 0, Direction: 0)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FeetechEmulator(backend, [new VirtualServoConfiguration(254, 0)]));
        Assert.Throws<ArgumentException>(() => new FeetechEmulator(backend, [new VirtualServoConfiguration(1, 0), new VirtualServoConfiguration(1, 1)]));
        Assert.Throws<ArgumentException>(() => new FeetechEmulator(backend, []));
    }
}
