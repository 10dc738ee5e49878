namespace RobotSdk.Drivers.Dynamixel.Tests.Protocol;

/// <summary>The byte vectors of REFERENCE.md section 1, produced by the ROBOTIS SDK 4.0.5 on a pty.</summary>
internal static class GoldenVectors
{
    public const string SyncWriteGoalPositions =
        "FF FF FD 00 FE 25 00 83 74 00 04 00 01 64 08 00 00 02 C8 08 00 00 03 2C 09 00 00 04 90 09 00 00 05 F4 09 00 00 06 58 0A 00 00 7A C3";

    public const string SyncReadPresentPositions = "FF FF FD 00 FE 0D 00 82 84 00 04 00 01 02 03 04 05 06 B2 9B";

    public const string OneServoPositionReply = "FF FF FD 00 01 08 00 55 00 E9 03 00 00 AD 8C";

    public const string FastSyncReadPresentPositions = "FF FF FD 00 FE 0D 00 8A 84 00 04 00 01 02 03 04 05 06 B1 B1";

    public const string BulkReadPositionAndVelocity = "FF FF FD 00 FE 0D 00 92 01 84 00 04 00 02 80 00 04 00 FF 8A";

    public const string StuffedWriteOfGoalPosition = "FF FF FD 00 01 0A 00 03 74 00 FF FF FD FD 00 21 E7";

    public static TheoryData<string, string> All => new()
    {
        { nameof(SyncWriteGoalPositions), SyncWriteGoalPositions },
        { nameof(SyncReadPresentPositions), SyncReadPresentPositions },
        { nameof(OneServoPositionReply), OneServoPositionReply },
        { nameof(FastSyncReadPresentPositions), FastSyncReadPresentPositions },
        { nameof(BulkReadPositionAndVelocity), BulkReadPositionAndVelocity },
        { nameof(StuffedWriteOfGoalPosition), StuffedWriteOfGoalPosition },
    };
}
