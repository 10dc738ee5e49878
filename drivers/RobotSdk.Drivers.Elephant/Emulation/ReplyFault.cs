namespace RobotSdk.Drivers.Elephant.Emulation;

/// <summary>What happens to one reply of the emulated firmware on its way to the client.</summary>
internal enum ReplyFault
{
    /// <summary>It arrives intact.</summary>
    None,

    /// <summary>It is lost.</summary>
    Drop,

    /// <summary>Its footer and a data byte are damaged, so the client's decoder rejects it.</summary>
    Garble,

    /// <summary>Only its first half arrives.</summary>
    Truncate,

    /// <summary>It arrives twice; the copy is stale for the client's next request.</summary>
    Duplicate,

    /// <summary>A lone header byte and a stale frame of another command arrive first.</summary>
    PrecedeWithStale,
}
