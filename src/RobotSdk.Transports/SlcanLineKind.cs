namespace RobotSdk.Transports;

/// <summary>What a CR-terminated line from an SLCAN adapter was.</summary>
internal enum SlcanLineKind
{
    /// <summary>A received frame (<c>t</c>, <c>T</c>, <c>r</c>, <c>R</c>).</summary>
    Frame,

    /// <summary>An empty line (command OK) or <c>z</c>/<c>Z</c> (transmit OK).</summary>
    Acknowledgement,

    /// <summary>Anything else: counted and skipped.</summary>
    Malformed,
}
