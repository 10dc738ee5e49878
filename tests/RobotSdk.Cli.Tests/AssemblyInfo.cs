using System.Runtime.Versioning;

// The CLI's serial and emulator commands are Linux-only, like the transports under them.
[assembly: SupportedOSPlatform("linux")]

// Each test runs `robot` processes with real-time emulators (and the demo a MuJoCo world): one test
// class at a time keeps two shared cores from starving their threads into spurious bus timeouts.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
