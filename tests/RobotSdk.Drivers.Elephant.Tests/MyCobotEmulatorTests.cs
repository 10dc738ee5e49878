using System.Diagnostics;
using RobotSdk.Drivers.Elephant.Emulation;
using RobotSdk.Transports;

namespace RobotSdk.Drivers.Elephant.Tests;

/// <summary>The emulated firmware through the real bus on its pty: protocol, motion, power, faults.</summary>
public sealed class MyCobotEmulatorTests : IDisposable
{
    private readonly List<IDisposable> _owned = [];
    private readonly double[] _degrees = new double[6];

    public void Dispose()
    {
        for (int i = _owned.Count - 1; i >= 0; i--)
        {
            _owned[i].Dispose();
        }
    }

    [Fact]
    public void Start_MakesTheLink_AndDispose_RemovesIt()
    {
        var arm = new EmulatedMyCobot();
        string link = arm.LinkPath;
        Assert.True(File.Exists(link));
        Assert.True(arm.Emulator.IsRunning);

        arm.Dispose();

        Assert.False(File.Exists(link));
        Assert.False(arm.Emulator.IsRunning);
    }

    [Fact]
    public void GetAngles_ReportsTheBackendsJoints_InHundredthsOfADegree()
    {
        double[] pose = [0.1, -0.2, 0.3, -0.4, 0.5, -0.6];
        (EmulatedMyCobot _, MyCobotBus bus) = Connect(pose);

        Assert.Equal(MyCobotStatus.Ok, bus.ReadAngles(_degrees));

        for (int joint = 0; joint < 6; joint++)
        {
            Assert.Equal(pose[joint] * 180 / Math.PI, _degrees[joint], 0.006);
        }
    }

    [Fact]
    public void SendAngles_MovesNoFasterThanTheCommandedSpeed_AndArrives()
    {
        (EmulatedMyCobot arm, MyCobotBus bus) = Connect();
        var stopwatch = Stopwatch.StartNew();

        Assert.Equal(MyCobotStatus.Ok, bus.SendAngles([40, 0, 0, 0, 0, 0], 25)); // 25 % of 2 rad/s = 0.5 rad/s
        Poll.Until(() => arm.Emulator.GetJointPosition(0) > 0.2, "joint 1 to pass 0.2 rad");
        long elapsed = stopwatch.ElapsedMilliseconds;
        Poll.Until(() => Math.Abs(arm.Emulator.GetJointPosition(0) - (40 * Math.PI / 180)) < 0.005, "joint 1 to reach 40 degrees");

        Assert.True(elapsed >= 0.2 / 0.5 * 1000 * 0.9, $"0.2 rad took {elapsed} ms at 0.5 rad/s");
        Assert.Equal(25, arm.Emulator.LastSpeed);
    }

    [Fact]
    public void Goals_BeyondTheJointLimits_AreClamped()
    {
        (EmulatedMyCobot arm, MyCobotBus bus) = Connect();

        Assert.Equal(MyCobotStatus.Ok, bus.SendAngles([0, 170, 0, 0, 0, 0], 100));

        Poll.Until(() => arm.Emulator.GetTarget(1) != 0, "the move to reach the arm");
        Assert.Equal(MyCobot280.MaxPositionRadians(1), arm.Emulator.GetTarget(1), 1e-9);
        Poll.Until(() => Math.Abs(arm.Emulator.GetJointPosition(1) - MyCobot280.MaxPositionRadians(1)) < 0.005, "joint 2 to stop at its limit");
    }

    [Fact]
    public void SendAngle_MovesOneJoint()
    {
        (EmulatedMyCobot arm, MyCobotBus bus) = Connect();

        Assert.Equal(MyCobotStatus.Ok, bus.SendAngle(3, -30, 100));

        Poll.Until(() => Math.Abs(arm.Emulator.GetJointPosition(2) + (30 * Math.PI / 180)) < 0.005, "joint 3 to reach -30 degrees");
        Assert.Equal(0, arm.Emulator.GetJointPosition(1), 1e-9);
    }

