using System.Runtime.InteropServices;

namespace RobotSdk.Transports;

/// <summary>
/// glibc's <c>struct termios</c> (60 bytes on x86-64 and arm64: four flag words, the line
/// discipline, 32 control characters, then the input and output speeds).
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct Termios
{
    /// <summary>Size glibc uses; checked by a test so a layout slip cannot corrupt the stack.</summary>
    public const int ExpectedSize = 60;

    // c_iflag bits cleared for raw input.
    private const uint IgnoreBreak = 0x1; // IGNBRK
    private const uint BreakInterrupt = 0x2; // BRKINT
    private const uint MarkParity = 0x8; // PARMRK
    private const uint InputParityCheck = 0x10; // INPCK
    private const uint StripEighthBit = 0x20; // ISTRIP
    private const uint MapNewlineToReturn = 0x40; // INLCR
    private const uint IgnoreReturn = 0x80; // IGNCR
    private const uint MapReturnToNewline = 0x100; // ICRNL
    private const uint SoftwareFlowOutput = 0x400; // IXON
    private const uint SoftwareFlowAny = 0x800; // IXANY
    private const uint SoftwareFlowInput = 0x1000; // IXOFF

    // c_oflag.
    private const uint PostProcessOutput = 0x1; // OPOST

    // c_cflag.
    private const uint CharacterSizeMask = 0x30; // CSIZE
    private const uint EightBits = 0x30; // CS8
    private const uint TwoStopBits = 0x40; // CSTOPB
    private const uint EnableReceiver = 0x80; // CREAD
    private const uint ParityEnable = 0x100; // PARENB
    private const uint IgnoreModemLines = 0x800; // CLOCAL
    private const uint HardwareFlowControl = 0x80000000; // CRTSCTS

    // c_lflag.
    private const uint Signals = 0x1; // ISIG
    private const uint Canonical = 0x2; // ICANON
    private const uint Echo = 0x8; // ECHO
    private const uint EchoNewline = 0x40; // ECHONL
    private const uint ExtendedInput = 0x8000; // IEXTEN

    // c_cc indexes.
    private const int TimeIndex = 5; // VTIME
    private const int MinimumIndex = 6; // VMIN

    public uint InputFlags;
    public uint OutputFlags;
    public uint ControlFlags;
    public uint LocalFlags;
    public byte LineDiscipline;
    public fixed byte ControlCharacters[32];
    public uint InputSpeed;
    public uint OutputSpeed;

    /// <summary>
    /// Raw 8N1 without flow control, what a servo bus needs: cfmakeraw's semantics, plus
    /// CLOCAL (ignore modem lines, USB adapters have none) and CREAD, no parity, one stop bit,
    /// no RTS/CTS or XON/XOFF (0x11/0x13 are ordinary bytes in binary protocols), and
    /// VMIN = VTIME = 0 so read never blocks: timeouts come from poll().
    /// </summary>
    public void MakeRaw()
    {
        InputFlags &= ~(IgnoreBreak | BreakInterrupt | MarkParity | InputParityCheck | StripEighthBit
            | MapNewlineToReturn | IgnoreReturn | MapReturnToNewline
            | SoftwareFlowOutput | SoftwareFlowAny | SoftwareFlowInput);
        OutputFlags &= ~PostProcessOutput;
        LocalFlags &= ~(Echo | EchoNewline | Canonical | Signals | ExtendedInput);
        ControlFlags &= ~(CharacterSizeMask | ParityEnable | TwoStopBits | HardwareFlowControl);
        ControlFlags |= EightBits | EnableReceiver | IgnoreModemLines;
        ControlCharacters[MinimumIndex] = 0;
        ControlCharacters[TimeIndex] = 0;
    }
}
