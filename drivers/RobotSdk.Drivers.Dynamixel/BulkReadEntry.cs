namespace RobotSdk.Drivers.Dynamixel;

/// <summary>One servo's range in a Bulk Read.</summary>
/// <param name="Id">The servo (each ID at most once per Bulk Read).</param>
/// <param name="Address">First address to read.</param>
/// <param name="Length">Bytes to read.</param>
public readonly record struct BulkReadEntry(byte Id, ushort Address, ushort Length);
