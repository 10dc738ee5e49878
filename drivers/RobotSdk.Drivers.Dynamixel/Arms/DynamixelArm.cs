using RobotSdk.Hardware;

namespace RobotSdk.Drivers.Dynamixel;

/// <summary>
/// A Dynamixel arm as data: its joints in the driver's frame order (each with its servo, an
/// optional shadow servo, direction, operating mode and nominal limits), its gripper, its
/// nominal kinematics and the pose at which a calibration records each joint's zero.
/// <see cref="DynamixelArms"/> lists the arms RobotSdk knows; <see cref="DynamixelArmDriver"/>
/// drives any of them.
/// </summary>
/// <param name="Model">Model name, for example <c>koch</c> or <c>wx250s</c>; calibration files name it.</param>
/// <param name="Joints">Every joint in frame order: the arm joints from base to wrist, then the gripper.</param>
public sealed record DynamixelArm(string Model, IReadOnlyList<DynamixelJoint> Joints)
{
    /// <summary>The gripper, or null when the arm has none.</summary>
    public DynamixelGripper? Gripper { get; init; }

    /// <summary>Nominal kinematics of the arm joints (URDF convention), or null when unknown.</summary>
    public KinematicChainDescription? Kinematics { get; init; }

    /// <summary>
    /// The pose to hold while <see cref="DynamixelCalibrationRecorder.RecordHome"/> records each
    /// joint's zero, in words for the user.
    /// </summary>
    public string HomePose { get; init; } = "every joint in the middle of its range of motion";

    /// <summary>Every servo, primaries first in joint order, then the shadows in joint order.</summary>
    /// <remarks>
    /// The order matters when writing the control table: a write to a primary's ID is also
    /// executed by its shadow (Secondary ID), so shadows must get their own values last.
    /// </remarks>
    public IReadOnlyList<DynamixelMotor> Motors
    {
        get
        {
            var motors = new List<DynamixelMotor>();
            for (int index = 0; index < Joints.Count; index++)
            {
                DynamixelJoint joint = Joints[index];
                motors.Add(new DynamixelMotor(joint.Name, joint.Id, joint.Model, joint.Name, index, false, joint.DriveMode, joint.OperatingMode, DynamixelMotor.NoSecondaryId));
            }

            for (int index = 0; index < Joints.Count; index++)
            {
                DynamixelJoint joint = Joints[index];
                if (joint.ShadowId is { } shadowId)
                {
                    byte driveMode = (byte)(joint.DriveMode ^ DynamixelJoint.ReverseBit);
                    motors.Add(new DynamixelMotor(joint.ShadowName!, shadowId, joint.Model, joint.Name, index, true, driveMode, joint.OperatingMode, joint.Id));
                }
            }

            return motors;
        }
    }

    /// <summary>Motor names and IDs, shadows included (the keys of this arm's calibration files).</summary>
    public IReadOnlyDictionary<string, int> MotorIds => Motors.ToDictionary(motor => motor.Name, motor => (int)motor.Id, StringComparer.Ordinal);

    /// <summary>The nominal self-description (no calibration).</summary>
    public RobotDescription Description => CreateDescription();

    /// <summary>
    /// Which arm this is, as far as the bus can tell: the model and every servo's ID in motor order,
    /// for example <c>so101 ids 1,2,3,4,5,6</c>. Servos hold no serial number, so two arms of one model
    /// with the same IDs share it; the port is left out, as the same arm may enumerate elsewhere.
    /// </summary>
    public string Identity => FormattableString.Invariant($"{Model} ids {string.Join(",", Motors.Select(motor => motor.Id))}");

    /// <summary>Index of the joint called <paramref name="jointName"/>, or -1.</summary>
    /// <param name="jointName">The joint's name.</param>
    /// <returns>Its index in <see cref="Joints"/>.</returns>
    public int IndexOf(string jointName)
    {
        for (int index = 0; index < Joints.Count; index++)
        {
            if (string.Equals(Joints[index].Name, jointName, StringComparison.Ordinal))
            {
                return index;
            }
        }

        return -1;
    }

