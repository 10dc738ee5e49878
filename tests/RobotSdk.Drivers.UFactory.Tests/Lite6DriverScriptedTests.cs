using RobotSdk.Drivers.UFactory.Protocol;
using RobotSdk.Hardware;

namespace RobotSdk.Drivers.UFactory.Tests;

/// <summary>
/// The driver against a byte-scripted controller on a loopback socket: the frames it sends (compared
/// with what the vendor SDK sends) and how it takes malformed, late and flagged replies.
/// </summary>
public sealed class Lite6DriverScriptedTests : IDisposable
{
    private readonly List<IDisposable> _owned = [];
    private readonly JointFrame _frame = new(Lite6Arm.JointCount);

    public void Dispose()
    {
        for (int i = _owned.Count - 1; i >= 0; i--)
        {
            _owned[i].Dispose();
        }
    }

    [Fact]
    public void Configure_ReadsVersionStateCodesAndJoints_AndSendsNothingThatMoves()
    {
        ScriptedController controller = Own(new ScriptedController());
        Lite6Driver driver = Own(CreateDriver(controller));

        driver.Configure();

        Assert.Equal(DriverState.Inactive, driver.State);
        Assert.Equal(
            [XArmFunction.GetVersion, XArmFunction.GetState, XArmFunction.GetErrorCodes, XArmFunction.GetJointPositions],
            controller.Requests.Select(frame => (XArmFunction)frame[6]));
        Assert.True(driver.ControllerVersion!.IsLite6);
        Assert.Equal(new Version(2, 5, 0), driver.ControllerVersion.Firmware);
    }

    [Fact]
    public void Activate_EnablesMotion_SelectsServoMode_AndSetsState0_AsTheSdk()
    {
        ScriptedController controller = Own(new ScriptedController());
        Lite6Driver driver = Own(CreateDriver(controller));
        driver.Configure();

        driver.Activate(CommandMode.Position);

        Assert.Equal(DriverState.Active, driver.State);
        Assert.Equal("00 02 00 03 0B 08 01", WithoutTransactionId(controller.RequestsOf(XArmFunction.MotionEnable).Single()));
        Assert.Equal("00 02 00 03 13 01 00", WithoutTransactionId(controller.RequestsOf(XArmFunction.SetMode).Single()));
        Assert.Equal("00 02 00 02 0C 00", WithoutTransactionId(controller.RequestsOf(XArmFunction.SetState).Single()));
    }

    [Fact]
    public void Write_SendsServoJ_WithTheSdksDefaultSpeedAccelerationAndTime()
    {
        ScriptedController controller = Own(new ScriptedController());
        Lite6Driver driver = Own(Activated(controller));
        double[] goal = [0.1, -0.2, 0.3, -0.4, 0.5, -0.6, double.NaN];
        goal.CopyTo(_frame.Positions);

        Assert.Equal(DriverStatus.Ok, driver.Write(_frame));

        Assert.Equal(
            "00 02 00 29 1D CD CC CC 3D CD CC 4C BE 9A 99 99 3E CD CC CC BE 00 00 00 3F 9A 99 19 BF 00 00 00 00 C2 B8 B2 3E 58 A0 0B 41 00 00 00 00",
            WithoutTransactionId(controller.RequestsOf(XArmFunction.ServoJoint).Single()));
    }

    [Fact]
    public void Write_RepeatsTheLastGoal_ForANaNCommand_AndStartsFromThePresentPosition()
    {
        ScriptedController controller = Own(new ScriptedController());
        controller.Joints[1] = 0.5;
        Lite6Driver driver = Own(Activated(controller));
        _frame.Positions.Fill(double.NaN);

        driver.Write(_frame);
        _frame.Positions[0] = 0.3;
        driver.Write(_frame);
        _frame.Positions.Fill(double.NaN);
        driver.Write(_frame);

        double[][] goals = [.. controller.RequestsOf(XArmFunction.ServoJoint).Select(Goals)];
        Assert.Equal([0, 0.5f], goals[0][..2]);
        Assert.Equal([0.3f, 0.5f], goals[1][..2]);
        Assert.Equal(goals[1], goals[2]);
    }

