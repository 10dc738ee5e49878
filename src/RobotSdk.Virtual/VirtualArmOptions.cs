using RobotSdk.Simulation;

namespace RobotSdk.Virtual;

/// <summary>How a <see cref="VirtualArm"/> is served.</summary>
public sealed class VirtualArmOptions
{
    /// <summary>
    /// For arms on a serial link (servo buses, the PiPER's SLCAN adapter, the myCobot): a path where a
    /// symlink to the emulated port is made (for example <c>/tmp/so101</c>), so programs can be told
    /// a stable name. Null serves the pseudo-terminal's own <c>/dev/pts/N</c> path. Ignored for TCP arms.
    /// </summary>
    public string? LinkPath { get; set; }

    /// <summary>For arms on TCP (the Lite 6): the loopback port to listen on; 0 (default) picks a free one.</summary>
    public int ListenPort { get; set; }

    /// <summary>The world's seed, start pose and real-time tolerances (defaults when null).</summary>
    public VirtualWorldOptions? World { get; set; }

    /// <summary>
    /// Whether the world steps in real time on its own thread from the start (default true, as a
    /// real arm moves on its own). False leaves it stopped for deterministic tests that step it.
    /// </summary>
    public bool RealTime { get; set; } = true;
}
