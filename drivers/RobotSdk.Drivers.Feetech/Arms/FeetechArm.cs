using System.Globalization;
using RobotSdk.Hardware;

namespace RobotSdk.Drivers.Feetech;

/// <summary>
/// An arm built from Feetech servos, as data: its model name, its motors in joint order (name,
/// ID, servo model, direction, nominal limits), which motor is the gripper, and its nominal
/// kinematics. <see cref="FeetechArms"/> holds the known arms; <see cref="FeetechArmDriver"/>
/// drives any of them.
/// </summary>
/// <param name="Model">Model name, for example <c>so101</c>; calibrations name it.</param>
/// <param name="Motors">Every motor, in the order of the driver's joint frames.</param>
/// <param name="Gripper">The gripper (or a leader's trigger), or null.</param>
/// <param name="Kinematics">Nominal kinematic chain of the arm joints from base to tool, or null when unknown.</param>
/// <remarks>
/// Joint zero: a joint is at 0 rad where its servo reads count 2048, the middle of the servo's
/// single-turn range. After calibration (the homing offset written into each servo) that is the
/// pose the user held while recording the home: the middle of every joint's range, which is the
/// zero of the SO-101 "new calibration" URDF and of LeRobot.
/// </remarks>
public sealed record FeetechArm(string Model, IReadOnlyList<FeetechMotor> Motors, FeetechGripper? Gripper, KinematicChainDescription? Kinematics)
{
    /// <summary>The bus name Feetech calibrations carry (<see cref="ServoCalibration.Bus"/>).</summary>
    public const string CalibrationBus = "feetech";

    /// <summary>
    /// Speed limit of every joint, rad/s. Default 3: the STS3215 turns about 60 degrees in 0.222 s
    /// without load at 7.4 V (about 4.7 rad/s); 3 rad/s leaves margin for load and a low battery.
    /// </summary>
    public double MaxVelocityRadiansPerSecond { get; init; } = 3.0;

    /// <summary>Acceleration limit of every joint, rad/s². Default 20: a conservative choice, not a datasheet figure.</summary>
    public double MaxAccelerationRadiansPerSecondSquared { get; init; } = 20.0;

    /// <summary>Motor names and bus IDs, as <see cref="ServoCalibration.EnsureMatches"/> wants them.</summary>
    public IReadOnlyDictionary<string, int> MotorIds =>
        Motors.ToDictionary(motor => motor.Name, motor => (int)motor.Id, StringComparer.Ordinal);

    /// <summary>The nominal description (limits from <see cref="Motors"/>); built on each access.</summary>
    public RobotDescription Description => CreateDescription(null);

    /// <summary>
    /// Which arm this is, as far as the bus can tell: the model and every servo's ID in motor order,
    /// for example <c>so101 ids 1,2,3,4,5,6</c>. Servos hold no serial number, so two arms of one model
    /// with the same IDs share it; the port is left out, as the same arm may enumerate elsewhere.
    /// </summary>
    public string Identity => FormattableString.Invariant($"{Model} ids {string.Join(",", Motors.Select(motor => motor.Id))}");

