using RobotSdk.Transports;

namespace RobotSdk.Drivers.AgileX.Tests;

/// <summary>Every command and feedback frame: golden bytes, hand-built frames, round trips, malformed input.</summary>
public sealed class PiperProtocolTests
{
    [Fact]
    public void Commands_EncodeTheGoldenVectorsBytes()
    {
        Assert.Equal("471#0702000000000000", PiperProtocol.EncodeMotorEnable(new MotorEnableCommand(MotorEnableCommand.AllMotors, true)).ToString());
        Assert.Equal("471#0701000000000000", PiperProtocol.EncodeMotorEnable(new MotorEnableCommand(MotorEnableCommand.AllMotors, false)).ToString());
        Assert.Equal("151#0101320000000000", PiperProtocol.EncodeMotionControl(new MotionControlCommand(ControlMode.CanControl, MoveMode.Joint, 50, MitMode.PositionSpeed)).ToString());
        Assert.Equal("155#00002710FFFFB1E0", PiperProtocol.EncodeJointTargets(0, Degrees(10), Degrees(-20)).ToString());
        Assert.Equal("156#0000753000000000", PiperProtocol.EncodeJointTargets(1, Degrees(30), 0).ToString());
        Assert.Equal("157#0000AFC8FFFEA070", PiperProtocol.EncodeJointTargets(2, Degrees(45), Degrees(-90)).ToString());
        Assert.Equal("159#0000C35003E80100", PiperProtocol.EncodeGripperControl(new GripperCommand(0.05, 1.0, GripperCode.Enable)).ToString());
    }

    [Fact]
    public void MotionControl_CarriesMitFlagResidenceTimeAndInstallation_InBytes3To5()
    {
        CanFrame frame = PiperProtocol.EncodeMotionControl(new MotionControlCommand(ControlMode.CanControl, MoveMode.Mit, 100, MitMode.Mit) { ResidenceTimeSeconds = 3, InstallationPosition = 2 });

        Assert.Equal("151#010464AD03020000", frame.ToString());
        Assert.True(PiperProtocol.TryDecodeMotionControl(frame, out MotionControlCommand decoded));
        Assert.Equal(MoveMode.Mit, decoded.MoveMode);
        Assert.Equal(MitMode.Mit, decoded.MitMode);
        Assert.Equal(100, decoded.SpeedPercent);
        Assert.Equal(3, decoded.ResidenceTimeSeconds);
        Assert.Equal(2, decoded.InstallationPosition);
    }

    [Fact]
    public void GripperControl_SetZero_PutsAEInByte7_AndRoundTrips()
    {
        CanFrame frame = PiperProtocol.EncodeGripperControl(new GripperCommand(0, 0.5, GripperCode.DisableAndClearError, SetZero: true));

        Assert.Equal("159#0000000001F402AE", frame.ToString());
        Assert.True(PiperProtocol.TryDecodeGripperControl(frame, out GripperCommand decoded));
        Assert.Equal(new GripperCommand(0, 0.5, GripperCode.DisableAndClearError, true), decoded);
    }

    [Theory]
    [InlineData("471#0102000000000000", 1, true, false)]
    [InlineData("471#0601000000000000", 6, false, false)]
    [InlineData("471#0702000000000000", 7, true, true)]
    [InlineData("471#FF01000000000000", 0xFF, false, true)]
    public void MotorEnable_Decodes_OneMotorOrAll(string text, int motor, bool enable, bool all)
    {
        Assert.True(PiperProtocol.TryDecodeMotorEnable(CanFrame.Parse(text), out MotorEnableCommand command));

        Assert.Equal(motor, command.Motor);
        Assert.Equal(enable, command.Enable);
        Assert.Equal(all, command.IsAllMotors);
    }

    [Fact]
    public void MotorEnable_WithAnUnknownFlag_DoesNotDecode()
    {
        Assert.False(PiperProtocol.TryDecodeMotorEnable(CanFrame.Parse("471#0703000000000000"), out _));
    }

