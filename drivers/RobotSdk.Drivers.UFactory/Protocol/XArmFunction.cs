namespace RobotSdk.Drivers.UFactory.Protocol;

/// <summary>
/// The function codes of the xArm private protocol on TCP port 502 that this SDK speaks (the byte
/// after the header; xArm-Python-SDK <c>XCONF.UxbusReg</c>). Every xArm controller, the Lite 6's
/// included, uses the same codes.
/// </summary>
public enum XArmFunction : byte
{
    /// <summary>GET_VERSION (1): no payload; reply 40 bytes of text, for example <c>6,9,LI...,AC...,v2.5.0</c> (axes, type, serial numbers, firmware).</summary>
    GetVersion = 1,

    /// <summary>MOTION_EN (11): payload servo ID (1..7, 8 = all) and 0/1; no reply data.</summary>
    MotionEnable = 11,

    /// <summary>SET_STATE (12): payload one byte, 0 move, 3 pause, 4 stop, 6 decelerate and stop; no reply data.</summary>
    SetState = 12,

    /// <summary>GET_STATE (13): no payload; reply one byte, 1 moving, 2 sleeping (idle), 3 paused, 4 stopped.</summary>
    GetState = 13,

    /// <summary>GET_CMDNUM (14): no payload; reply u16 big-endian, the motion commands waiting in the controller's queue.</summary>
    GetCommandCount = 14,

    /// <summary>GET_ERROR (15): no payload; reply two bytes, the controller's error code and warning code.</summary>
    GetErrorCodes = 15,

    /// <summary>CLEAN_ERR (16): clears the controller error; motion must be enabled and the state set to 0 again afterwards.</summary>
    CleanError = 16,

    /// <summary>CLEAN_WAR (17): clears the controller warning.</summary>
    CleanWarning = 17,

    /// <summary>SET_MODE (19): payload the mode (0 position, 1 servo, ...) and, from firmware 1.10.0, a detection parameter byte.</summary>
    SetMode = 19,

    /// <summary>MOVE_JOINT (23): payload 7 joints, speed, acceleration, time as fp32 little-endian (radians); a planned move in mode 0.</summary>
    MoveJoint = 23,

    /// <summary>MOVE_SERVOJ (29): the same payload as <see cref="MoveJoint"/>; the controller executes only the latest one, in mode 1.</summary>
    ServoJoint = 29,

    /// <summary>GET_JOINT_POS (42): no payload, reply 7 fp32 joint positions; or a count byte n (1..3), reply 7n fp32 (positions, velocities, efforts).</summary>
    GetJointPositions = 42,

    /// <summary>TGPIO_W16B (127): payload host ID (9, the arm's tool board), register u16 big-endian, value as fp32 little-endian, optional sync byte (firmware 2.4.101).</summary>
    ToolRegisterWrite = 127,
}
