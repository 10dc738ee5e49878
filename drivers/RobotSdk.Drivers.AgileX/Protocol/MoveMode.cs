namespace RobotSdk.Drivers.AgileX;

/// <summary>
/// How the arm interprets motion targets: byte 1 of motion control (0x151), byte 2 of the arm
/// status (0x2A1). Values from piper_sdk's <c>ArmMsgMotionCtrl_2</c> and <c>ModeFeed</c>.
/// </summary>
public enum MoveMode : byte
{
    /// <summary>MOVE P: point to point in Cartesian space (0x152-0x154).</summary>
    Point = 0x00,

    /// <summary>MOVE J: joint targets (0x155-0x157); what this SDK selects.</summary>
    Joint = 0x01,

    /// <summary>MOVE L: straight line in Cartesian space.</summary>
    Linear = 0x02,

    /// <summary>MOVE C: circular arc.</summary>
    Circular = 0x03,

    /// <summary>MOVE M: MIT (per-joint impedance, 0x15A-0x15F), firmware V1.5-2 and later.</summary>
    Mit = 0x04,

    /// <summary>MOVE CPV: continuous position and velocity, firmware V1.8-1 and later.</summary>
    ContinuousPositionVelocity = 0x05,
}