    /// <summary>
    /// The self-description with a servo calibration applied: each joint's position limits
    /// become the nominal limits narrowed to the range of motion the calibration recorded, and
    /// the gripper's closed and open angles become the ends of its recorded range (in the
    /// nominal orientation). Motors the calibration lacks, or has under another ID, keep their
    /// nominal values (<see cref="DynamixelArmDriver.Configure"/> refuses such a calibration).
    /// </summary>
    /// <param name="calibration">The calibration, or null for the nominal description.</param>
    /// <returns>The description.</returns>
    public RobotDescription CreateDescription(ServoCalibration? calibration = null)
    {
        var joints = new JointDescription[Joints.Count];
        for (int index = 0; index < Joints.Count; index++)
        {
            DynamixelJoint joint = Joints[index];
            JointLimits limits = joint.Limits;
            if (CalibratedRange(joint, calibration) is { } range && Math.Max(limits.MinPosition, range.Low) < Math.Min(limits.MaxPosition, range.High))
            {
                limits = limits with { MinPosition = Math.Max(limits.MinPosition, range.Low), MaxPosition = Math.Min(limits.MaxPosition, range.High) };
            }

            joints[index] = new JointDescription(joint.Name, JointKind.Revolute, limits) { EncoderCountsPerUnit = ServoUnits.CountsPerRevolution };
        }

        GripperDescription[] grippers = [];
        if (Gripper is { } gripper && IndexOf(gripper.JointName) is >= 0 and var gripperIndex)
        {
            double closed = gripper.ClosedPosition;
            double open = gripper.OpenPosition;
            if (CalibratedRange(Joints[gripperIndex], calibration) is { } range)
            {
                JointLimits limits = joints[gripperIndex].Limits;
                double low = Math.Clamp(range.Low, limits.MinPosition, limits.MaxPosition);
                double high = Math.Clamp(range.High, limits.MinPosition, limits.MaxPosition);
                (closed, open) = closed <= open ? (low, high) : (high, low);
            }

            grippers = [new GripperDescription("gripper", gripper.JointName, closed, open) { MaxWidthMeters = gripper.MaxWidthMeters }];
        }

        return new RobotDescription(Model, joints)
        {
            Identity = Identity,
            Grippers = grippers,
            Kinematics = Kinematics,
            CommandModes = [CommandMode.Position],
        };
    }

    /// <summary>Returns every contradiction in this definition (duplicate IDs or names, unknown joints, models that lack the operating mode); empty when consistent.</summary>
    /// <returns>The problems.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Model))
        {
            problems.Add("the arm needs a model name");
        }

        foreach (IGrouping<byte, DynamixelMotor> shared in Motors.GroupBy(motor => motor.Id).Where(group => group.Count() > 1))
        {
            problems.Add($"ID {shared.Key} is used by {string.Join(" and ", shared.Select(motor => $"'{motor.Name}'"))}");
        }

        foreach (DynamixelJoint joint in Joints)
        {
            if (!joint.Model.Supports(joint.OperatingMode))
            {
                problems.Add($"joint '{joint.Name}': {joint.Model.Name} has no {joint.OperatingMode} mode");
            }
        }

        problems.AddRange(CreateDescription().Validate());
        if (Gripper is { } gripper && IndexOf(gripper.JointName) < 0)
        {
            problems.Add($"the gripper names unknown joint '{gripper.JointName}'");
        }

        return problems;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Model} ({Joints.Count} joints, {Motors.Count} servos)";

    private static (double Low, double High)? CalibratedRange(DynamixelJoint joint, ServoCalibration? calibration)
    {
        if (calibration is null || !calibration.Motors.TryGetValue(joint.Name, out MotorCalibration? motor) || motor.Id != joint.Id)
        {
            return null;
        }

        double first = joint.ToRadians(motor.RangeMin);
        double second = joint.ToRadians(motor.RangeMax);
        return (Math.Min(first, second), Math.Max(first, second));
    }
}
