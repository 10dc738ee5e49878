namespace RobotSdk.Drivers.Dynamixel;

/// <summary>Whether a control-table item may be written.</summary>
public enum ItemAccess
{
    /// <summary>Read only (R in the e-Manual).</summary>
    ReadOnly,

    /// <summary>Readable and writable (RW in the e-Manual).</summary>
    ReadWrite,
}
