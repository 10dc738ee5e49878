using System.Runtime.Versioning;

// The tests run controllers (the emulator, a scripted one) on loopback sockets with their own
// threads beside a control loop: running test classes one at a time keeps two shared cores from
// starving each other.
[assembly: SupportedOSPlatform("linux")]
[assembly: CollectionBehavior(DisableTestParallelization = true)]
