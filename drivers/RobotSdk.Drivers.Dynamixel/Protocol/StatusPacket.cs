namespace RobotSdk.Drivers.Dynamixel;

/// <summary>What <see cref="PacketDecoder.DecodeStatus"/> found in a status packet.</summary>
/// <param name="Id">The servo that answered.</param>
/// <param name="Error">Its error byte.</param>
/// <param name="ParameterLength">Number of parameter bytes (after the error byte, unstuffed) written to the caller's buffer.</param>
public readonly record struct StatusPacket(byte Id, StatusError Error, int ParameterLength);
