using RobotSdk.Drivers.UFactory.Emulation;
using RobotSdk.Drivers.UFactory.Protocol;
using RobotSdk.Hardware;
using RobotSdk.Transports;

namespace RobotSdk.Drivers.UFactory.Tests;

/// <summary>The emulated controller's state machine, spoken to frame by frame over loopback TCP.</summary>
public sealed class Lite6EmulatorTests : IDisposable
{
    private readonly EmulatedLite6 _arm = new([0.1, 0.2, 0.3, 0.4, 0.5, 0.6]);
    private readonly TcpTransport _transport;
    private readonly XArmConnection _connection;
    private readonly byte[] _data = new byte[256];

    public Lite6EmulatorTests()
    {
        _transport = new TcpTransport(Lite6Emulator.Host, _arm.Port);
        _connection = new XArmConnection(_transport, new DriverDiagnostics(), new TransactionFaults(_transport.Endpoint));
        _connection.Reconnect();
    }

    private Lite6Emulator Emulator => _arm.Emulator;

    public void Dispose()
    {
        _transport.Dispose();
        _arm.Dispose();
    }

    [Fact]
    public void AtPowerOn_TheArmIsStopped_MotionDisabled_InPositionMode_AndNotReady()
    {
        XArmStateBits bits = Send(XArmFunction.GetState);

        Assert.Equal(XArmStateBits.NotReady, bits);
        Assert.Equal((byte)ControllerState.Stopped, _data[0]);
        Assert.False(Emulator.IsMotionEnabled);
        Assert.Equal(ControllerMode.Position, Emulator.Mode);
    }

    [Fact]
    public void TheVersion_SaysLite6_AndTheFirmware()
    {
        Send(XArmFunction.GetVersion);

        ControllerVersion version = ControllerVersion.Parse(XArmPayloads.ReadVersionText(_data.AsSpan(0, 40)));
        Assert.True(version.IsLite6);
        Assert.Equal(new Version(2, 5, 0), version.Firmware);
    }

    [Fact]
    public void ServoJ_IsObeyed_AfterMotionEnable_ServoMode_AndState0()
    {
        Send(XArmFunction.MotionEnable, 8, 1);
        Send(XArmFunction.SetMode, 1, 0);
        Assert.Equal(XArmStateBits.NotReady, Send(XArmFunction.ServoJoint, ServoJ(0.2, 0.2, 0.3, 0.4, 0.5, 0.6)));
        Assert.Equal(ControllerMode.Position, Emulator.Mode); // the mode waits for state 0

        Send(XArmFunction.SetState, 0);
        XArmStateBits bits = Send(XArmFunction.ServoJoint, ServoJ(0.25, 0.2, 0.3, 0.4, 0.5, 0.6));

        Assert.Equal(XArmStateBits.None, bits);
        Assert.Equal(ControllerMode.Servo, Emulator.Mode);
        Poll.Until(() => Math.Abs(_arm.Joints.GetPresentPosition(0) - 0.25) < 1e-3, "joint1 to reach 0.25 rad");
    }

    [Fact]
    public void ServoJ_WithoutMotionEnable_IsRefusedAsNotReady_AndNothingMoves()
    {
        Send(XArmFunction.SetMode, 1, 0);
        Send(XArmFunction.SetState, 0);

        XArmStateBits bits = Send(XArmFunction.ServoJoint, ServoJ(1, 0.2, 0.3, 0.4, 0.5, 0.6));

        Assert.Equal(XArmStateBits.NotReady, bits);
        Assert.Equal(0.1, _arm.Joints.GetPresentPosition(0), 1e-9);
    }

    [Fact]
    public void ServoJ_InPositionMode_IsIgnored_WithoutAStateBit_AsTheSdkImplies()
    {
        Send(XArmFunction.MotionEnable, 8, 1);
        Send(XArmFunction.SetMode, 0, 0);
        Send(XArmFunction.SetState, 0);

        XArmStateBits bits = Send(XArmFunction.ServoJoint, ServoJ(1, 0.2, 0.3, 0.4, 0.5, 0.6));

        Assert.Equal(XArmStateBits.None, bits);
        Assert.Equal(0.1, _arm.Joints.GetPresentPosition(0), 1e-6);
    }

    [Fact]
    public void MoveJoint_IsObeyed_InPositionMode()
    {
        Send(XArmFunction.MotionEnable, 8, 1);
        Send(XArmFunction.SetState, 0);

        Assert.Equal(XArmStateBits.None, Send(XArmFunction.MoveJoint, ServoJ(0.1, 0.2, 0.3, 0.4, 0.5, 0.9)));

        Poll.Until(() => Math.Abs(_arm.Joints.GetPresentPosition(5) - 0.9) < 1e-3, "joint6 to reach 0.9 rad");
    }

