using System.CommandLine;
using System.Runtime.Versioning;

namespace RobotSdk.Cli.Commands;

/// <summary><c>robot scan</c>, <c>robot read</c> and <c>robot write</c>: a servo bus at the register level.</summary>
[SupportedOSPlatform("linux")]
internal static class ServoCommands
{
    public static Command CreateScan()
    {
        var options = new ServoOptions();
        var last = new Option<int>("--last-id") { Description = "Highest ID to ping (pinging all 253 takes a few seconds).", DefaultValueFactory = _ => 252 };
        var command = new Command("scan", "Ping every ID on a servo bus and list the servos that answer: ID, model, firmware.");
        options.AddTo(command, withId: false);
        command.Options.Add(last);
        command.SetAction(parse => Run(() =>
        {
            using var bus = new ServoBusAccess(parse.GetValue(options.Protocol)!, parse.GetValue(options.Port)!, parse.GetValue(options.Baud), retries: 0, replyTimeoutMs: 10);
            int lastId = Math.Clamp(parse.GetValue(last), 0, 252);
            IReadOnlyList<(int Id, string Model, string Firmware)> found = bus.Scan(Enumerable.Range(0, lastId + 1).Select(id => (byte)id));
            Console.WriteLine(found.Count == 0
                ? $"No servo answered on {parse.GetValue(options.Port)} at {parse.GetValue(options.Baud)} baud (IDs 0-{lastId}). Check power, wiring and the baud rate."
                : string.Join(Environment.NewLine, found.Select(s => $"ID {s.Id,3}  {s.Model,-12}  firmware {s.Firmware}")));
        }));
        return command;
    }

    public static Command CreateRead()
    {
        var options = new ServoOptions();
        var register = new Option<string>("--register") { Description = "Register name as in the control table, for example \"Present Position\" or Present_Position.", Required = true };
        var command = new Command("read", "Read one named register of one servo.");
        options.AddTo(command, withId: true);
        command.Options.Add(register);
        command.SetAction(parse => Run(() =>
        {
            using var bus = new ServoBusAccess(parse.GetValue(options.Protocol)!, parse.GetValue(options.Port)!, parse.GetValue(options.Baud));
            (string name, int value) = bus.Read(checked((byte)parse.GetValue(options.Id)), parse.GetValue(register)!);
            Console.WriteLine($"ID {parse.GetValue(options.Id)} {name} = {value}");
        }));
        return command;
    }

    public static Command CreateWrite()
    {
        var options = new ServoOptions();
        var register = new Option<string>("--register") { Description = "Register name as in the control table, for example \"Goal Position\".", Required = true };
        var value = new Option<int>("--value") { Description = "Raw register value.", Required = true };
        var command = new Command("write", "Write one named register of one servo (EEPROM registers need torque off).");
        options.AddTo(command, withId: true);
        command.Options.Add(register);
        command.Options.Add(value);
        command.SetAction(parse => Run(() =>
        {
            using var bus = new ServoBusAccess(parse.GetValue(options.Protocol)!, parse.GetValue(options.Port)!, parse.GetValue(options.Baud));
            string name = bus.Write(checked((byte)parse.GetValue(options.Id)), parse.GetValue(register)!, parse.GetValue(value));
            Console.WriteLine($"ID {parse.GetValue(options.Id)} {name} := {parse.GetValue(value)}");
        }));
        return command;
    }

    /// <summary>Hardware and input errors end the command with one clear line and exit code 1.</summary>
    private static int Run(Action action)
    {
        try
        {
            action();
            return 0;
        }
        catch (Exception exception) when (exception is HardwareFaultException or ArgumentException or InvalidOperationException or OverflowException)
        {
            Console.Error.WriteLine($"robot: {exception.Message}");
            return 1;
        }
    }
}