    [Fact]
    public void Release_FreesTheJoints_AnglesStayReadable_AndPowerOn_LocksThemWhereTheyAre()
    {
        (EmulatedMyCobot arm, MyCobotBus bus) = Connect();
        Assert.True(arm.Emulator.IsEngaged(0));

        Assert.Equal(MyCobotStatus.Ok, bus.ReleaseAllServos());
        Poll.Until(() => !arm.Emulator.IsEngaged(0), "the release to take effect");
        arm.Joints.SetPosition(0, 0.3); // moved by hand
        Assert.Equal(MyCobotStatus.Ok, bus.ReadAngles(_degrees));
        Assert.Equal(0.3 * 180 / Math.PI, _degrees[0], 0.006);

        Assert.Equal(MyCobotStatus.Ok, bus.PowerOn());
        Poll.Until(() => arm.Emulator.IsEngaged(0), "power on to lock the servos");

        Assert.Equal(0.3, arm.Emulator.GetTarget(0), 1e-9);
        Assert.All(Enumerable.Range(0, 6), joint => Assert.True(arm.Emulator.IsEngaged(joint)));
    }

    [Fact]
    public void PowerOff_LeavesTheJointsFree_AndTheAnglesUnanswered()
    {
        (EmulatedMyCobot arm, MyCobotBus bus) = Connect(busOptions: new MyCobotBusOptions { ReplyTimeoutMs = 400, Retries = 0 });

        Assert.Equal(MyCobotStatus.Ok, bus.PowerOff());
        Poll.Until(() => !arm.Emulator.IsPoweredOn, "power off");

        Assert.Equal(MyCobotStatus.Ok, bus.ReadPowerState(out bool powered));
        Assert.False(powered);
        Assert.Equal(MyCobotStatus.Timeout, bus.ReadAngles(_degrees));
        Assert.False(arm.Emulator.IsEngaged(0));
    }

    [Fact]
    public void TheGripper_MovesToItsValue_AndReportsIt()
    {
        (EmulatedMyCobot arm, MyCobotBus bus) = Connect();

        Assert.Equal(MyCobotStatus.Ok, bus.SetGripperValue(80, 100));
        Poll.Until(() => Math.Abs(arm.Emulator.GetJointPosition(6) - 0.8) < 0.003, "the gripper to reach 0.8");
        Assert.Equal(MyCobotStatus.Ok, bus.ReadGripperValue(out int value));
        Assert.Equal(80, value);

        Assert.Equal(MyCobotStatus.Ok, bus.SetGripperState(MyCobotGripperState.Close, 100));
        Poll.Until(() => arm.Emulator.GetJointPosition(6) < 0.003, "the gripper to close");
    }

    [Fact]
    public void AnArmWithoutAGripper_LeavesGripperQueriesUnanswered()
    {
        (EmulatedMyCobot arm, MyCobotBus bus) = Connect(withGripper: false, busOptions: new MyCobotBusOptions { ReplyTimeoutMs = 400, Retries = 0 });

        Assert.False(arm.Emulator.HasGripper);
        Assert.Equal(MyCobotStatus.Timeout, bus.ReadGripperValue(out _));
        Assert.Equal(MyCobotStatus.Ok, bus.ReadAngles(_degrees));
    }

    [Fact]
    public void GetCoords_AtZero_IsTheDhFlangePose()
    {
        (EmulatedMyCobot _, MyCobotBus bus) = Connect();
        var coordinates = new double[6];

        Assert.Equal(MyCobotStatus.Ok, bus.ReadCoords(coordinates));

        // x = d6, y = -d4, z = d1 + |a2| + |a3| + d5 (mm); the flange points along +x: rx -90, ry 0, rz -90.
        Assert.Equal([45.6, -63.4, 412.7, -90, 0, -90], coordinates);
    }

    [Fact]
    public void RefreshMode_IsRemembered()
    {
        (EmulatedMyCobot arm, MyCobotBus bus) = Connect();

        Assert.Equal(MyCobotStatus.Ok, bus.SetRefreshMode(false));
        Assert.Equal(MyCobotStatus.Ok, bus.ReadRefreshMode(out bool refresh));

        Assert.False(refresh);
        Assert.False(arm.Emulator.RefreshMode);
    }

    [Fact]
    public void WithAcknowledgements_SetCommandsAreAnswered_AndTheBusSkipsTheAnswers()
    {
        var arm = Own(new EmulatedMyCobot(options: new MyCobotEmulatorOptions { ProcessingLatency = TimeSpan.FromMilliseconds(2), AcknowledgeSetCommands = true }));
        var port = Own(new LinuxSerialPort(arm.LinkPath));
        port.Open();
        var request = new byte[MyCobotProtocol.MaxFrameLength];
        port.Write(request.AsSpan(0, MyCobotProtocol.EncodeCommand(request, MyCobotCommand.PowerOn)));

        var answer = new byte[6];
        Assert.Equal(6, port.ReadExactly(answer, 2000));
        Assert.Equal("FE FE 03 10 01 FA", Hex.Format(answer));

        var bus = new MyCobotBus(port, EmulatedMyCobot.PatientBus());
        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(MyCobotStatus.Ok, bus.SendAngles([i, 0, 0, 0, 0, 0], 100));
            Assert.Equal(MyCobotStatus.Ok, bus.ReadAngles(_degrees));
        }

