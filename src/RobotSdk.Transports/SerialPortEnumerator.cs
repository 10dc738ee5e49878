using System.Globalization;
using System.Runtime.InteropServices;

namespace RobotSdk.Transports;

/// <summary>
/// Lists the serial devices an arm can be on: USB adapters (<c>ttyUSB*</c>, <c>ttyACM*</c>),
/// Raspberry Pi and Jetson UARTs (<c>ttyAMA*</c>, <c>ttyTHS*</c>), plus anything with a
/// <c>/dev/serial/by-id</c> link. Legacy <c>ttyS*</c> ports are left out: Linux creates dozens
/// of them whether or not a UART exists.
/// </summary>
public static class SerialPortEnumerator
{
    private static readonly string[] NamePrefixes = ["ttyUSB", "ttyACM", "ttyAMA", "ttyTHS"];

    /// <summary>Returns the serial devices present, sorted by path; empty when there are none or off Linux.</summary>
    /// <returns>The devices.</returns>
    public static IReadOnlyList<SerialPortInfo> GetPorts() =>
        OperatingSystem.IsLinux() ? GetPorts("/dev", "/sys/class/tty") : [];

    /// <summary>Same as <see cref="GetPorts()"/> with other roots, so tests can build a fake /dev and /sys.</summary>
    internal static List<SerialPortInfo> GetPorts(string deviceDirectory, string ttyClassDirectory)
    {
        // Stable by-id names, keyed by the device they point to.
        var byIdNames = new Dictionary<string, string>(StringComparer.Ordinal);
        string byIdDirectory = Path.Combine(deviceDirectory, "serial", "by-id");
        if (Directory.Exists(byIdDirectory))
        {
            foreach (string link in Directory.EnumerateFileSystemEntries(byIdDirectory))
            {
                if (ResolvePath(link) is { } target)
                {
                    byIdNames.TryAdd(target, Path.GetFileName(link));
                }
            }
        }

        var ports = new List<SerialPortInfo>();
        var listed = new HashSet<string>(StringComparer.Ordinal);
        if (Directory.Exists(deviceDirectory))
        {
            foreach (string path in Directory.EnumerateFileSystemEntries(deviceDirectory, "tty*"))
            {
                string name = Path.GetFileName(path);
                if (Array.Exists(NamePrefixes, prefix => name.StartsWith(prefix, StringComparison.Ordinal)))
                {
                    string resolved = ResolvePath(path) ?? path;
                    listed.Add(resolved);
                    ports.Add(Describe(path, byIdNames.GetValueOrDefault(resolved), ttyClassDirectory));
                }
            }
        }

        foreach ((string target, string byIdName) in byIdNames)
        {
            if (listed.Add(target))
            {
                ports.Add(Describe(target, byIdName, ttyClassDirectory));
            }
        }

        ports.Sort((left, right) => string.CompareOrdinal(left.Path, right.Path));
        return ports;
    }

    private static SerialPortInfo Describe(string path, string? byIdName, string ttyClassDirectory)
    {
        string? device = ResolvePath(Path.Combine(ttyClassDirectory, Path.GetFileName(path), "device"));
        if (device is null)
        {
            return new SerialPortInfo(path, byIdName, null, null, null);
        }

        string? driver = ResolvePath(Path.Combine(device, "driver")) is { } driverPath ? Path.GetFileName(driverPath) : null;

        // The USB device directory (with idVendor) is one level up for ttyACM (the interface)
        // and two for ttyUSB (interface, then the usb-serial port).
        string? usbDevice = device;
        for (int level = 0; level < 4 && usbDevice is not null && !File.Exists(Path.Combine(usbDevice, "idVendor")); level++)
        {
            usbDevice = Path.GetDirectoryName(usbDevice);
        }

        int? vendorId = null;
        int? productId = null;
        var parts = new List<string>();
        if (usbDevice is not null && File.Exists(Path.Combine(usbDevice, "idVendor")))
        {
            vendorId = ReadHex(Path.Combine(usbDevice, "idVendor"));
            productId = ReadHex(Path.Combine(usbDevice, "idProduct"));
            if (ReadLine(Path.Combine(usbDevice, "manufacturer")) is { } manufacturer)
            {
                parts.Add(manufacturer);
            }

            if (ReadLine(Path.Combine(usbDevice, "product")) is { } product)
            {
                parts.Add(product);
            }
        }

        var details = new List<string>();
        if (vendorId is { } vendor && productId is { } productNumber)
        {
            details.Add(string.Create(CultureInfo.InvariantCulture, $"{vendor:x4}:{productNumber:x4}"));
        }

        if (driver is not null)
        {
            details.Add(driver);
        }

        if (details.Count > 0)
        {
            parts.Add($"({string.Join(", ", details)})");
        }

        return new SerialPortInfo(path, byIdName, parts.Count > 0 ? string.Join(' ', parts) : null, vendorId, productId);
    }

    private static string? ReadLine(string path)
    {
        try
        {
            string text = File.ReadAllText(path).Trim();
            return text.Length > 0 ? text : null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static int? ReadHex(string path) =>
        int.TryParse(ReadLine(path), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int value) ? value : null;

    /// <summary>
    /// The canonical path with every symbolic link resolved, or null if it does not exist.
    /// realpath is needed because sysfs links are relative to directories that are themselves
    /// links, which .NET's lexical path handling would resolve wrongly.
    /// </summary>
    private static unsafe string? ResolvePath(string path)
    {
        byte* resolved = stackalloc byte[4096];
        return NativeMethods.RealPath(path, resolved) is null ? null : Marshal.PtrToStringUTF8((nint)resolved);
    }
}