    [Fact]
    public void Stop_HoldsTheArm_AndMakesItNotReady_UntilState0()
    {
        Ready();
        Send(XArmFunction.SetState, 4);

        Assert.Equal(ControllerState.Stopped, Emulator.State);
        Assert.Equal(XArmStateBits.NotReady, Send(XArmFunction.ServoJoint, ServoJ(0.5, 0.2, 0.3, 0.4, 0.5, 0.6)));
        Send(XArmFunction.SetState, 0);
        Assert.Equal(XArmStateBits.None, Send(XArmFunction.ServoJoint, ServoJ(0.5, 0.2, 0.3, 0.4, 0.5, 0.6)));
    }

    [Fact]
    public void ATargetBeyondAJointLimit_LatchesC23_AndStopsTheArm()
    {
        Ready();

        XArmStateBits bits = Send(XArmFunction.ServoJoint, ServoJ(0.1, 2.7, 0.3, 0.4, 0.5, 0.6)); // joint2 ends at 2.618

        Assert.Equal(XArmStateBits.Error | XArmStateBits.NotReady, bits);
        Assert.Equal(23, Emulator.ErrorCode);
        Assert.Equal(ControllerState.Stopped, Emulator.State);
        Send(XArmFunction.GetErrorCodes);
        Assert.Equal(23, _data[0]);
    }

    [Fact]
    public void AnInjectedError_StopsTheArm_RefusesMotionEnable_UntilCleaned()
    {
        Ready();
        Send(XArmFunction.ServoJoint, ServoJ(1.5, 0.2, 0.3, 0.4, 0.5, 0.6));

        Emulator.InjectError(31);

        Assert.Equal(ControllerState.Stopped, Emulator.State);
        double heldAt = _arm.Joints.GetPresentPosition(0);
        Assert.Equal(XArmStateBits.Error | XArmStateBits.NotReady | XArmStateBits.Invalid, Send(XArmFunction.MotionEnable, 8, 1));
        Send(XArmFunction.CleanError);
        Assert.Equal(0, Emulator.ErrorCode);
        Assert.Equal(XArmStateBits.NotReady, Send(XArmFunction.GetState));
        Assert.Equal(heldAt, _arm.Joints.GetPresentPosition(0), 1e-3);
    }

    [Fact]
    public void AnInjectedWarning_SetsTheWarningBit_WithoutStopping()
    {
        Ready();

        Emulator.InjectWarning(11);

        Assert.Equal(XArmStateBits.Warning, Send(XArmFunction.ServoJoint, ServoJ(0.2, 0.2, 0.3, 0.4, 0.5, 0.6)));
        Send(XArmFunction.GetErrorCodes);
        Assert.Equal((0, 11), (_data[0], _data[1]));
        Send(XArmFunction.CleanWarning);
        Assert.Equal(XArmStateBits.None, Send(XArmFunction.GetState));
    }

    [Fact]
    public void ToolOutputs0And1_OpenAndCloseTheGripperJoint()
    {
        Send(XArmFunction.ToolRegisterWrite, ToolWrite(0, true));
        Send(XArmFunction.ToolRegisterWrite, ToolWrite(1, false));
        Assert.Equal(Lite6GripperState.Open, Emulator.GripperState);
        Poll.Until(() => Math.Abs(_arm.Joints.GetPresentPosition(6) - Lite6Arm.GripperOpenMeters) < 1e-5, "the gripper to open");

        Send(XArmFunction.ToolRegisterWrite, ToolWrite(0, false));
        Send(XArmFunction.ToolRegisterWrite, ToolWrite(1, true));
        Assert.Equal(Lite6GripperState.Closed, Emulator.GripperState);
        Poll.Until(() => Math.Abs(_arm.Joints.GetPresentPosition(6) - Lite6Arm.GripperClosedMeters) < 1e-5, "the gripper to close");
        Assert.Equal(0b10, Emulator.ToolOutputs);
    }

    [Fact]
    public void GetJointPositions_WithACount_ReturnsPositionsAndVelocities()
    {
        Assert.Equal(XArmStatus.Ok, _connection.Exchange(XArmFunction.GetJointPositions, [2], _data, 56, 1000, out _, out int length));

        Assert.Equal(56, length);
        Assert.Equal(0.3f, XArmPayloads.ReadFloat(_data.AsSpan(8)));
        Assert.Equal(0f, XArmPayloads.ReadFloat(_data.AsSpan(28 + 8)));
    }

