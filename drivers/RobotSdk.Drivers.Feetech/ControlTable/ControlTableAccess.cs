namespace RobotSdk.Drivers.Feetech;

/// <summary>Whether a control-table item can be written.</summary>
public enum ControlTableAccess
{
    /// <summary>Read-only: writes are ignored by the servo and refused by <see cref="FeetechBus"/>.</summary>
    ReadOnly,

    /// <summary>Readable and writable.</summary>
    ReadWrite,
}
