using System.Runtime.Versioning;

// Virtual arms run MuJoCo from Debian's Linux libraries behind pseudo-terminals; each test runs a
// real-time simulation, so test classes run one at a time on the two shared cores.
[assembly: SupportedOSPlatform("linux")]
[assembly: CollectionBehavior(DisableTestParallelization = true)]
