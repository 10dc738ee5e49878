using RobotSdk.Transports;

namespace RobotSdk.Drivers.AgileX.Tests;

/// <summary>
/// The golden SLCAN lines of REFERENCE.md section 3, which piper_sdk produced through python-can,
/// reproduced byte for byte through the real <see cref="SlcanBus"/> on a real pty and read back
/// from the pty's master side.
/// </summary>
public sealed class GoldenSlcanLineTests : IDisposable
{
    private const string EnableAll = "t47180702000000000000";
    private const string CanControlJointModeSpeed50 = "t15180101320000000000";
    private const string Gripper50MillimetresEffort1Enable = "t15980000C35003E80100";
    private readonly ScriptedSlcanArm _arm = new();

    public void Dispose() => _arm.Dispose();

    [Fact]
    public void TheProtocolBuilders_ThroughSlcanBus_WriteEveryGoldenLine()
    {
        using var port = new LinuxSerialPort(_arm.PortPath);
        using var bus = new SlcanBus(port);
        bus.Open(1_000_000);

        bus.Send(PiperProtocol.EncodeMotorEnable(new MotorEnableCommand(MotorEnableCommand.AllMotors, Enable: true)));
        bus.Send(PiperProtocol.EncodeMotionControl(new MotionControlCommand(ControlMode.CanControl, MoveMode.Joint, 50, MitMode.PositionSpeed)));
        bus.Send(PiperProtocol.EncodeJointTargets(0, Degrees(10), Degrees(-20)));
        bus.Send(PiperProtocol.EncodeJointTargets(1, Degrees(30), Degrees(0)));
        bus.Send(PiperProtocol.EncodeJointTargets(2, Degrees(45), Degrees(-90)));
        bus.Send(PiperProtocol.EncodeGripperControl(new GripperCommand(0.050, 1.0, GripperCode.Enable)));

        Poll.Until(() => _arm.FrameLines.Length >= 6, "six frame lines on the wire");
        Assert.Equal(["C", "S8", "O"], _arm.Lines.Take(3));
        Assert.Equal(
            [EnableAll, CanControlJointModeSpeed50, "t155800002710FFFFB1E0", "t15680000753000000000", "t15780000AFC8FFFEA070", Gripper50MillimetresEffort1Enable],
            _arm.FrameLines);
    }

    [Fact]
    public void TheDriver_WritesTheGoldenModeAndEnableLinesOnActivate_AndTheGoldenGripperLine()
    {
        using var driver = new PiperDriver(_arm.PortPath, new PiperDriverOptions { ConnectTimeoutMs = 5000, EnableTimeoutMs = 5000, FeedbackTimeoutMs = 1000 });
        driver.Configure();
        int configureLines = RecordedAll(driver);

        driver.Activate(CommandMode.Position);
        var command = new JointFrame(PiperArm.JointCount);
        command.Positions.Clear();
        command.Positions[PiperArm.GripperJointIndex] = 0.050;
        Assert.Equal(Hardware.DriverStatus.Ok, driver.Write(command));

        Poll.Until(() => _arm.FrameLines.Contains(Gripper50MillimetresEffort1Enable), "the gripper line");
        string[] activation = _arm.FrameLines[configureLines..];
        Assert.Equal(CanControlJointModeSpeed50, activation[0]);
        Assert.Equal(EnableAll, activation[1]);
        Assert.Contains(Gripper50MillimetresEffort1Enable, activation);

        // Configure disabled all motors (motor 7, flag 0x01) and the gripper (code 0), and sent nothing else.
        Assert.Equal(["t47180701000000000000", "t15980000000003E80000"], _arm.FrameLines[..configureLines]);
    }

    [Fact]
    public void TheDriversDeactivate_DisablesAllMotors_WithTheDisableFlag()
    {
        using var driver = new PiperDriver(_arm.PortPath, new PiperDriverOptions { ConnectTimeoutMs = 5000, EnableTimeoutMs = 5000 });
        driver.Configure();
        driver.Activate(CommandMode.Position);
        int before = RecordedAll(driver);

        driver.Deactivate();

        Poll.Until(() => _arm.FrameLines.Length >= before + 2, "the disable lines");
        Assert.Equal("t47180701000000000000", _arm.FrameLines[before]);
        Assert.StartsWith("t1598", _arm.FrameLines[before + 1], StringComparison.Ordinal);
        Assert.EndsWith("0000", _arm.FrameLines[before + 1], StringComparison.Ordinal);
    }

    private static double Degrees(double degrees) => degrees * Math.PI / 180;

    /// <summary>Waits until the scripted arm has recorded every frame the driver sent; returns their count.</summary>
    private int RecordedAll(PiperDriver driver)
    {
        int sent = (int)driver.BusStatistics.FramesSent;
        Poll.Until(() => _arm.FrameLines.Length >= sent, $"{sent} frame lines");
        return sent;
    }
}
