namespace RobotSdk.Drivers.Elephant;

/// <summary>
/// Command bytes (the CMD of <c>FE FE LEN CMD data FA</c>) of the myCobot 280 serial protocol that
/// this driver and its emulator speak, as pymycobot's <c>ProtocolCode</c> numbers them.
/// </summary>
/// <remarks>
/// Queries (<see cref="IsPoweredOn"/>, <see cref="GetAngles"/>, <see cref="GetCoords"/>,
/// <see cref="GetRefreshMode"/>, <see cref="GetGripperValue"/>) are answered with a frame carrying the
/// same CMD. The other commands are not answered by the Atom firmware this driver targets (v6.x);
/// later firmware may acknowledge them with <c>FE FE 03 CMD 01 FA</c>, which the bus tolerates and skips.
/// </remarks>
public enum MyCobotCommand : byte
{
    /// <summary>Powers the servos and locks them where they are (pymycobot <c>power_on</c>). No data.</summary>
    PowerOn = 0x10,

    /// <summary>Cuts the servos' power: the arm falls unsupported (pymycobot <c>power_off</c>). No data.</summary>
    PowerOff = 0x11,

    /// <summary>Asks whether the servos are powered; the reply carries 1 (on) or 0 (off).</summary>
    IsPoweredOn = 0x12,

    /// <summary>Releases every servo (torque off, joints movable by hand); optional data byte 1 = without damping.</summary>
    ReleaseAllServos = 0x13,

    /// <summary>Sets the command mode: data 1 = execute the latest command at once (refresh), 0 = queue commands.</summary>
    SetRefreshMode = 0x16,

    /// <summary>Asks for the command mode; the reply carries 1 (refresh) or 0 (queue).</summary>
    GetRefreshMode = 0x17,

    /// <summary>Asks for the six joint angles; the reply carries six int16 big-endian, degrees x 100.</summary>
    GetAngles = 0x20,

    /// <summary>Moves one joint: data = joint (1-6), int16 angle (degrees x 100), speed (1-100).</summary>
    SendAngle = 0x21,

    /// <summary>Moves all six joints: data = six int16 angles (degrees x 100), speed (1-100).</summary>
    SendAngles = 0x22,

    /// <summary>Asks for the flange pose; the reply carries x, y, z (mm x 10) and rx, ry, rz (degrees x 100), int16 each.</summary>
    GetCoords = 0x23,

    /// <summary>Moves the flange to a pose: data = x, y, z (mm x 10), rx, ry, rz (degrees x 100), speed, mode (0 angular, 1 linear).</summary>
    SendCoords = 0x25,

    /// <summary>Asks for the gripper's opening; the reply carries the value 0 (closed) to 100 (open).</summary>
    GetGripperValue = 0x65,

    /// <summary>Opens or closes the gripper: data = state (<see cref="MyCobotGripperState"/>), speed (0-100).</summary>
    SetGripperState = 0x66,

    /// <summary>Moves the gripper: data = value 0 (closed) to 100 (open), speed (0-100).</summary>
    SetGripperValue = 0x67,
}
