using System.Runtime.Versioning;
using RobotSdk.Drivers.Dynamixel;
using RobotSdk.Drivers.Feetech;
using RobotSdk.Transports;
using DynamixelItem = RobotSdk.Drivers.Dynamixel.ControlTableItem;
using DynamixelModel = RobotSdk.Drivers.Dynamixel.ServoModel;
using FeetechItem = RobotSdk.Drivers.Feetech.ControlTableItem;

namespace RobotSdk.Cli.Commands;

/// <summary>
/// The bus-level operations the CLI offers (scan, read and write a named register) over
/// either protocol, so each command is written once.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class ServoBusAccess : IDisposable
{
    private readonly LinuxSerialPort _port;
    private readonly DynamixelBus? _dynamixel;
    private readonly FeetechBus? _feetech;

    public ServoBusAccess(string protocol, string portPath, int baud, int retries = 2, int replyTimeoutMs = 35)
    {
        _port = new LinuxSerialPort(portPath, new SerialPortOptions { BaudRate = baud });
        if (protocol == ServoOptions.Dynamixel)
        {
            _dynamixel = new DynamixelBus(_port, new DynamixelBusOptions { BaudRate = baud, Retries = retries, ReplyTimeoutMs = replyTimeoutMs });
            _dynamixel.Open();
        }
        else
        {
            _feetech = new FeetechBus(_port, new FeetechBusOptions { BaudRate = baud, Retries = retries, ReplyTimeoutMs = replyTimeoutMs });
            _feetech.Open();
        }
    }

    /// <summary>Servos that answer a ping among <paramref name="ids"/>: ID, model name, firmware.</summary>
    public IReadOnlyList<(int Id, string Model, string Firmware)> Scan(IEnumerable<byte> ids) => _dynamixel is not null
        ? [.. _dynamixel.Scan(ids).Select(p => ((int)p.Id, p.Model?.Name ?? $"unknown model {p.ModelNumber}", p.FirmwareVersion.ToString(System.Globalization.CultureInfo.InvariantCulture)))]
        : [.. _feetech!.Scan(ids).Select(p => ((int)p.Id, p.ModelNumber == Sts3215.Model.ModelNumber ? Sts3215.Model.Name : $"unknown model {p.ModelNumber}", p.Firmware.ToString()))];

    /// <summary>Reads the register called <paramref name="register"/> (spaces, underscores and case ignored).</summary>
    public (string Name, int Value) Read(byte id, string register)
    {
        if (_dynamixel is not null)
        {
            DynamixelItem item = FindDynamixelItem(id, register);
            return (item.Name, _dynamixel.Read(id, item));
        }

        FeetechItem feetechItem = FindFeetechItem(register);
        return (feetechItem.Name, _feetech!.Read(id, feetechItem));
    }

    /// <summary>Writes <paramref name="value"/> to the register called <paramref name="register"/>.</summary>
    public string Write(byte id, string register, int value)
    {
        if (_dynamixel is not null)
        {
            DynamixelItem item = FindDynamixelItem(id, register);
            _dynamixel.Write(id, item, value);
            return item.Name;
        }

        FeetechItem feetechItem = FindFeetechItem(register);
        _feetech!.Write(id, feetechItem, value);
        return feetechItem.Name;
    }

    public void Dispose() => _port.Dispose();

    private DynamixelItem FindDynamixelItem(byte id, string register)
    {
        PingResult ping = _dynamixel!.Ping(id);
        DynamixelModel model = ping.Model ?? throw new InvalidOperationException($"ID {id} is model number {ping.ModelNumber}, which RobotSdk has no control table for.");
        return model.Items.FirstOrDefault(item => Same(item.Name, register))
            ?? throw new ArgumentException($"{model.Name} has no register '{register}'. Registers: {string.Join(", ", model.Items.Select(i => i.Name))}.", nameof(register));
    }

    private static FeetechItem FindFeetechItem(string register) =>
        Sts3215.Model.Items.FirstOrDefault(item => Same(item.Name, register))
        ?? throw new ArgumentException($"{Sts3215.Model.Name} has no register '{register}'. Registers: {string.Join(", ", Sts3215.Model.Items.Select(i => i.Name))}.", nameof(register));

    private static bool Same(string a, string b) =>
        string.Equals(a.Replace('_', ' ').Trim(), b.Replace('_', ' ').Trim(), StringComparison.OrdinalIgnoreCase);
}
