namespace RobotSdk.Transports.Tests;

public sealed class SerialPortEnumeratorTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"robotsdk-enum-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public void GetPorts_ReturnsWithoutThrowing_OnThisMachine()
    {
        IReadOnlyList<SerialPortInfo> ports = SerialPortEnumerator.GetPorts();

        Assert.All(ports, port => Assert.StartsWith("/dev/", port.Path, StringComparison.Ordinal));
    }

    [Fact]
    public void GetPorts_ListsUsbAdapters_WithByIdNamesAndUsbDescriptions()
    {
        string dev = Directory.CreateDirectory(Path.Combine(_root, "dev")).FullName;
        File.WriteAllText(Path.Combine(dev, "ttyUSB0"), "");
        File.WriteAllText(Path.Combine(dev, "ttyACM1"), "");
        File.WriteAllText(Path.Combine(dev, "ttyS0"), "");
        File.WriteAllText(Path.Combine(dev, "tty1"), "");
        string byId = Directory.CreateDirectory(Path.Combine(dev, "serial", "by-id")).FullName;
        File.CreateSymbolicLink(Path.Combine(byId, "usb-FTDI_FT232R_USB_UART_A50285BI-if00-port0"), "../../ttyUSB0");

        // sysfs: class/tty/ttyUSB0/device -> the usb-serial port, two levels below the USB device.
        string usbDevice = Directory.CreateDirectory(Path.Combine(_root, "sys", "devices", "usb1", "1-1")).FullName;
        File.WriteAllText(Path.Combine(usbDevice, "idVendor"), "0403\n");
        File.WriteAllText(Path.Combine(usbDevice, "idProduct"), "6001\n");
        File.WriteAllText(Path.Combine(usbDevice, "manufacturer"), "FTDI\n");
        File.WriteAllText(Path.Combine(usbDevice, "product"), "FT232R USB UART\n");
        string serialPort = Directory.CreateDirectory(Path.Combine(usbDevice, "1-1:1.0", "ttyUSB0")).FullName;
        string driver = Directory.CreateDirectory(Path.Combine(_root, "sys", "bus", "usb-serial", "drivers", "ftdi_sio")).FullName;
        File.CreateSymbolicLink(Path.Combine(serialPort, "driver"), driver);
        string ttyClass = Directory.CreateDirectory(Path.Combine(_root, "sys", "class", "tty")).FullName;
        File.CreateSymbolicLink(Path.Combine(Directory.CreateDirectory(Path.Combine(ttyClass, "ttyUSB0")).FullName, "device"), serialPort);

        List<SerialPortInfo> ports = SerialPortEnumerator.GetPorts(dev, ttyClass);

        Assert.Equal(2, ports.Count);
        SerialPortInfo acm = ports[0];
        Assert.Equal(Path.Combine(dev, "ttyACM1"), acm.Path);
        Assert.Null(acm.ByIdName);
        Assert.Null(acm.Description);
        SerialPortInfo usb = ports[1];
        Assert.Equal(Path.Combine(dev, "ttyUSB0"), usb.Path);
        Assert.Equal("usb-FTDI_FT232R_USB_UART_A50285BI-if00-port0", usb.ByIdName);
        Assert.Equal(0x0403, usb.UsbVendorId);
        Assert.Equal(0x6001, usb.UsbProductId);
        Assert.Equal("FTDI FT232R USB UART (0403:6001, ftdi_sio)", usb.Description);
    }

    [Fact]
    public void GetPorts_ReturnsAnEmptyList_WhenThereAreNoDevices()
    {
        Directory.CreateDirectory(_root);

        Assert.Empty(SerialPortEnumerator.GetPorts(Path.Combine(_root, "dev"), Path.Combine(_root, "sys")));
    }
}
