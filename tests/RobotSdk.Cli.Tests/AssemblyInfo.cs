using System.Runtime.Versioning;

// The CLI's serial and emulator commands are Linux-only, like the transports under them.
[assembly: SupportedOSPlatform("linux")]