    [Fact]
    public void TheCommandQueue_IsAlwaysEmpty_ForTheSdksCommandCount()
    {
        Send(XArmFunction.GetCommandCount);

        Assert.Equal((0, 0), (_data[0], _data[1]));
    }

    [Fact]
    public void AnUnknownFunction_GetsTheInvalidBit()
    {
        Assert.True((Send((XArmFunction)200) & XArmStateBits.Invalid) != 0);
    }

    [Fact]
    public void Requests_AreCountedPerFunction()
    {
        Send(XArmFunction.GetState);
        Send(XArmFunction.GetState);

        Assert.Equal(2, Emulator.GetRequestCount(XArmFunction.GetState));
        Assert.Equal(0, Emulator.GetRequestCount(XArmFunction.ServoJoint));
    }

    [Fact]
    public void StopListening_RefusesNewConnections_KeepsTheOld_AndStartListening_TakesTheSamePortAgain()
    {
        int port = Emulator.Port;
        // The constructor's connection must be accepted before the listener closes, or it dies in the backlog.
        Poll.Until(() => Emulator.ConnectedClients == 1, "the client to be accepted");
        Emulator.StopListening();

        using var refused = new TcpTransport(Lite6Emulator.Host, port);
        var error = Assert.Throws<DeviceUnavailableException>(refused.Connect);
        Assert.Equal(DeviceUnavailableReason.Refused, error.UnavailableReason);
        Assert.Equal(XArmStateBits.NotReady, Send(XArmFunction.GetState));

        Emulator.StartListening();

        Assert.Equal(port, Emulator.Port);
        using var accepted = new TcpTransport(Lite6Emulator.Host, port);
        accepted.Connect();
    }

    [Fact]
    public void DropClients_ClosesTheConnection()
    {
        Poll.Until(() => Emulator.ConnectedClients == 1, "the client to be accepted");

        Emulator.DropClients();

        Assert.Equal(XArmStatus.Disconnected, _connection.Exchange(XArmFunction.GetState, [], _data, 1, 1000, out _, out _));
        Assert.IsType<DeviceDisconnectedException>(_connection.Diagnostics.LastFault);
    }

    [Fact]
    public void StopReplying_SwallowsRequests_OverALiveConnection()
    {
        Emulator.StopReplying();

        Assert.Equal(XArmStatus.Timeout, _connection.Exchange(XArmFunction.GetState, [], _data, 1, 100, out _, out _));
        Assert.Equal(1, Emulator.GetRequestCount(XArmFunction.GetState));

        Emulator.ResumeReplying();
        Assert.Equal(XArmStatus.Ok, _connection.Exchange(XArmFunction.GetState, [], _data, 1, 1000, out _, out _));
    }

    [Fact]
    public void ARestartedEmulator_GetsThePortBack()
    {
        int port = Emulator.Port;
        _transport.Disconnect();
        Emulator.Dispose();

        using var again = new Lite6Emulator(options: new Lite6EmulatorOptions { Port = port });
        again.Start();

        Assert.Equal(port, again.Port);
        _connection.Reconnect();
        Assert.Equal(XArmStatus.Ok, _connection.Exchange(XArmFunction.GetState, [], _data, 1, 1000, out _, out _));
    }

    private static byte[] ServoJ(params double[] joints)
    {
        var payload = new byte[XArmPayloads.JointMotionLength];
        XArmPayloads.WriteJointMotion(payload, [.. joints.Select(joint => (float)joint)], 0.35f, 8.7f, 0);
        return payload;
    }

    private static byte[] ToolWrite(int output, bool on)
    {
        var payload = new byte[8];
        int length = XArmPayloads.WriteToolRegisterWrite(payload, XArmPayloads.ToolBoardHostId, ToolDigitalOutputs.Register, ToolDigitalOutputs.Encode(output, on), 0);
        return payload[..length];
    }

    private void Ready()
    {
        Send(XArmFunction.MotionEnable, 8, 1);
        Send(XArmFunction.SetMode, 1, 0);
        Send(XArmFunction.SetState, 0);
        Assert.True(Emulator.IsReady);
    }

    private XArmStateBits Send(XArmFunction function, params byte[] payload)
    {
        XArmStatus status = _connection.Exchange(function, payload, _data, 0, 2000, out XArmStateBits bits, out _);
        Assert.Equal(XArmStatus.Ok, status);
        return bits;
    }
}
