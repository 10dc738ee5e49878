using System.Diagnostics;
using RobotSdk.Drivers.AgileX.Emulation;
using RobotSdk.Geometry;
using RobotSdk.Kinematics;
using RobotSdk.Transports;

namespace RobotSdk.Drivers.AgileX.Tests;

/// <summary>The emulated PiPER as an SLCAN client sees it, through the real <see cref="SlcanBus"/>, without the driver.</summary>
public sealed class PiperEmulatorTests : IDisposable
{
    private readonly EmulatedPiper _arm = new([0.2, 0.5, -0.4, 0.1, -0.2, 0.3, 0.02]);
    private readonly LinuxSerialPort _port;
    private readonly SlcanBus _bus;

    public PiperEmulatorTests()
    {
        _port = new LinuxSerialPort(_arm.LinkPath);
        _bus = new SlcanBus(_port);
        _bus.Open(1_000_000);
    }

    public void Dispose()
    {
        _bus.Dispose();
        _port.Dispose();
        _arm.Dispose();
    }

    [Fact]
    public void TheArm_BroadcastsEveryFeedbackFrame_WithItsJointPositions()
    {
        Dictionary<uint, CanFrame> latest = Collect(TimeSpan.FromMilliseconds(300));

        uint[] expected = [0x251, 0x252, 0x253, 0x254, 0x255, 0x256, 0x261, 0x262, 0x263, 0x264, 0x265, 0x266, 0x2A1, 0x2A2, 0x2A3, 0x2A4, 0x2A5, 0x2A6, 0x2A7, 0x2A8];
        Assert.Equal(expected, latest.Keys.Order());
        Assert.True(PiperProtocol.TryDecodeJointFeedback(latest[0x2A6], out _, out double joint3, out double joint4));
        Assert.Equal((-0.4, 0.1), (Math.Round(joint3, 4), Math.Round(joint4, 4)));
        Assert.True(PiperProtocol.TryDecodeGripperFeedback(latest[0x2A8], out GripperFeedback gripper));
        Assert.Equal(0.02, gripper.StrokeMeters, 1e-6);
        Assert.True(PiperProtocol.TryDecodeArmStatus(latest[0x2A1], out ArmStatusFeedback status));
        Assert.Equal(ControlMode.Standby, status.ControlMode);
        Assert.Equal(ArmStatus.Normal, status.Status);
        Assert.True(PiperProtocol.TryDecodeLowSpeedFeedback(latest[0x261], out MotorLowSpeedFeedback motor1));
        Assert.Equal(MotorDriverStatus.None, motor1.Status & MotorDriverStatus.Enabled);
    }

    [Fact]
    public void TheHighRateFeedback_ComesAboutFiveTimesAsOftenAsTheLowSpeedFeedback()
    {
        var counts = new Dictionary<uint, int>();
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.ElapsedMilliseconds < 1000)
        {
            if (_bus.TryReceive(out CanFrame frame, 50))
            {
                counts[frame.Id] = counts.GetValueOrDefault(frame.Id) + 1;
            }
        }

