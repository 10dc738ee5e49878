using System.Runtime.Versioning;

// The emulator runs on Linux pseudo-terminals, and the emulator tests spin-wait for reply
// timing: running test classes one at a time keeps two shared cores from starving each other.
[assembly: SupportedOSPlatform("linux")]
[assembly: CollectionBehavior(DisableTestParallelization = true)]
