namespace RobotSdk.Drivers.Feetech;

/// <summary>What a servo said about itself when pinged.</summary>
/// <param name="Id">Its ID.</param>
/// <param name="ModelNumber">Its model number (777 for an STS3215).</param>
/// <param name="Firmware">Its firmware version.</param>
public readonly record struct FeetechPingResult(byte Id, int ModelNumber, FeetechFirmwareVersion Firmware);
