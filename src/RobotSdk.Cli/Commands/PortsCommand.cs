using System.CommandLine;
using RobotSdk.Transports;

namespace RobotSdk.Cli.Commands;

/// <summary><c>robot ports</c>: serial devices an arm may be on.</summary>
internal static class PortsCommand
{
    public static Command Create()
    {
        var command = new Command("ports", "List serial devices (USB adapters of servo buses, CAN adapters), with their /dev/serial/by-id names.");
        command.SetAction(_ =>
        {
            if (!OperatingSystem.IsLinux())
            {
                Console.Error.WriteLine("robot ports: serial port discovery is implemented for Linux only.");
                return 1;
            }

            IReadOnlyList<SerialPortInfo> ports = SerialPortEnumerator.GetPorts();
            if (ports.Count == 0)
            {
                Console.WriteLine("No serial devices found (looked for /dev/ttyUSB*, /dev/ttyACM*, /dev/ttyAMA*, /dev/ttyTHS* and /dev/serial/by-id). Plug in the arm's USB adapter; if it still does not show, check `dmesg`.");
                return 0;
            }

            foreach (SerialPortInfo port in ports)
            {
                string usb = port.UsbVendorId is { } vendor ? $"  usb {vendor:x4}:{port.UsbProductId:x4}" : string.Empty;
                Console.WriteLine($"{port.Path,-16} {port.ByIdName ?? "-",-60} {port.Description ?? string.Empty}{usb}");
            }

            return 0;
        });
        return command;
    }
}
