namespace RobotSdk.Drivers.Elephant;

/// <summary>The states of <see cref="MyCobotCommand.SetGripperState"/> (pymycobot <c>set_gripper_state</c> flags).</summary>
public enum MyCobotGripperState : byte
{
    /// <summary>Fully open.</summary>
    Open = 0,

    /// <summary>Fully closed.</summary>
    Close = 1,

    /// <summary>Torque off: the fingers move freely.</summary>
    Release = 254,
}
