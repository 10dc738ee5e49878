using System.Runtime.Versioning;

// The transports under test are Linux-only (termios, ptys, SocketCAN), and so is this suite.
[assembly: SupportedOSPlatform("linux")]
