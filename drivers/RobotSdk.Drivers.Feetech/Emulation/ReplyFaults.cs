using System.Runtime.Versioning;

namespace RobotSdk.Drivers.Feetech.Emulation;

/// <summary>
/// Counters of replies to drop or corrupt, per servo ID or for any servo. Not thread-safe: the
/// emulator holds its lock around every call.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class ReplyFaults
{
    private readonly int[] _dropById = new int[256];
    private readonly int[] _corruptById = new int[256];
    private int _dropAny;
    private int _corruptAny;

    /// <summary>Drops the next <paramref name="count"/> replies of <paramref name="id"/>, or of any servo when null.</summary>
    public void Drop(int count, byte? id) => Set(_dropById, ref _dropAny, count, id);

    /// <summary>Corrupts the next <paramref name="count"/> replies of <paramref name="id"/>, or of any servo when null.</summary>
    public void Corrupt(int count, byte? id) => Set(_corruptById, ref _corruptAny, count, id);

    /// <summary>Decides the fate of the next reply from <paramref name="id"/>, consuming one count (a dropped reply is not also corrupted).</summary>
    public (bool Drop, bool Corrupt) Next(byte id)
    {
        bool drop = Take(_dropById, ref _dropAny, id);
        return (drop, !drop && Take(_corruptById, ref _corruptAny, id));
    }

    private static void Set(int[] byId, ref int any, int count, byte? id)
    {
        if (id is { } target)
        {
            byId[target] = count;
        }
        else
        {
            any = count;
        }
    }

    private static bool Take(int[] byId, ref int any, byte id)
    {
        if (byId[id] > 0)
        {
            byId[id]--;
            return true;
        }

        if (any > 0)
        {
            any--;
            return true;
        }

        return false;
    }
}