    [Fact]
    public void Write_ClampsGoalsIntoTheJointLimits()
    {
        ScriptedController controller = Own(new ScriptedController());
        Lite6Driver driver = Own(Activated(controller));
        _frame.Positions.Fill(double.NaN);
        _frame.Positions[1] = 3.5; // joint2 ends at 2.618
        _frame.Positions[2] = -1;  // joint3 starts at -0.061

        driver.Write(_frame);

        double[] goals = Goals(controller.RequestsOf(XArmFunction.ServoJoint).Single());
        Assert.Equal(2.6179938779914944, goals[1], 1e-6);
        Assert.Equal(-0.061086523819801536, goals[2], 1e-6);
    }

    [Fact]
    public void TheGripper_SendsTheSdksOpenAndCloseOutputs_OnlyWhenItSwitches()
    {
        ScriptedController controller = Own(new ScriptedController());
        Lite6Driver driver = Own(Activated(controller));
        _frame.Positions.Fill(double.NaN);

        foreach (double gripper in new[] { 0.004, 0.006, 0.0089, 0.0089, 0.005 })
        {
            _frame.Positions[Lite6Arm.GripperIndex] = gripper;
            Assert.Equal(DriverStatus.Ok, driver.Write(_frame));
        }

        Assert.Equal(Lite6GripperState.Open, driver.GripperState);
        foreach (double gripper in new[] { 0.0035, 0.0029, 0 })
        {
            _frame.Positions[Lite6Arm.GripperIndex] = gripper;
            driver.Write(_frame);
        }

        Assert.Equal(
            [
                "00 02 00 09 7F 09 0A 15 00 80 80 43 00", // open: output 0 on (sync 0: at once)
                "00 02 00 09 7F 09 0A 15 00 00 00 44 00", // then output 1 off
                "00 02 00 09 7F 09 0A 15 00 00 80 43 00", // close: output 0 off
                "00 02 00 09 7F 09 0A 15 00 80 00 44 00", // then output 1 on
            ],
            controller.RequestsOf(XArmFunction.ToolRegisterWrite).Select(WithoutTransactionId));
        Assert.Equal(Lite6GripperState.Closed, driver.GripperState);
    }

    [Fact]
    public void TheGripperJoint_ReadsTheMiddle_UntilACommandIsSent_ThenWhatWasSent()
    {
        ScriptedController controller = Own(new ScriptedController());
        Lite6Driver driver = Own(Activated(controller));

        driver.Read(_frame);
        Assert.Equal(0.00445, _frame.Positions[Lite6Arm.GripperIndex], 1e-9);

        _frame.Positions.Fill(double.NaN);
        _frame.Positions[Lite6Arm.GripperIndex] = 0.0089;
        driver.Write(_frame);
        driver.Read(_frame);
        Assert.Equal(0.0089, _frame.Positions[Lite6Arm.GripperIndex]);
    }

    [Theory]
    [InlineData("v2.3.0", "00 02 00 08 7F 09 0A 15 00 80 80 43", "00 02 00 03 13 01 00")]
    [InlineData("v1.9.0", "00 02 00 08 7F 09 0A 15 00 80 80 43", "00 02 00 02 13 01")]
    public void OlderFirmware_GetsTheFramesTheSdkSendsIt(string firmware, string expectedOpen, string expectedSetMode)
    {
        ScriptedController controller = Own(new ScriptedController($"6,9,LITEST,ACTEST,{firmware}"));
        Lite6Driver driver = Own(Activated(controller));
        _frame.Positions.Fill(double.NaN);
        _frame.Positions[Lite6Arm.GripperIndex] = 0.0089;

        driver.Write(_frame);

        Assert.Equal(expectedOpen, WithoutTransactionId(controller.RequestsOf(XArmFunction.ToolRegisterWrite)[0]));
        Assert.Equal(expectedSetMode, WithoutTransactionId(controller.RequestsOf(XArmFunction.SetMode).Single()));
    }

    [Fact]
    public void Configure_RefusesAnotherArm_NamingWhatItIs()
    {
        ScriptedController controller = Own(new ScriptedController("7,3,XI1308,AC1300,v2.5.0"));
        Lite6Driver driver = Own(CreateDriver(controller));

        var error = Assert.Throws<HardwareFaultException>(driver.Configure);

        Assert.Equal($"127.0.0.1:{controller.Port}, register GetVersion (1): the controller drives a 7-axis arm of type 3 ('7,3,XI1308,AC1300,v2.5.0'), not a Lite 6 (6 axes, type 9)", error.Message);
        Assert.Equal(DriverState.Unconfigured, driver.State);
    }

