using System.Runtime.Versioning;

// libapriltag3 is a Linux (Debian) library; the tests load it for real.
[assembly: SupportedOSPlatform("linux")]