    [Fact]
    public void Builders_RefuseValuesTheArmCannotTake()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PiperProtocol.EncodeMotionControl(new MotionControlCommand(ControlMode.CanControl, MoveMode.Joint, 101, MitMode.PositionSpeed)));
        Assert.Throws<ArgumentOutOfRangeException>(() => PiperProtocol.EncodeGripperControl(new GripperCommand(0.01, 5.5, GripperCode.Enable)));
        Assert.Throws<ArgumentOutOfRangeException>(() => PiperProtocol.EncodeGripperControl(new GripperCommand(0.01, double.NaN, GripperCode.Enable)));
        Assert.Throws<ArgumentOutOfRangeException>(() => PiperProtocol.EncodeJointTargets(3, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => PiperProtocol.EncodeMotorEnable(new MotorEnableCommand(8, true)));
        Assert.Throws<ArgumentOutOfRangeException>(() => PiperProtocol.EncodeMotorEnable(new MotorEnableCommand(0, true)));
        Assert.Throws<ArgumentOutOfRangeException>(() => PiperProtocol.EncodeEndPose(3, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => PiperProtocol.EncodeHighSpeedFeedback(new MotorHighSpeedFeedback(7, 0, 0, 0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => PiperProtocol.EncodeLowSpeedFeedback(new MotorLowSpeedFeedback(0, 0, 0, 0, MotorDriverStatus.None, 0)));
    }

    [Fact]
    public void ArmStatus_DecodesEveryField_FromAHandBuiltFrame()
    {
        // CAN control, joint communication error, MOVE J, teaching off, moving, point 7, joint 3 communication + joint 2 angle limit.
        Assert.True(PiperProtocol.TryDecodeArmStatus(CanFrame.Parse("2A1#0105010001070204"), out ArmStatusFeedback status));

        Assert.Equal(ControlMode.CanControl, status.ControlMode);
        Assert.Equal(ArmStatus.JointCommunicationError, status.Status);
        Assert.Equal(MoveMode.Joint, status.MoveMode);
        Assert.Equal(TeachStatus.Off, status.TeachStatus);
        Assert.Equal(MotionStatus.NotReached, status.MotionStatus);
        Assert.Equal(7, status.TrajectoryPoint);
        Assert.Equal(ArmErrors.Joint3CommunicationError | ArmErrors.Joint2AngleLimit, status.Errors);
        Assert.True(status.IsFault);
        Assert.Equal(3, status.Errors.FirstJoint());
        Assert.Equal("joint 3 communication error, joint 2 beyond its angle limit", status.Errors.Describe());
    }

    [Theory]
    [InlineData(ArmStatus.Normal, false)]
    [InlineData(ArmStatus.EmergencyStop, true)]
    [InlineData(ArmStatus.NoSolution, false)]
    [InlineData(ArmStatus.Singularity, false)]
    [InlineData(ArmStatus.TargetExceedsLimit, false)]
    [InlineData(ArmStatus.JointCommunicationError, true)]
    [InlineData(ArmStatus.JointBrakeNotReleased, true)]
    [InlineData(ArmStatus.Collision, true)]
    [InlineData(ArmStatus.OverspeedDuringTeachingDrag, true)]
    [InlineData(ArmStatus.JointStatusError, true)]
    [InlineData(ArmStatus.OtherError, true)]
    [InlineData(ArmStatus.TeachingRecord, false)]
    [InlineData(ArmStatus.TeachingExecution, false)]
    [InlineData(ArmStatus.TeachingPause, false)]
    [InlineData(ArmStatus.MainControllerOverTemperature, true)]
    [InlineData(ArmStatus.ReleaseResistorOverTemperature, true)]
    [InlineData((ArmStatus)0x42, true)]
    public void ArmStatus_IsAFault_OnlyWhenTheArmCannotBeCommandedSafely(ArmStatus status, bool isFault)
    {
        Assert.Equal(isFault, status.IsFault());
        Assert.False(string.IsNullOrEmpty(status.Describe()));
    }

    [Fact]
    public void ArmErrors_AngleLimitsAlone_AreNotAFault_ButACommunicationErrorIs()
    {
        Assert.False(ArmErrors.Joint2AngleLimit.IsFault());
        Assert.True(ArmErrors.Joint6CommunicationError.IsFault());
        Assert.Equal("none", ArmErrors.None.Describe());
        Assert.Null(ArmErrors.None.FirstJoint());
        Assert.Equal(2, ArmErrors.Joint2AngleLimit.FirstJoint());
        Assert.Contains("reserved bits 0x0040", ((ArmErrors)0x0040).Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void JointFeedback_DecodesSignedMillidegrees_IntoRadians()
    {
        Assert.True(PiperProtocol.TryDecodeJointFeedback(CanFrame.Parse("2A6#FFFEA07000002710"), out int pair, out double first, out double second));

        Assert.Equal(1, pair);
        Assert.Equal(-Math.PI / 2, first, 1e-12);
        Assert.Equal(Degrees(10), second, 1e-12);
    }

    [Fact]
    public void EndPose_DecodesMicrometresAndMillidegrees_PerPart()
    {
        Assert.True(PiperProtocol.TryDecodeEndPose(CanFrame.Parse("2A2#0000DAC0FFFF2540"), out int part, out double x, out double y));
        Assert.Equal(0, part);
        Assert.Equal(0.056, x, 1e-12);
        Assert.Equal(-0.056, y, 1e-12);
        Assert.True(PiperProtocol.TryDecodeEndPose(CanFrame.Parse("2A3#0003415000014C08"), out part, out double z, out double rx));
        Assert.Equal(1, part);
        Assert.Equal(0.213328, z, 1e-9);
        Assert.Equal(Degrees(85), rx, 1e-9);
        Assert.True(PiperProtocol.TryDecodeEndPose(CanFrame.Parse("2A4#00000000FFFEA070"), out part, out double ry, out double rz));
        Assert.Equal((2, 0.0), (part, ry));
        Assert.Equal(-Math.PI / 2, rz, 1e-12);
    }

    [Fact]
    public void GripperFeedback_DecodesStrokeSignedTorqueAndStatus()
    {
        Assert.True(PiperProtocol.TryDecodeGripperFeedback(CanFrame.Parse("2A8#00011170FC18C000"), out GripperFeedback gripper));

        Assert.Equal(0.07, gripper.StrokeMeters, 1e-12);
        Assert.Equal(-1.0, gripper.EffortNewtonMeters, 1e-12);
        Assert.Equal(GripperStatus.Enabled | GripperStatus.Zeroed, gripper.Status);
    }

    [Fact]
    public void HighSpeedFeedback_DecodesMotorSpeedCurrentAndRawPosition()
    {
        Assert.True(PiperProtocol.TryDecodeHighSpeedFeedback(CanFrame.Parse("253#FC1805DCFFFFFF9C"), out MotorHighSpeedFeedback motor));

        Assert.Equal(3, motor.Motor);
        Assert.Equal(-1.0, motor.VelocityRadiansPerSecond, 1e-12);
        Assert.Equal(1.5, motor.CurrentAmperes, 1e-12);
        Assert.Equal(-100, motor.Position);
    }

    [Fact]
    public void LowSpeedFeedback_DecodesVoltageTemperaturesStatusAndBusCurrent()
    {
        Assert.True(PiperProtocol.TryDecodeLowSpeedFeedback(CanFrame.Parse("266#00F0002AF6610064"), out MotorLowSpeedFeedback motor));

        Assert.Equal(6, motor.Motor);
        Assert.Equal(24.0, motor.VoltageVolts, 1e-12);
        Assert.Equal(42, motor.DriverTemperatureCelsius);
        Assert.Equal(-10, motor.MotorTemperatureCelsius);
        Assert.Equal(MotorDriverStatus.Enabled | MotorDriverStatus.DriverError | MotorDriverStatus.VoltageLow, motor.Status);
        Assert.Equal(0.1, motor.BusCurrentAmperes, 1e-12);
    }

    [Fact]
    public void EveryFrame_RoundTrips_ForSeededRandomValues()
    {
        var random = new Random(42);
        for (int i = 0; i < 500; i++)
        {
            var motion = new MotionControlCommand((ControlMode)random.Next(8), (MoveMode)random.Next(6), random.Next(101), random.Next(2) == 0 ? MitMode.PositionSpeed : MitMode.Mit);
            Assert.True(PiperProtocol.TryDecodeMotionControl(PiperProtocol.EncodeMotionControl(motion), out MotionControlCommand motionBack));
            Assert.Equal(motion, motionBack);

            int pair = random.Next(3);
            int a = random.Next(-180000, 180001);
            int b = random.Next(-180000, 180001);
            Assert.True(PiperProtocol.TryDecodeJointTargets(PiperProtocol.EncodeJointTargets(pair, PiperUnits.MillidegreesToRadians(a), PiperUnits.MillidegreesToRadians(b)), out int pairBack, out double first, out double second));
            Assert.Equal((pair, a, b), (pairBack, PiperUnits.RadiansToMillidegrees(first), PiperUnits.RadiansToMillidegrees(second)));
            Assert.True(PiperProtocol.TryDecodeJointFeedback(PiperProtocol.EncodeJointFeedback(pair, PiperUnits.MillidegreesToRadians(a), PiperUnits.MillidegreesToRadians(b)), out pairBack, out first, out second));
            Assert.Equal((pair, a, b), (pairBack, PiperUnits.RadiansToMillidegrees(first), PiperUnits.RadiansToMillidegrees(second)));

            var gripper = new GripperCommand(random.Next(0, 70001) * 1e-6, random.Next(0, 5001) * 1e-3, (GripperCode)random.Next(4), random.Next(2) == 0);
            Assert.True(PiperProtocol.TryDecodeGripperControl(PiperProtocol.EncodeGripperControl(gripper), out GripperCommand gripperBack));
            Assert.Equal(PiperUnits.MetresToMicrometres(gripper.StrokeMeters), PiperUnits.MetresToMicrometres(gripperBack.StrokeMeters));
            Assert.Equal(PiperUnits.NewtonMetresToMilliNewtonMetres(gripper.EffortNewtonMeters), PiperUnits.NewtonMetresToMilliNewtonMetres(gripperBack.EffortNewtonMeters));
            Assert.Equal((gripper.Code, gripper.SetZero), (gripperBack.Code, gripperBack.SetZero));

            var status = new ArmStatusFeedback((ControlMode)random.Next(8), (ArmStatus)random.Next(16), (MoveMode)random.Next(6), (TeachStatus)random.Next(8), (MotionStatus)random.Next(2), (byte)random.Next(256), (ArmErrors)random.Next(65536));
            Assert.True(PiperProtocol.TryDecodeArmStatus(PiperProtocol.EncodeArmStatus(status), out ArmStatusFeedback statusBack));
            Assert.Equal(status, statusBack);

            int part = random.Next(3);
            Assert.True(PiperProtocol.TryDecodeEndPose(PiperProtocol.EncodeEndPose(part, a * 1e-6, b * 1e-6), out int partBack, out double poseA, out double poseB));
            Assert.Equal(part, partBack);
            Assert.Equal(a * 1e-6, poseA, part < 2 ? 1e-9 : 1e-4);

            var feedback = new GripperFeedback(random.Next(0, 70001) * 1e-6, random.Next(-5000, 5001) * 1e-3, (GripperStatus)random.Next(256));
            Assert.True(PiperProtocol.TryDecodeGripperFeedback(PiperProtocol.EncodeGripperFeedback(feedback), out GripperFeedback feedbackBack));
            Assert.Equal(feedback.Status, feedbackBack.Status);
            Assert.Equal(feedback.StrokeMeters, feedbackBack.StrokeMeters, 1e-9);
            Assert.Equal(feedback.EffortNewtonMeters, feedbackBack.EffortNewtonMeters, 1e-9);

            var fast = new MotorHighSpeedFeedback(random.Next(1, 7), random.Next(-32768, 32768) * 1e-3, random.Next(-32768, 32768) * 1e-3, random.Next());
            Assert.True(PiperProtocol.TryDecodeHighSpeedFeedback(PiperProtocol.EncodeHighSpeedFeedback(fast), out MotorHighSpeedFeedback fastBack));
            Assert.Equal((fast.Motor, fast.Position), (fastBack.Motor, fastBack.Position));
            Assert.Equal(fast.VelocityRadiansPerSecond, fastBack.VelocityRadiansPerSecond, 1e-9);
            Assert.Equal(fast.CurrentAmperes, fastBack.CurrentAmperes, 1e-9);

            var slow = new MotorLowSpeedFeedback(random.Next(1, 7), random.Next(0, 65536) * 0.1, random.Next(-40, 120), random.Next(-40, 120), (MotorDriverStatus)random.Next(256), random.Next(0, 65536) * 1e-3);
            Assert.True(PiperProtocol.TryDecodeLowSpeedFeedback(PiperProtocol.EncodeLowSpeedFeedback(slow), out MotorLowSpeedFeedback slowBack));
            Assert.Equal((slow.Motor, slow.Status, slow.DriverTemperatureCelsius, slow.MotorTemperatureCelsius), (slowBack.Motor, slowBack.Status, slowBack.DriverTemperatureCelsius, slowBack.MotorTemperatureCelsius));
            Assert.Equal(slow.VoltageVolts, slowBack.VoltageVolts, 1e-6);
            Assert.Equal(slow.BusCurrentAmperes, slowBack.BusCurrentAmperes, 1e-9);
        }
    }

    [Theory]
    [InlineData("2A1#01050100010702")] // 7 bytes
    [InlineData("2A5#00002710")]
    [InlineData("2A8#")]
    [InlineData("251#FC1805DCFFFFFF")]
    [InlineData("2A5#R8")]
    public void MalformedFeedback_IsRecognised_AndNotDecoded(string text)
    {
        CanFrame frame = CanFrame.Parse(text);

        Assert.True(PiperProtocol.IsMalformed(frame));
        Assert.False(PiperProtocol.TryDecodeArmStatus(frame, out _));
        Assert.False(PiperProtocol.TryDecodeJointFeedback(frame, out _, out _, out _));
        Assert.False(PiperProtocol.TryDecodeGripperFeedback(frame, out _));
        Assert.False(PiperProtocol.TryDecodeHighSpeedFeedback(frame, out _));
    }

    [Fact]
    public void Decoders_IgnoreOtherIdentifiers_AndExtendedFrames()
    {
        CanFrame extended = CanFrame.Parse("000002A5#0000271000004E20");
        CanFrame other = CanFrame.Parse("2A9#0000271000004E20");

        Assert.False(PiperProtocol.TryDecodeJointFeedback(extended, out _, out _, out _));
        Assert.False(PiperProtocol.IsMalformed(extended));
        Assert.False(PiperProtocol.TryDecodeJointFeedback(other, out _, out _, out _));
        Assert.False(PiperProtocol.TryDecodeEndPose(CanFrame.Parse("2A5#0000271000004E20"), out _, out _, out _));
        Assert.False(PiperProtocol.TryDecodeHighSpeedFeedback(CanFrame.Parse("257#0000271000004E20"), out _));
        Assert.False(PiperProtocol.TryDecodeLowSpeedFeedback(CanFrame.Parse("260#0000271000004E20"), out _));
        Assert.False(PiperProtocol.IsMalformed(other));
    }

    private static double Degrees(double degrees) => degrees * Math.PI / 180;
}