    [Theory]
    [InlineData("00 00", "bad protocol identifier")]
    [InlineData("00 02", "short LEN")]
    [InlineData("00 02", "wrong function")]
    [InlineData("00 02", "too little data")]
    public void AMalformedReply_IsACountedCorruptPacket_AndTheNextReadWorks(string protocol, string defect)
    {
        ScriptedController controller = Own(new ScriptedController());
        Lite6Driver driver = Own(Activated(controller));
        bool once = true;
        controller.Responder = request =>
        {
            if (request[6] != (byte)XArmFunction.GetJointPositions || !once)
            {
                return controller.Healthy(request);
            }

            once = false;
            byte[] reply = controller.Healthy(request)!;
            return defect switch
            {
                "bad protocol identifier" => [.. reply[..2], .. Hex.Parse(protocol), .. reply[4..]],
                "short LEN" => [.. reply[..4], 0, 1, (byte)XArmFunction.GetJointPositions],
                "wrong function" => [.. reply[..6], (byte)XArmFunction.GetState, .. reply[7..]],
                _ => [.. reply[..4], 0, 6, .. reply[6..12]],
            };
        };
        long corruptBefore = driver.Diagnostics.CorruptReplies;

        DriverStatus first = driver.Read(_frame);
        DriverStatus second = driver.Read(_frame);

        Assert.Equal(DriverStatus.Error, first);
        Assert.Equal(1, driver.Diagnostics.CorruptReplies - corruptBefore);
        var fault = Assert.IsType<CorruptPacketException>(driver.Diagnostics.LastFault);
        Assert.Equal("GetJointPositions (42)", fault.Register);
        Assert.Equal(DriverStatus.Ok, second);
        Assert.Equal(0, driver.ConsecutiveFailures);
    }