    /// <summary>Index of the motor called <paramref name="motorName"/>, or -1.</summary>
    public int IndexOf(string motorName)
    {
        for (int i = 0; i < Motors.Count; i++)
        {
            if (string.Equals(Motors[i].Name, motorName, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// The description of this arm: one revolute joint per motor, the gripper and the nominal
    /// kinematics. With <paramref name="calibration"/>, each joint's limits are its recorded range
    /// (<c>range_min</c>..<c>range_max</c> converted to radians with the calibration's direction),
    /// and the gripper's closed and open positions are the ends of its range.
    /// </summary>
    /// <param name="calibration">A calibration that fits this arm (see <see cref="EnsureCalibrationFits"/>), or null for nominal limits.</param>
    /// <exception cref="CalibrationMismatchException">The calibration does not fit this arm.</exception>
    public RobotDescription CreateDescription(ServoCalibration? calibration)
    {
        if (calibration is not null)
        {
            EnsureCalibrationFits(calibration, "the calibration");
        }

        var joints = new JointDescription[Motors.Count];
        for (int i = 0; i < Motors.Count; i++)
        {
            FeetechMotor motor = Motors[i];
            (double min, double max) = PositionRange(i, calibration);
            joints[i] = new JointDescription(motor.Name, JointKind.Revolute, new JointLimits(min, max, MaxVelocityRadiansPerSecond, MaxAccelerationRadiansPerSecondSquared))
            {
                EncoderCountsPerUnit = motor.Servo.CountsPerTurn / (2 * Math.PI),
            };
        }

        var grippers = new List<GripperDescription>();
        if (Gripper is { } gripper)
        {
            double closed = gripper.ClosedPositionRadians;
            double open = gripper.OpenPositionRadians;
            if (calibration is not null)
            {
                JointLimits range = joints[IndexOf(gripper.MotorName)].Limits;
                (closed, open) = closed <= open ? (range.MinPosition, range.MaxPosition) : (range.MaxPosition, range.MinPosition);
            }

            grippers.Add(new GripperDescription(gripper.Name, gripper.MotorName, closed, open) { MaxWidthMeters = gripper.MaxWidthMeters });
        }

        return new RobotDescription(Model, joints)
        {
            Identity = Identity,
            Grippers = grippers,
            Kinematics = Kinematics,
            CommandModes = [CommandMode.Position],
        };
    }

    /// <summary>
    /// Checks that <paramref name="calibration"/> was made for this arm on a Feetech bus, with the
    /// same motors and IDs, and holds values a servo can take.
    /// </summary>
    /// <param name="calibration">The calibration.</param>
    /// <param name="source">Where it came from (a file path), for the message.</param>
    /// <exception cref="CalibrationMismatchException">It does not fit; the message names <paramref name="source"/> and what differs.</exception>
    public void EnsureCalibrationFits(ServoCalibration calibration, string source)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        calibration.EnsureMatches(Model, MotorIds, source);
        if (!string.Equals(calibration.Bus, CalibrationBus, StringComparison.OrdinalIgnoreCase))
        {
            throw new CalibrationMismatchException($"{source}: calibration '{calibration.ArmId}' was made on a '{calibration.Bus}' bus, not a '{CalibrationBus}' one.");
        }

        int maxOffset = Sts3215.HomingOffset.MaxValue;
        var problems = new List<string>();
        foreach (FeetechMotor motor in Motors)
        {
            MotorCalibration values = calibration.Motors[motor.Name];
            int lastCount = motor.Servo.CountsPerTurn - 1;
            if (values.DriveMode is not (0 or 1))
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"motor '{motor.Name}' has drive_mode {values.DriveMode} (0 or 1)"));
            }

            if (Math.Abs(values.HomingOffset) > maxOffset)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"motor '{motor.Name}' has homing_offset {values.HomingOffset} (-{maxOffset} to {maxOffset})"));
            }

            if (values.RangeMin < 0 || values.RangeMax > lastCount || values.RangeMin >= values.RangeMax)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"motor '{motor.Name}' has range {values.RangeMin}..{values.RangeMax} (needs 0 <= range_min < range_max <= {lastCount}; record the range again)"));
            }
        }

        if (problems.Count > 0)
        {
            throw new CalibrationMismatchException($"{source}: calibration '{calibration.ArmId}' cannot be applied to this '{Model}': {string.Join("; ", problems)}.");
        }
    }

    /// <summary>Returns every contradiction in this definition; empty when it is consistent.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Model))
        {
            problems.Add("the model name is empty");
        }

        if (Motors is null || Motors.Count == 0)
        {
            problems.Add($"arm '{Model}' has no motors");
            return problems;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var ids = new HashSet<byte>();
        foreach (FeetechMotor motor in Motors)
        {
            if (!names.Add(motor.Name))
            {
                problems.Add($"motor '{motor.Name}' appears twice");
            }

            if (!ids.Add(motor.Id))
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"ID {motor.Id} is used twice"));
            }

            if (motor.Id > FeetechPacket.MaxServoId)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"motor '{motor.Name}' has ID {motor.Id} (0 to {FeetechPacket.MaxServoId})"));
            }

            if (motor.Direction is not (1 or -1))
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"motor '{motor.Name}' has direction {motor.Direction} (+1 or -1)"));
            }

            if (!(motor.MinPositionRadians < motor.MaxPositionRadians))
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"motor '{motor.Name}' has limits {motor.MinPositionRadians}..{motor.MaxPositionRadians} rad"));
            }
        }

        if (Gripper is { } gripper && IndexOf(gripper.MotorName) < 0)
        {
            problems.Add($"the gripper names unknown motor '{gripper.MotorName}'");
        }

        if (!(MaxVelocityRadiansPerSecond > 0) || !(MaxAccelerationRadiansPerSecondSquared > 0))
        {
            problems.Add("the velocity and acceleration limits must be positive");
        }

        if (problems.Count == 0)
        {
            problems.AddRange(Description.Validate());
        }

        return problems;
    }

    /// <summary>Throws <see cref="ArgumentException"/> listing every problem <see cref="Validate"/> finds.</summary>
    internal void ThrowIfInvalid(string parameterName)
    {
        IReadOnlyList<string> problems = Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException($"Feetech arm '{Model}' is inconsistent: {string.Join("; ", problems)}.", parameterName);
        }
    }

    /// <summary>+1 or -1: the calibration's <c>drive_mode</c> when given (1 reverses), else the motor's nominal direction.</summary>
    internal int DirectionOf(int motorIndex, ServoCalibration? calibration) =>
        calibration is null ? Motors[motorIndex].Direction : calibration.Motors[Motors[motorIndex].Name].DriveMode == 1 ? -1 : 1;

    private (double Min, double Max) PositionRange(int motorIndex, ServoCalibration? calibration)
    {
        FeetechMotor motor = Motors[motorIndex];
        if (calibration is null)
        {
            return (motor.MinPositionRadians, motor.MaxPositionRadians);
        }

        MotorCalibration values = calibration.Motors[motor.Name];
        int direction = DirectionOf(motorIndex, calibration);
        double a = direction * StsUnits.CountsToRadians(values.RangeMin);
        double b = direction * StsUnits.CountsToRadians(values.RangeMax);
        return (Math.Min(a, b), Math.Max(a, b));
    }
}
