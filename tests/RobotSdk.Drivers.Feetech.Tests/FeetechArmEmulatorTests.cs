using RobotSdk.Drivers.Feetech.Emulation;
using RobotSdk.Emulation;
using RobotSdk.Transports;

namespace RobotSdk.Drivers.Feetech.Tests;

/// <summary>The whole-arm emulator: one virtual servo per motor, with the arm's IDs, directions and models.</summary>
public sealed class FeetechArmEmulatorTests
{
    [Fact]
    public void TheDefaultBackend_HasOneJointPerMotor_AtZero_CappedAtTheStsNoLoadSpeed()
    {
        using var emulator = new FeetechArmEmulator(FeetechArms.So100Follower);

        var backend = Assert.IsType<FirstOrderJointBackend>(emulator.Backend);
        Assert.Equal(6, backend.JointCount);
        Assert.Equal(4.7, backend.MaxVelocity);
        Assert.All(Enumerable.Range(0, 6), joint => Assert.Equal(0, backend.GetPresentPosition(joint)));
    }

    [Fact]
    public void EveryMotor_AnswersAtItsId_WithItsModel_AndReversedMotorsCountTheOtherWay()
    {
        FeetechArm so101 = FeetechArms.So101Follower;
        FeetechArm arm = so101 with { Motors = [.. so101.Motors.Select(motor => motor.Name == "wrist_flex" ? motor with { Direction = -1 } : motor)] };
        var backend = new FirstOrderJointBackend(6, initialPositions: [0, 0, 0, 0.5, 0, 0]);
        using var emulator = new FeetechArmEmulator(arm, backend, new FeetechArmEmulatorOptions { ModelNumbers = { ["gripper"] = 1284 } });
        emulator.Start();
        using var port = new LinuxSerialPort(emulator.PortPath);
        var bus = new FeetechBus(port, EmulatedArm.PatientBus());
        bus.Open();

        IReadOnlyList<FeetechPingResult> found = bus.Scan([1, 2, 3, 4, 5, 6, 7]);

        Assert.Equal([1, 2, 3, 4, 5, 6], found.Select(servo => (int)servo.Id));
        Assert.Equal([777, 777, 777, 777, 777, 1284], found.Select(servo => servo.ModelNumber));
        Assert.Equal(2048 - StsUnits.RadiansToCounts(0.5) + 2048, bus.Read(4, Sts3215.PresentPosition));
        Assert.Equal(emulator.Emulator.PortPath, emulator.PortPath);
    }

    [Fact]
    public void OptionsNamingAnUnknownMotor_OrABackendWithTooFewJoints_AreRefused()
    {
        var options = new FeetechArmEmulatorOptions { ZeroOffsetsRadians = { ["elbow"] = 0.1 } };

        var unknown = Assert.Throws<ArgumentException>(() => new FeetechArmEmulator(FeetechArms.So101Follower, options: options));
        var small = Assert.Throws<ArgumentException>(() => new FeetechArmEmulator(FeetechArms.So101Follower, new FirstOrderJointBackend(5)));

        Assert.Contains("no motor called 'elbow'", unknown.Message);
        Assert.Contains("only 5 joints", small.Message);
    }

    [Fact]
    public void TheLinkPath_PointsAtThePty_AndGoesAwayOnDispose()
    {
        string link = Path.Combine(Path.GetTempPath(), $"ttyFEETECH-{Guid.NewGuid():N}");
        var emulator = new FeetechArmEmulator(FeetechArms.So101Leader, options: new FeetechArmEmulatorOptions { LinkPath = link });
        emulator.Start();

        Assert.Equal(link, emulator.PortPath);
        Assert.Equal(emulator.Emulator.PortPath, new FileInfo(link).LinkTarget);
        emulator.Dispose();
        Assert.False(File.Exists(link) || new FileInfo(link).LinkTarget is not null);
    }
}