    [Fact]
    public void AStaleReply_IsDropped_AndCountedAsCorrupt_WhenNothingElseComes()
    {
        ScriptedController controller = Own(new ScriptedController());
        Lite6Driver driver = Own(Activated(controller, new Lite6DriverOptions { ReplyTimeoutMs = 100 }));
        controller.Responder = request => request[6] == (byte)XArmFunction.GetJointPositions ? WithTransactionId(controller.Healthy(request)!, -1) : controller.Healthy(request);

        DriverStatus status = driver.Read(_frame);

        Assert.Equal(DriverStatus.Error, status);
        Assert.Equal(1, driver.StaleReplies);
        Assert.Equal(1, driver.Diagnostics.CorruptReplies);
        Assert.Contains("other transaction IDs", Assert.IsType<CorruptPacketException>(driver.Diagnostics.LastFault).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AStaleReply_FollowedByTheRightOne_IsDropped_AndTheReadSucceeds()
    {
        ScriptedController controller = Own(new ScriptedController());
        controller.Joints[0] = 0.75;
        Lite6Driver driver = Own(Activated(controller));
        controller.Responder = request =>
        {
            byte[] reply = controller.Healthy(request)!;
            return request[6] == (byte)XArmFunction.GetJointPositions ? [.. WithTransactionId(reply, -1), .. reply] : reply;
        };

        DriverStatus status = driver.Read(_frame);

        Assert.Equal(DriverStatus.Ok, status);
        Assert.Equal(0.75, _frame.Positions[0]);
        Assert.Equal(1, driver.StaleReplies);
    }

    [Fact]
    public void ALateReply_TimesOutOnce_ThenIsDroppedByItsTransactionId()
    {
        ScriptedController controller = Own(new ScriptedController());
        Lite6Driver driver = Own(Activated(controller, new Lite6DriverOptions { ReplyTimeoutMs = 300 }));
        using var gate = new ManualResetEventSlim();
        bool late = true;
        controller.Responder = request =>
        {
            if (late && request[6] == (byte)XArmFunction.GetJointPositions)
            {
                late = false;
                gate.Wait(TimeSpan.FromSeconds(10)); // held until the driver has given up on it
            }

            return controller.Healthy(request);
        };

        DriverStatus first = driver.Read(_frame);
        gate.Set();
        DriverStatus second = driver.Read(_frame);

        Assert.Equal(DriverStatus.Error, first);
        Assert.IsType<HardwareTimeoutException>(driver.Diagnostics.LastFault);
        Assert.Equal(DriverStatus.Ok, second);
        Assert.Equal(1, driver.StaleReplies);
        Assert.Equal(1, driver.Diagnostics.Timeouts);
    }

    [Fact]
    public void TheErrorBit_ReadsTheCodeOnce_AndGivesMustDeactivate_WithItsMeaning()
    {
        ScriptedController controller = Own(new ScriptedController());
        Lite6Driver driver = Own(Activated(controller));
        controller.Codes = (31, 0);
        controller.Bits = XArmStateBits.Error | XArmStateBits.NotReady;

        DriverStatus first = driver.Read(_frame);
        DriverStatus second = driver.Read(_frame);

        Assert.Equal((DriverStatus.MustDeactivate, DriverStatus.MustDeactivate), (first, second));
        var fault = Assert.IsType<DeviceErrorException>(driver.Diagnostics.LastFault);
        Assert.Equal(31, fault.ErrorCode);
        Assert.Contains("controller error C31 Collision Caused Abnormal Current", fault.Message, StringComparison.Ordinal);
        Assert.Single(controller.RequestsOf(XArmFunction.GetErrorCodes).Skip(1)); // one at Configure, one for the error
        Assert.Equal(2, driver.Diagnostics.DeviceErrors);
    }

    [Fact]
    public void AServoError_NamesThatJointsServo_AsTheDevice_AndIsAHardwareAlert()
    {
        ScriptedController controller = Own(new ScriptedController());
        Lite6Driver driver = Own(Activated(controller));
        controller.Codes = (13, 0);
        controller.Bits = XArmStateBits.Error;

        Assert.Equal(DriverStatus.MustDeactivate, driver.Read(_frame));

        var fault = Assert.IsType<DeviceErrorException>(driver.Diagnostics.LastFault);
        Assert.Equal((3, 13, true), (fault.DeviceId, fault.ErrorCode, fault.IsHardwareAlert));
        Assert.Contains("C13 Servo motor 3 error", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheWarningBit_IsRecordedOnce_AndTheArmGoesOn()
    {
        ScriptedController controller = Own(new ScriptedController());
        Lite6Driver driver = Own(Activated(controller));
        controller.Codes = (0, 11);
        controller.Bits = XArmStateBits.Warning;

        Assert.Equal(DriverStatus.Ok, driver.Read(_frame));
        Assert.Equal(DriverStatus.Ok, driver.Read(_frame));
        Assert.Equal(DriverStatus.Ok, driver.Write(_frame));

        var warning = Assert.IsType<DeviceErrorException>(driver.Diagnostics.LastFault);
        Assert.Equal(11, warning.ErrorCode);
        Assert.False(warning.IsHardwareAlert);
        Assert.Contains("W11 Current controller cache is full", warning.Message, StringComparison.Ordinal);
        Assert.Equal(2, controller.RequestsOf(XArmFunction.GetErrorCodes).Count); // Configure's, and the warning's
    }

    [Fact]
    public void NotReady_WhileActive_IsAnError_ThenMustDeactivate_AfterMaxConsecutiveFailures()
    {
        ScriptedController controller = Own(new ScriptedController());
        Lite6Driver driver = Own(Activated(controller, new Lite6DriverOptions { MaxConsecutiveFailures = 3 }));
        controller.Bits = XArmStateBits.NotReady;

        DriverStatus[] statuses = [driver.Read(_frame), driver.Read(_frame), driver.Read(_frame)];

        Assert.Equal([DriverStatus.Error, DriverStatus.Error, DriverStatus.MustDeactivate], statuses);
        Assert.Contains("not ready to move", driver.Diagnostics.LastFault!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NotReady_WhileInactive_IsNormal()
    {
        ScriptedController controller = Own(new ScriptedController());
        controller.Bits = XArmStateBits.NotReady;
        Lite6Driver driver = Own(CreateDriver(controller));
        driver.Configure();

        Assert.Equal(DriverStatus.Ok, driver.Read(_frame));
        Assert.Equal(DriverStatus.Ok, driver.Write(_frame)); // inactive: nothing is sent
        Assert.Empty(controller.RequestsOf(XArmFunction.ServoJoint));
    }

    [Fact]
    public void ReadMeasuredJointStates_AsksForTwoBlocks_AndFillsVelocities()
    {
        ScriptedController controller = Own(new ScriptedController());
        controller.Responder = request =>
        {
            if (request[6] != (byte)XArmFunction.GetJointPositions || request.Length == 7)
            {
                return controller.Healthy(request);
            }

            byte[] data = new byte[2 * XArmPayloads.JointPositionsLength];
            XArmPayloads.WriteJointBlock(data, 0, [0.1, 0.2, 0.3, 0.4, 0.5, 0.6]);
            XArmPayloads.WriteJointBlock(data, 1, [1, 2, 3, 4, 5, 6]);
            return ScriptedController.Reply(request, XArmStateBits.None, data);
        };
        Lite6Driver driver = Own(Activated(controller, new Lite6DriverOptions { ReadMeasuredJointStates = true }));

        Assert.Equal(DriverStatus.Ok, driver.Read(_frame));

        Assert.Equal("00 02 00 02 2A 02", WithoutTransactionId(controller.RequestsOf(XArmFunction.GetJointPositions)[^1]));
        Assert.Equal(0.3, _frame.Positions[2], 1e-6);
        Assert.Equal(3, _frame.Velocities[2]);
        Assert.True(double.IsNaN(_frame.Velocities[Lite6Arm.GripperIndex]));
    }

    [Fact]
    public void Deactivate_SendsStop_AndLeavesTheMotorsEnabled_UnlessAskedToDisableThem()
    {
        ScriptedController controller = Own(new ScriptedController());
        Lite6Driver holding = Own(Activated(controller));
        holding.Deactivate();

        Assert.Equal("00 02 00 02 0C 04", WithoutTransactionId(controller.RequestsOf(XArmFunction.SetState)[^1]));
        Assert.Single(controller.RequestsOf(XArmFunction.MotionEnable));

        Lite6Driver releasing = Own(Activated(controller, new Lite6DriverOptions { DisableMotorsOnDeactivate = true }));
        releasing.Deactivate();

        Assert.Equal("00 02 00 03 0B 08 00", WithoutTransactionId(controller.RequestsOf(XArmFunction.MotionEnable)[^1]));
        Assert.Equal(DriverState.Inactive, releasing.State);
    }

    [Fact]
    public void Deactivate_WhenInactive_SendsNothing()
    {
        ScriptedController controller = Own(new ScriptedController());
        Lite6Driver driver = Own(CreateDriver(controller));
        driver.Configure();

        driver.Deactivate();
        driver.Dispose();

        Assert.Empty(controller.RequestsOf(XArmFunction.SetState));
    }

    [Fact]
    public void ReadAndClearControllerCodes_ConnectWhenNeeded_AndReportWhatRemains()
    {
        ScriptedController controller = Own(new ScriptedController());
        controller.Codes = (2, 11);
        Lite6Driver driver = Own(CreateDriver(controller));

        ControllerCodesReading before = driver.ReadControllerCodes();
        controller.Codes = (2, 0); // the emergency input is still open: the error comes back at once
        ControllerCodesReading after = driver.ClearControllerErrors();

        Assert.Equal(new ControllerCodesReading(2, 11), before);
        Assert.Equal(new ControllerCodesReading(2, 0), after);
        Assert.Equal(
            [XArmFunction.GetErrorCodes, XArmFunction.CleanError, XArmFunction.CleanWarning, XArmFunction.GetErrorCodes],
            controller.Requests.Select(frame => (XArmFunction)frame[6]));
        Assert.StartsWith("C2 The Emergency IO of the Control Box is triggered", after.ToString(), StringComparison.Ordinal);
    }

    private static string WithoutTransactionId(byte[] frame) => Hex.Format(frame.AsSpan(2));

    private static byte[] WithTransactionId(byte[] frame, int offset)
    {
        byte[] copy = [.. frame];
        ushort id = (ushort)(((frame[0] << 8) | frame[1]) + offset);
        copy[0] = (byte)(id >> 8);
        copy[1] = (byte)id;
        return copy;
    }

    private static double[] Goals(byte[] frame)
    {
        var goals = new double[7];
        XArmPayloads.ReadJointMotion(frame.AsSpan(XArmPacket.RequestOverhead), goals, out _, out _, out _);
        return goals;
    }

    private static Lite6Driver CreateDriver(ScriptedController controller, Lite6DriverOptions? options = null) =>
        new("127.0.0.1", controller.Port, options ?? new Lite6DriverOptions { ReplyTimeoutMs = 500 });

    private static Lite6Driver Activated(ScriptedController controller, Lite6DriverOptions? options = null)
    {
        Lite6Driver driver = CreateDriver(controller, options);
        driver.Configure();
        driver.Activate(CommandMode.Position);
        return driver;
    }

    private T Own<T>(T disposable)
        where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }
}
