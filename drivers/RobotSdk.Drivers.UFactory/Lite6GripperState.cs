namespace RobotSdk.Drivers.UFactory;

/// <summary>What the driver last commanded the Lite 6 gripper to do (it reports no state of its own).</summary>
public enum Lite6GripperState
{
    /// <summary>Nothing commanded since the driver was configured: the gripper is wherever it was.</summary>
    Unknown,

    /// <summary>Open was sent (tool output 0 on, output 1 off).</summary>
    Open,

    /// <summary>Close was sent (tool output 0 off, output 1 on).</summary>
    Closed,
}
