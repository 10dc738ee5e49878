using System.Runtime.Versioning;

// The emulator runs on Linux pseudo-terminals, and so does this suite.
[assembly: SupportedOSPlatform("linux")]

// Emulator tests spin-wait to model wire time; running them one at a time keeps two shared cores free for that.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
