namespace RobotSdk.Drivers.Dynamixel;

/// <summary>One servo's range in a Bulk Write; its bytes come from the data span, entry after entry.</summary>
/// <param name="Id">The servo (each ID at most once per Bulk Write).</param>
/// <param name="Address">First address to write.</param>
/// <param name="Length">Bytes to write.</param>
public readonly record struct BulkWriteEntry(byte Id, ushort Address, ushort Length);
