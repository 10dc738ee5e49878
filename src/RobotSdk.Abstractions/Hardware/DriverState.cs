namespace RobotSdk.Hardware;

/// <summary>Lifecycle state of a driver (after ros2_control's hardware lifecycle).</summary>
public enum DriverState
{
    /// <summary>Constructed; no hardware opened.</summary>
    Unconfigured,

    /// <summary>Transport open and devices found; state readable, torque off.</summary>
    Inactive,

    /// <summary>Torque on; commands are executed.</summary>
    Active,

    /// <summary>Disposed; the driver cannot be used again.</summary>
    Disposed,
}
