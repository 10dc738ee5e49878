namespace RobotSdk.Drivers.AgileX;

/// <summary>
/// The standard (11-bit) CAN identifiers of the PiPER used by this SDK, from piper_sdk's
/// <c>piper_msgs/msg_v2/can_id.py</c> (<c>CanIDPiper</c>). Commands go from the host to the arm,
/// feedback from the arm to the host. The arm can shift its feedback IDs (0x2Bx, 0x2Cx) and
/// command IDs (0x16x, 0x17x) for leader/follower pairs (command 0x470); this SDK uses the defaults.
/// </summary>
public static class PiperCanIds
{
    /// <summary>0x151: control mode, move mode, speed percent, MIT flag (motion control 2).</summary>
    public const uint MotionControl = 0x151;

    /// <summary>0x155: targets of joints 1 and 2, int32 0.001 degree each.</summary>
    public const uint JointTargets12 = 0x155;

    /// <summary>0x156: targets of joints 3 and 4.</summary>
    public const uint JointTargets34 = 0x156;

    /// <summary>0x157: targets of joints 5 and 6.</summary>
    public const uint JointTargets56 = 0x157;

    /// <summary>0x159: gripper stroke, effort, enable code and set-zero flag.</summary>
    public const uint GripperControl = 0x159;

    /// <summary>0x471: enable or disable one motor or all of them.</summary>
    public const uint MotorEnable = 0x471;

    /// <summary>0x2A1: arm status (control mode, status, move mode, teach, motion, trajectory point, error code).</summary>
    public const uint ArmStatus = 0x2A1;

    /// <summary>0x2A2: end pose X and Y, int32 0.001 mm.</summary>
    public const uint EndPoseXY = 0x2A2;

    /// <summary>0x2A3: end pose Z (0.001 mm) and RX (0.001 degree).</summary>
    public const uint EndPoseZRX = 0x2A3;

    /// <summary>0x2A4: end pose RY and RZ, 0.001 degree.</summary>
    public const uint EndPoseRYRZ = 0x2A4;

    /// <summary>0x2A5: positions of joints 1 and 2, int32 0.001 degree.</summary>
    public const uint JointFeedback12 = 0x2A5;

    /// <summary>0x2A6: positions of joints 3 and 4.</summary>
    public const uint JointFeedback34 = 0x2A6;

    /// <summary>0x2A7: positions of joints 5 and 6.</summary>
    public const uint JointFeedback56 = 0x2A7;

    /// <summary>0x2A8: gripper stroke, torque and status.</summary>
    public const uint GripperFeedback = 0x2A8;

    /// <summary>0x251: high-speed feedback of motor 1 (0x252 to 0x256 for motors 2 to 6): speed, current, position.</summary>
    public const uint HighSpeedFeedbackMotor1 = 0x251;

    /// <summary>0x261: low-speed feedback of motor 1 (0x262 to 0x266 for motors 2 to 6): voltage, temperatures, status, bus current.</summary>
    public const uint LowSpeedFeedbackMotor1 = 0x261;

    /// <summary>The number of arm joints (motors 1 to 6); the gripper is motor 7.</summary>
    public const int ArmJointCount = 6;

    /// <summary>The ID carrying joint pair <paramref name="pair"/> (0: joints 1-2, 1: 3-4, 2: 5-6) of the targets (0x155+) or the feedback (0x2A5+).</summary>
    internal static uint JointPairId(uint firstId, int pair) => firstId + (uint)pair;
}
