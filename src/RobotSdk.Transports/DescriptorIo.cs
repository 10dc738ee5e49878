namespace RobotSdk.Transports;

/// <summary>
/// Timed, allocation-free reads and writes on a non-blocking descriptor, shared by the serial
/// port, the pty master and SocketCAN. Waiting is done by poll(); EINTR is retried against
/// the same deadline; a hang-up or a vanished device becomes
/// <see cref="DeviceDisconnectedException"/> instead of a hang or a silent 0.
/// </summary>
internal static unsafe class DescriptorIo
{
    /// <summary>
    /// Reads what is available, waiting up to <paramref name="timeoutMs"/> for the first byte.
    /// Returns the count read, or 0 when the timeout expired with nothing to read.
    /// </summary>
    public static int Read(SafeFileDescriptorHandle handle, Span<byte> buffer, int timeoutMs, string bus)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        Deadline deadline = Deadline.FromTimeout(timeoutMs);
        bool pollSaidReadable = false;
        fixed (byte* pointer = buffer)
        {
            while (true)
            {
                // Reading before polling saves a system call whenever data is already waiting.
                nint count = NativeMethods.Read(handle, pointer, buffer.Length);
                if (count > 0)
                {
                    return (int)count;
                }

                if (count == 0)
                {
                    // With VMIN = VTIME = 0 a tty returns 0 both for "nothing yet" and for a hung-up
                    // line; only after poll reported data is 0 unambiguous (and this class assumes
                    // one reader per descriptor, so nobody else took the data).
                    if (pollSaidReadable)
                    {
                        throw PosixErrors.Disconnected(bus, "end of file: the other side hung up");
                    }
                }
                else
                {
                    int errno = PosixErrors.Last;
                    if (errno == Errno.Interrupted)
                    {
                        continue;
                    }

                    if (errno != Errno.TryAgain)
                    {
                        throw PosixErrors.IoFailure(errno, bus, "read");
                    }
                }

                if (!WaitFor(handle, PollDescriptor.Input, deadline, bus))
                {
                    return 0;
                }

                pollSaidReadable = true;
            }
        }
    }

    /// <summary>
    /// Writes every byte, waiting for room in the driver's queue when it is full. Throws
    /// <see cref="HardwareTimeoutException"/> when the queue stays full for <paramref name="timeoutMs"/>.
    /// </summary>
    public static void Write(SafeFileDescriptorHandle handle, ReadOnlySpan<byte> data, int timeoutMs, string bus)
    {
        Deadline deadline = Deadline.FromTimeout(timeoutMs);
        int written = 0;
        fixed (byte* pointer = data)
        {
            while (written < data.Length)
            {
                nint count = NativeMethods.Write(handle, pointer + written, data.Length - written);
                if (count > 0)
                {
                    written += (int)count;
                    continue;
                }

                if (count < 0)
                {
                    int errno = PosixErrors.Last;
                    if (errno == Errno.Interrupted)
                    {
                        continue;
                    }

                    if (errno is not Errno.TryAgain and not Errno.NoBufferSpace)
                    {
                        throw PosixErrors.IoFailure(errno, bus, "write");
                    }
                }

                if (!WaitFor(handle, PollDescriptor.Output, deadline, bus))
                {
                    throw new HardwareTimeoutException(
                        bus,
                        null,
                        null,
                        $"write timed out after {timeoutMs} ms with {written} of {data.Length} bytes sent; is the other side reading?");
                }
            }
        }
    }

    /// <summary>
    /// Waits until the descriptor is ready for <paramref name="events"/>; false on timeout.
    /// A hang-up or error without the wanted event means the device is gone.
    /// </summary>
    public static bool WaitFor(SafeFileDescriptorHandle handle, short events, Deadline deadline, string bus)
    {
        bool referenced = false;
        handle.DangerousAddRef(ref referenced);
        try
        {
            // The reference keeps the descriptor number from being closed and reused during poll.
            PollDescriptor descriptor = default;
            descriptor.FileDescriptor = handle.FileDescriptor;
            descriptor.Events = events;
            while (true)
            {
                descriptor.ReturnedEvents = 0;
                int result = NativeMethods.Poll(&descriptor, 1, deadline.RemainingMilliseconds);
                if (result > 0)
                {
                    if ((descriptor.ReturnedEvents & events) != 0)
                    {
                        return true;
                    }

                    if ((descriptor.ReturnedEvents & (PollDescriptor.HangUp | PollDescriptor.Error | PollDescriptor.Invalid)) != 0)
                    {
                        throw PosixErrors.Disconnected(bus, "poll reported a hang-up or an error on the line");
                    }

                    continue;
                }

                if (result == 0)
                {
                    return false;
                }

                int errno = PosixErrors.Last;
                if (errno != Errno.Interrupted)
                {
                    throw PosixErrors.IoFailure(errno, bus, "poll");
                }
            }
        }
        finally
        {
            if (referenced)
            {
                handle.DangerousRelease();
            }
        }
    }

    /// <summary>Bytes waiting in the receive queue (FIONREAD).</summary>
    public static int BytesAvailable(SafeFileDescriptorHandle handle, string bus)
    {
        int count = 0;
        if (NativeMethods.IoControl(handle, NativeMethods.BytesAvailable, &count) != 0)
        {
            throw PosixErrors.IoFailure(PosixErrors.Last, bus, "FIONREAD");
        }

        return count;
    }
}