        // 200 Hz and 40 Hz nominal; only loose bounds on a shared machine.
        double ratio = (double)counts[0x2A5] / counts[0x261];
        Assert.InRange(ratio, 3.0, 7.0);
        Assert.InRange(counts[0x2A5], 50, 260);
        Assert.Equal(counts[0x2A5], counts[0x251], 5.0);
    }

    [Fact]
    public void TheEndPose_IsTheNominalChainsToolPose()
    {
        Dictionary<uint, CanFrame> latest = Collect(TimeSpan.FromMilliseconds(300));
        Pose expected = new SerialChain(PiperArm.Description).ForwardKinematics([0.2, 0.5, -0.4, 0.1, -0.2, 0.3]);

        Assert.True(PiperProtocol.TryDecodeEndPose(latest[0x2A2], out _, out double x, out double y));
        Assert.True(PiperProtocol.TryDecodeEndPose(latest[0x2A3], out _, out double z, out double roll));
        Assert.True(PiperProtocol.TryDecodeEndPose(latest[0x2A4], out _, out double pitch, out double yaw));
        Assert.Equal(expected.Position.X, x, 2e-6);
        Assert.Equal(expected.Position.Y, y, 2e-6);
        Assert.Equal(expected.Position.Z, z, 2e-6);
        Assert.True(Rotation.FromRollPitchYaw(roll, pitch, yaw).AngleTo(expected.Orientation) < 1e-4);
    }

    [Fact]
    public void InStandby_JointTargetsAreIgnored_EvenWithTheMotorsEnabled()
    {
        Send(PiperProtocol.EncodeMotorEnable(new MotorEnableCommand(MotorEnableCommand.AllMotors, true)));
        Poll.Until(() => _arm.Emulator.IsMotorEnabled(1), "the motors to enable");

        Send(PiperProtocol.EncodeJointTargets(0, 1.0, 1.0));
        SendModeAndWait(ControlMode.CanControl, MoveMode.Point, 100);
        Send(PiperProtocol.EncodeJointTargets(0, 1.0, 1.0));

        Poll.Until(() => _arm.Emulator.GetFramesReceived(PiperCanIds.JointTargets12) == 2, "both target frames to arrive");
        Assert.Equal(0.2, _arm.Emulator.GetTarget(0), 1e-9);
        Assert.Equal(0.2, _arm.Joints.GetPresentPosition(0), 1e-3);
    }

    [Fact]
    public void InCanControlAndMoveJ_EnabledJointsFollowTheirTargets_AndDisabledOnesDoNot()
    {
        SendModeAndWait(ControlMode.CanControl, MoveMode.Joint, 100);
        for (int motor = 1; motor <= 5; motor++)
        {
            Send(PiperProtocol.EncodeMotorEnable(new MotorEnableCommand((byte)motor, true)));
        }

        Poll.Until(() => _arm.Emulator.IsMotorEnabled(5), "motors 1 to 5 to enable");
        Send(PiperProtocol.EncodeJointTargets(0, 0.5, 1.0));
        Send(PiperProtocol.EncodeJointTargets(2, 0.4, 0.9));

        Poll.Until(() => Math.Abs(_arm.Joints.GetPresentPosition(1) - 1.0) < 0.002, "joint 2 to reach 1.0 rad");
        Poll.Until(() => Math.Abs(_arm.Joints.GetPresentPosition(4) - 0.4) < 0.002, "joint 5 to reach 0.4 rad");
        Assert.Equal(0.5, _arm.Joints.GetPresentPosition(0), 0.002);
        Assert.Equal(0.3, _arm.Joints.GetPresentPosition(5), 1e-9); // motor 6 disabled: torque off
        Assert.False(_arm.Emulator.IsMotorEnabled(6));
    }

    [Fact]
    public void TheSpeedPercent_LimitsHowFastTheJointsMove()
    {
        SendModeAndWait(ControlMode.CanControl, MoveMode.Joint, 10);
        Send(PiperProtocol.EncodeMotorEnable(new MotorEnableCommand(MotorEnableCommand.AllMotorsAlternative, true)));
        Poll.Until(() => _arm.Emulator.IsMotorEnabled(1), "the motors to enable");

        var stopwatch = Stopwatch.StartNew();
        Send(PiperProtocol.EncodeJointTargets(0, 1.2, 0.5));
        Poll.Until(() => _arm.Joints.GetPresentPosition(0) > 0.25, "joint 1 to start moving");
        double moved = _arm.Joints.GetPresentPosition(0) - 0.2;

        // 10 % of 3 rad/s: it cannot have gone faster than 0.3 rad/s (plus one feedback period).
        Assert.True(moved <= (0.3 * stopwatch.Elapsed.TotalSeconds) + 0.01, $"moved {moved} rad in {stopwatch.Elapsed.TotalSeconds} s");
        Assert.Equal(10, _arm.Emulator.SpeedPercent);
    }

    [Fact]
    public void TargetsBeyondTheLimits_AreClamped_AndTheStatusSaysSo()
    {
        SendModeAndWait(ControlMode.CanControl, MoveMode.Joint, 100);
        Send(PiperProtocol.EncodeMotorEnable(new MotorEnableCommand(MotorEnableCommand.AllMotors, true)));
        Poll.Until(() => _arm.Emulator.IsMotorEnabled(3), "the motors to enable");

        Send(PiperProtocol.EncodeJointTargets(1, 0.5, 0.1)); // joint 3's upper limit is 0

        Poll.Until(() => _arm.Emulator.GetTarget(2) == 0, "joint 3's target to be clamped to 0");
        Poll.Until(() => LatestStatus().Status == ArmStatus.TargetExceedsLimit, "the status to report the limit");
    }

    [Fact]
    public void TheGripper_FollowsItsStroke_WhenEnabled_AndSetZeroMovesItsZero()
    {
        SendModeAndWait(ControlMode.CanControl, MoveMode.Joint, 100);

        Send(PiperProtocol.EncodeGripperControl(new GripperCommand(0.06, 2.0, GripperCode.Enable)));
        Poll.Until(() => Math.Abs(_arm.Joints.GetPresentPosition(6) - 0.06) < 1e-4, "the gripper to open to 60 mm");
        Assert.True(_arm.Emulator.IsMotorEnabled(7));
        Assert.Equal(2.0, _arm.Emulator.GripperEffortNewtonMeters);

        Send(PiperProtocol.EncodeGripperControl(new GripperCommand(0, 1.0, GripperCode.Disable, SetZero: true)));
        Poll.Until(() => !_arm.Emulator.IsMotorEnabled(7), "the gripper to disable");
        Poll.Until(() => PiperProtocol.TryDecodeGripperFeedback(NextFrame(PiperCanIds.GripperFeedback), out GripperFeedback g) && Math.Abs(g.StrokeMeters) < 1e-5, "the stroke to read 0 after set-zero");
    }

    [Fact]
    public void DisablingAllMotors_TurnsTorqueOffInTheBackend()
    {
        SendModeAndWait(ControlMode.CanControl, MoveMode.Joint, 100);
        Send(PiperProtocol.EncodeMotorEnable(new MotorEnableCommand(MotorEnableCommand.AllMotors, true)));
        Poll.Until(() => _arm.Emulator.IsMotorEnabled(7), "every motor to enable");

        Send(PiperProtocol.EncodeMotorEnable(new MotorEnableCommand(MotorEnableCommand.AllMotors, false)));
        Poll.Until(() => !_arm.Emulator.AnyMotorEnabled(), "every motor to disable");

        _arm.Joints.SetPosition(0, -0.7); // a limp joint moves when pushed and stays there
        Poll.Until(() => PiperProtocol.TryDecodeJointFeedback(NextFrame(PiperCanIds.JointFeedback12), out _, out double j1, out _) && Math.Abs(j1 + 0.7) < 1e-4, "the pushed joint's feedback");
    }

    [Fact]
    public void PowerOff_SilencesTheArm_AndPowerOn_BringsItBackInStandby()
    {
        SendModeAndWait(ControlMode.CanControl, MoveMode.Joint, 100);
        _arm.Emulator.PowerOff();
        Collect(TimeSpan.FromMilliseconds(50)); // what was already on its way

        Assert.Empty(Collect(TimeSpan.FromMilliseconds(200)));
        Assert.False(_arm.Emulator.IsPoweredOn);

        _arm.Emulator.PowerOn();
        Assert.Equal(ControlMode.Standby, LatestStatus().ControlMode);
    }

    [Fact]
    public void AnInjectedStatus_IsReported_AndAFaultFreezesTheJoints()
    {
        SendModeAndWait(ControlMode.CanControl, MoveMode.Joint, 100);
        Send(PiperProtocol.EncodeMotorEnable(new MotorEnableCommand(MotorEnableCommand.AllMotors, true)));
        Poll.Until(() => _arm.Emulator.IsMotorEnabled(1), "the motors to enable");

        _arm.Emulator.SetArmStatus(ArmStatus.Collision, ArmErrors.Joint2CommunicationError);
        Send(PiperProtocol.EncodeJointTargets(0, 1.0, 1.0));

        Poll.Until(() => LatestStatus() is { Status: ArmStatus.Collision, Errors: ArmErrors.Joint2CommunicationError }, "the injected status");
        Poll.Until(() => _arm.Emulator.GetFramesReceived(PiperCanIds.JointTargets12) == 1, "the target frame to arrive");
        Assert.Equal(0.2, _arm.Joints.GetPresentPosition(0), 1e-3);
    }

    [Fact]
    public void Dispose_RemovesTheLink_AndTheConstructorRefusesASmallBackend()
    {
        var arm = new PiperEmulator(options: new PiperEmulatorOptions { LinkPath = Path.Combine(Path.GetTempPath(), $"ttyPIPER-{Guid.NewGuid():N}") });
        arm.Start();
        string link = arm.PortPath;
        Assert.True(File.Exists(link));

        arm.Dispose();

        Assert.False(File.Exists(link));
        Assert.Throws<ArgumentException>(() => new PiperEmulator(new global::RobotSdk.Emulation.FirstOrderJointBackend(6)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PiperEmulator(options: new PiperEmulatorOptions { FeedbackRateHz = 0 }));
    }

    private void Send(CanFrame frame) => _bus.Send(frame);

    private void SendModeAndWait(ControlMode mode, MoveMode move, int speed)
    {
        Send(PiperProtocol.EncodeMotionControl(new MotionControlCommand(mode, move, speed, MitMode.PositionSpeed)));
        Poll.Until(() => _arm.Emulator.ControlMode == mode && _arm.Emulator.MoveMode == move && _arm.Emulator.SpeedPercent == speed, "the mode to take effect");
    }

    private ArmStatusFeedback LatestStatus()
    {
        Assert.True(PiperProtocol.TryDecodeArmStatus(NextFrame(PiperCanIds.ArmStatus), out ArmStatusFeedback status));
        return status;
    }

    /// <summary>The first frame with <paramref name="id"/> sent after the call (what was queued before is skipped).</summary>
    private CanFrame NextFrame(uint id)
    {
        while (_bus.TryReceive(out _, 0))
        {
        }

        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.ElapsedMilliseconds < 5000)
        {
            if (_bus.TryReceive(out CanFrame frame, 100) && frame.Id == id)
            {
                return frame;
            }
        }

        Assert.Fail($"No frame 0x{id:X3} within 5 s.");
        return default;
    }

    /// <summary>The latest frame of each identifier received over <paramref name="duration"/>.</summary>
    private Dictionary<uint, CanFrame> Collect(TimeSpan duration)
    {
        var latest = new Dictionary<uint, CanFrame>();
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < duration)
        {
            if (_bus.TryReceive(out CanFrame frame, 5))
            {
                latest[frame.Id] = frame;
            }
        }

        return latest;
    }
}
