namespace RobotSdk.Transports;

/// <summary>A serial device found by <see cref="SerialPortEnumerator"/>.</summary>
/// <param name="Path">Device path to open, for example <c>/dev/ttyUSB0</c>.</param>
/// <param name="ByIdName">
/// Its stable name under <c>/dev/serial/by-id</c> (for example
/// <c>usb-FTDI_FT232R_USB_UART_A50285BI-if00-port0</c>), which survives re-plugging; null when there is none.
/// </param>
/// <param name="Description">What sysfs says about it (maker, product, USB IDs, kernel driver); null when nothing is known.</param>
/// <param name="UsbVendorId">USB vendor ID (for example 0x0403 FTDI, 0x1A86 QinHeng CH340), or null.</param>
/// <param name="UsbProductId">USB product ID, or null.</param>
public sealed record SerialPortInfo(string Path, string? ByIdName, string? Description, int? UsbVendorId, int? UsbProductId);
