namespace RobotSdk.Transports;

/// <summary>termios configuration of a tty descriptor: raw 8N1 at a standard baud rate.</summary>
internal static unsafe class TerminalSettings
{
    /// <summary>
    /// Puts the terminal in raw mode at the given speed constant. Throws a
    /// <see cref="DeviceUnavailableException"/> (Refused) when the descriptor is not a terminal.
    /// </summary>
    public static void ConfigureRaw(SafeFileDescriptorHandle handle, uint speedConstant, string bus)
    {
        Termios attributes = GetAttributes(handle, bus);
        attributes.MakeRaw();
        SetSpeed(ref attributes, speedConstant, bus);
        Apply(handle, ref attributes, bus);
    }

    /// <summary>Changes only the speed of an already configured terminal.</summary>
    public static void ChangeSpeed(SafeFileDescriptorHandle handle, uint speedConstant, string bus)
    {
        Termios attributes = GetAttributes(handle, bus);
        SetSpeed(ref attributes, speedConstant, bus);
        Apply(handle, ref attributes, bus);
    }

    /// <summary>The output speed the terminal is set to, in baud, or 0 for a non-standard rate.</summary>
    public static int ReadBaudRate(SafeFileDescriptorHandle handle, string bus)
    {
        Termios attributes = GetAttributes(handle, bus);
        return BaudRates.FromSpeedConstant(NativeMethods.GetOutputSpeed(&attributes));
    }

    /// <summary>Discards bytes received but not yet read.</summary>
    public static void DiscardInput(SafeFileDescriptorHandle handle, string bus)
    {
        if (NativeMethods.FlushTerminal(handle, NativeMethods.FlushInput) != 0)
        {
            throw PosixErrors.IoFailure(PosixErrors.Last, bus, "tcflush");
        }
    }

    /// <summary>Blocks until every written byte has left the driver (tcdrain).</summary>
    public static void Drain(SafeFileDescriptorHandle handle, string bus)
    {
        while (NativeMethods.DrainTerminal(handle) != 0)
        {
            int errno = PosixErrors.Last;
            if (errno != Errno.Interrupted)
            {
                throw PosixErrors.IoFailure(errno, bus, "tcdrain");
            }
        }
    }

    private static Termios GetAttributes(SafeFileDescriptorHandle handle, string bus)
    {
        Termios attributes = default;
        if (NativeMethods.GetTerminalAttributes(handle, &attributes) != 0)
        {
            int errno = PosixErrors.Last;
            throw errno is Errno.NotATerminal or Errno.InvalidArgument
                ? PosixErrors.NotATerminal(bus, errno)
                : PosixErrors.IoFailure(errno, bus, "tcgetattr");
        }

        return attributes;
    }

    private static void SetSpeed(ref Termios attributes, uint speedConstant, string bus)
    {
        fixed (Termios* pointer = &attributes)
        {
            if (NativeMethods.SetInputSpeed(pointer, speedConstant) != 0 || NativeMethods.SetOutputSpeed(pointer, speedConstant) != 0)
            {
                throw PosixErrors.IoFailure(PosixErrors.Last, bus, "cfsetspeed");
            }
        }
    }

    private static void Apply(SafeFileDescriptorHandle handle, ref Termios attributes, string bus)
    {
        fixed (Termios* pointer = &attributes)
        {
            if (NativeMethods.SetTerminalAttributes(handle, NativeMethods.ApplyNow, pointer) != 0)
            {
                int errno = PosixErrors.Last;
                throw errno == Errno.InvalidArgument
                    ? new DeviceUnavailableException(bus, DeviceUnavailableReason.Refused, $"the driver rejected the settings (baud rate or mode): {PosixErrors.Describe(errno)}")
                    : PosixErrors.IoFailure(errno, bus, "tcsetattr");
            }
        }
    }
}
