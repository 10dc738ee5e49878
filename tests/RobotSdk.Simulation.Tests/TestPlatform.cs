using System.Runtime.Versioning;

// MuJoCo and its offscreen renderer are loaded from Debian's Linux libraries; simulations are
// CPU-heavy, so test classes run one at a time on the two shared cores.
[assembly: SupportedOSPlatform("linux")]
[assembly: CollectionBehavior(DisableTestParallelization = true)]