        Assert.Equal(0, bus.Diagnostics.Errors);
    }

    [Fact]
    public void ARoundTrip_TakesAtLeastTheWireTimeAndTheFirmwareLatency()
    {
        (EmulatedMyCobot _, MyCobotBus bus) = Connect(emulatorOptions: new MyCobotEmulatorOptions());
        Assert.Equal(MyCobotStatus.Ok, bus.ReadAngles(_degrees));

        var stopwatch = Stopwatch.StartNew();
        Assert.Equal(MyCobotStatus.Ok, bus.ReadAngles(_degrees));
        double elapsedMs = stopwatch.Elapsed.TotalMilliseconds;

        // 5 + 17 bytes at 10 bits each and 115200 baud: 1.91 ms; then the default 20 ms.
        Assert.True(elapsedMs >= 21.9, $"a Get Angles round trip took {elapsedMs:F2} ms");
    }

    [Fact]
    public void AClientAtAnotherBaudRate_GetsNoReply()
    {
        var arm = Own(new EmulatedMyCobot());
        var port = Own(new LinuxSerialPort(arm.LinkPath, new SerialPortOptions { BaudRate = 9600 }));
        var bus = new MyCobotBus(port, new MyCobotBusOptions { BaudRate = 9600, ReplyTimeoutMs = 150, Retries = 0 });
        bus.Open();

        Assert.Equal(MyCobotStatus.Timeout, bus.ReadAngles(_degrees));
    }

    [Fact]
    public void DroppedReplies_AreLost_ButTheCommandStillActs_AndARetryRecovers()
    {
        (EmulatedMyCobot arm, MyCobotBus bus) = Connect(busOptions: new MyCobotBusOptions { ReplyTimeoutMs = 400, Retries = 1 });
        arm.Emulator.DropReplies(1);

        Assert.Equal(MyCobotStatus.Ok, bus.ReadAngles(_degrees));

        Assert.Equal(1, bus.Diagnostics.Retries);
        Assert.Equal(1, arm.Emulator.RepliesDropped);
        Assert.Equal(2, arm.Emulator.GetCommandCount(MyCobotCommand.GetAngles));
    }

    [Fact]
    public void RandomLosses_LoseAboutTheirShare()
    {
        (EmulatedMyCobot arm, MyCobotBus bus) = Connect(busOptions: new MyCobotBusOptions { ReplyTimeoutMs = 250, Retries = 0 });
        arm.Emulator.DropRepliesAtRandom(0.5);

        int failed = 0;
        for (int i = 0; i < 30; i++)
        {
            if (bus.ReadAngles(_degrees) != MyCobotStatus.Ok)
            {
                failed++;
            }
        }

        Assert.InRange(arm.Emulator.RepliesDropped, 5, 25);
        Assert.True(failed >= arm.Emulator.RepliesDropped, $"{failed} failed reads for {arm.Emulator.RepliesDropped} lost replies");
    }

    [Fact]
    public void GarbledReplies_AreCorrupt_UntilTheyStop()
    {
        (EmulatedMyCobot arm, MyCobotBus bus) = Connect(busOptions: new MyCobotBusOptions { ReplyTimeoutMs = 400, Retries = 1 });
        arm.Emulator.GarbleReplies(2);

        Assert.Equal(MyCobotStatus.Corrupt, bus.ReadAngles(_degrees));
        Assert.Equal(MyCobotStatus.Ok, bus.ReadAngles(_degrees));

        Assert.Equal(2, bus.Diagnostics.CorruptReplies);
        Assert.IsType<CorruptPacketException>(bus.Diagnostics.LastFault);
    }

    [Fact]
    public void TruncatedReplies_TimeOut_AndTheRetryGetsAWholeOne()
    {
        (EmulatedMyCobot arm, MyCobotBus bus) = Connect(busOptions: new MyCobotBusOptions { ReplyTimeoutMs = 400, Retries = 1 });
        arm.Emulator.TruncateReplies(1);

        Assert.Equal(MyCobotStatus.Ok, bus.ReadAngles(_degrees));

        Assert.Equal(1, bus.Diagnostics.Timeouts);
    }

    [Fact]
    public void DuplicatedAndStaleReplies_AreSkipped()
    {
        double[] pose = [0.1, 0, 0, 0, 0, 0];
        (EmulatedMyCobot arm, MyCobotBus bus) = Connect(pose);
        arm.Emulator.DuplicateReplies(3);
        arm.Emulator.PrecedeRepliesWithStaleFrames(3);

        for (int i = 0; i < 6; i++)
        {
            Assert.Equal(MyCobotStatus.Ok, i % 2 == 0 ? bus.ReadAngles(_degrees) : bus.ReadGripperValue(out _));
        }

        Assert.Equal(0, bus.Diagnostics.Retries);
        Assert.True(bus.StaleFrames >= 1, $"{bus.StaleFrames} stale frames skipped");
        Assert.Equal(pose[0] * 180 / Math.PI, _degrees[0], 0.006);
    }

    [Fact]
    public void SlowReplies_TimeOut_AndTheLateReplyIsThrownAwayBeforeTheNextRequest()
    {
        (EmulatedMyCobot arm, MyCobotBus bus) = Connect(busOptions: new MyCobotBusOptions { ReplyTimeoutMs = 300, Retries = 0 });
        arm.Emulator.DelayReplies(TimeSpan.FromMilliseconds(1000));

        Assert.Equal(MyCobotStatus.Timeout, bus.ReadGripperValue(out _));

        arm.Emulator.DelayReplies(TimeSpan.Zero);
        Poll.Until(() => arm.Emulator.RepliesSent == 1, "the late reply to go out");
        Assert.Equal(MyCobotStatus.Ok, bus.ReadAngles(_degrees));
    }

    [Fact]
    public void APowerLoss_SilencesTheArm_AndFreesItsJoints_UntilPowerComesBack()
    {
        (EmulatedMyCobot arm, MyCobotBus bus) = Connect(busOptions: new MyCobotBusOptions { ReplyTimeoutMs = 400, Retries = 0 });

        arm.Emulator.CutPower();

        Assert.Equal(MyCobotStatus.Timeout, bus.ReadPowerState(out _));
        Assert.All(Enumerable.Range(0, 7), joint => Assert.False(arm.Emulator.IsEngaged(joint)));
        Assert.Equal(MyCobotStatus.Ok, bus.SendAngles([30, 0, 0, 0, 0, 0], 100));
        Poll.Until(() => arm.Emulator.GetCommandCount(MyCobotCommand.SendAngles) == 1, "the emulator to receive the move");
        Assert.Equal(0, arm.Emulator.GetTarget(0));

        arm.Emulator.RestorePower();

        Assert.Equal(MyCobotStatus.Ok, bus.ReadPowerState(out bool powered));
        Assert.True(powered);
        Assert.True(arm.Emulator.IsEngaged(0));
    }

    [Fact]
    public void AClosedPort_DisconnectsTheClient_AndStopsTheEmulator()
    {
        (EmulatedMyCobot arm, MyCobotBus bus) = Connect();

        arm.Emulator.ClosePort();

        Assert.Equal(MyCobotStatus.Disconnected, bus.ReadAngles(_degrees));
        Poll.Until(() => !arm.Emulator.IsRunning, "the emulator to stop serving");
        Assert.NotNull(arm.Emulator.StopReason);
    }

    [Fact]
    public void TheEmulator_RejectsABackendWithTooFewJoints_AndBadOptions()
    {
        Assert.Throws<ArgumentException>(() => new MyCobotEmulator(new RobotSdk.Emulation.FirstOrderJointBackend(5)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MyCobotEmulator(options: new MyCobotEmulatorOptions { ProcessingLatency = TimeSpan.FromMilliseconds(-1) }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MyCobotEmulator().DropRepliesAtRandom(1.5));
    }

    private (EmulatedMyCobot Arm, MyCobotBus Bus) Connect(IReadOnlyList<double>? pose = null, bool withGripper = true, MyCobotBusOptions? busOptions = null, MyCobotEmulatorOptions? emulatorOptions = null)
    {
        var arm = Own(new EmulatedMyCobot(pose, emulatorOptions, withGripper: withGripper));
        var port = Own(new LinuxSerialPort(arm.LinkPath));
        var bus = new MyCobotBus(port, busOptions ?? EmulatedMyCobot.PatientBus());
        bus.Open();
        return (arm, bus);
    }

    private T Own<T>(T disposable)
        where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }
}
