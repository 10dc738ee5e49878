using System.Runtime.InteropServices;

namespace RobotSdk.Transports;

/// <summary>Turns errno values into the SDK's typed hardware exceptions, with the bus named.</summary>
internal static class PosixErrors
{
    /// <summary>The errno of the last P/Invoke call that set it.</summary>
    public static int Last => Marshal.GetLastPInvokeError();

    /// <summary>
    /// Whether an errno means the device itself is gone: a USB adapter unplugged (EIO, ENODEV,
    /// ENXIO), a pty whose other side closed (EIO), a CAN interface taken down (ENETDOWN).
    /// </summary>
    public static bool IsDisconnection(int errno) =>
        errno is Errno.InputOutputError or Errno.NoSuchDeviceOrAddress or Errno.NoSuchDevice or Errno.NetworkDown;

    /// <summary>The exception for a failed open(2) of a serial device.</summary>
    public static DeviceUnavailableException OpenFailure(int errno, string path) => errno switch
    {
        Errno.NoSuchFileOrDirectory or Errno.NotADirectory => new DeviceUnavailableException(
            path, DeviceUnavailableReason.NotFound, "no such serial port; is the adapter plugged in? (see /dev/serial/by-id)"),
        Errno.NoSuchDeviceOrAddress or Errno.NoSuchDevice => new DeviceUnavailableException(
            path, DeviceUnavailableReason.NotFound, $"the device node exists but no hardware answers ({Describe(errno)})"),
        Errno.PermissionDenied or Errno.OperationNotPermitted => new DeviceUnavailableException(
            path, DeviceUnavailableReason.PermissionDenied,
            "permission denied; add the user to the dialout group (sudo usermod -aG dialout $USER, then log in again)"),
        Errno.DeviceBusy or Errno.TryAgain => Busy(path),
        Errno.IsADirectory => NotATerminal(path, errno),
        _ => new DeviceUnavailableException(path, DeviceUnavailableReason.Refused, $"cannot open: {Describe(errno)}"),
    };

    /// <summary>The exception for a port another process holds.</summary>
    public static DeviceUnavailableException Busy(string path) => new(
        path, DeviceUnavailableReason.Busy, "the port is in use by another process; close that program or pick another port");

    /// <summary>The exception for a path that opened but is no serial port.</summary>
    public static DeviceUnavailableException NotATerminal(string path, int errno) => new(
        path, DeviceUnavailableReason.Refused, $"not a serial port (not a terminal device: {Describe(errno)})");

    /// <summary>The exception for a failed operation on an open device.</summary>
    public static HardwareFaultException IoFailure(int errno, string bus, string operation) =>
        IsDisconnection(errno)
            ? Disconnected(bus, $"{operation} failed: {Describe(errno)}")
            : new HardwareFaultException(bus, null, null, $"{operation} failed: {Describe(errno)}");

    /// <summary>The exception for a device that vanished while open.</summary>
    public static DeviceDisconnectedException Disconnected(string bus, string detail) =>
        new(bus, $"the device disconnected ({detail})");

    /// <summary>strerror text with the errno number, e.g. "No such file or directory (errno 2)".</summary>
    public static string Describe(int errno) => $"{Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})";
}
