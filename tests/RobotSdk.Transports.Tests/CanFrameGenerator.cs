namespace RobotSdk.Transports.Tests;

/// <summary>Random classic CAN frames for round-trip properties (seeded, so failures reproduce).</summary>
internal static class CanFrameGenerator
{
    public static CanFrame Next(Random random)
    {
        bool isExtended = random.Next(2) == 1;
        uint id = (uint)random.NextInt64(0, (isExtended ? CanFrame.MaxExtendedId : CanFrame.MaxStandardId) + 1L);
        int length = random.Next(CanFrame.MaxLength + 1);
        if (random.Next(8) == 0)
        {
            return CanFrame.CreateRemote(id, length, isExtended);
        }

        var data = new byte[length];
        random.NextBytes(data);
        return new CanFrame(id, data, isExtended);
    }
}
