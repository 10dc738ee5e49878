using System.CommandLine;

namespace RobotSdk.Cli.Commands;

/// <summary>Options shared by the commands that talk to a servo bus.</summary>
internal sealed class ServoOptions
{
    public const string Dynamixel = "dynamixel";
    public const string Feetech = "feetech";

    public Option<string> Port { get; } = new("--port") { Description = "Serial port of the bus adapter, for example /dev/ttyACM0 (see `robot ports`).", Required = true };

    public Option<string> Protocol { get; } = CreateProtocol();

    public Option<int> Baud { get; } = new("--baud") { Description = "Bus baud rate.", DefaultValueFactory = _ => 1_000_000 };

    public Option<int> Id { get; } = new("--id") { Description = "Servo ID.", Required = true };

    public static Option<string> CreateProtocol(bool required = true)
    {
        var option = new Option<string>("--protocol") { Description = "Bus protocol: dynamixel or feetech.", Required = required };
        option.AcceptOnlyFromAmong(Dynamixel, Feetech);
        return option;
    }

    public void AddTo(Command command, bool withId)
    {
        command.Options.Add(Port);
        command.Options.Add(Protocol);
        command.Options.Add(Baud);
        if (withId)
        {
            command.Options.Add(Id);
        }
    }
}
