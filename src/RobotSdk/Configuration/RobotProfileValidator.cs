using Microsoft.Extensions.Options;

namespace RobotSdk.Configuration;

/// <summary>Validates robot profiles at start: driver and arm known, port present where needed, limits and safety consistent.</summary>
internal sealed class RobotProfileValidator(RobotCatalog catalog) : IValidateOptions<RobotProfile>
{
    public ValidateOptionsResult Validate(string? name, RobotProfile options)
    {
        if (name is null || !catalog.RobotNames.Contains(name))
        {
            return ValidateOptionsResult.Skip;
        }

        List<string> problems = FindProblems(options);
        string source = catalog.SourceOf(name);
        return problems.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(problems.Select(p => $"{source}: {p}"));
    }

    private List<string> FindProblems(RobotProfile profile)
    {
        var problems = new List<string>();
        RobotDriverRegistration? driver = catalog.FindDriver(profile.Driver);
        if (string.IsNullOrWhiteSpace(profile.Driver))
        {
            problems.Add($"Driver is required (known drivers: {string.Join(", ", catalog.DriverNames)})");
        }
        else if (driver is null)
        {
            problems.Add($"Driver '{profile.Driver}' is unknown (known drivers: {string.Join(", ", catalog.DriverNames)})");
        }

        RobotDescription? arm = catalog.FindArm(profile.Arm);
        if (string.IsNullOrWhiteSpace(profile.Arm))
        {
            problems.Add($"Arm is required (known arm types: {string.Join(", ", catalog.ArmNames)})");
        }
        else if (arm is null)
        {
            problems.Add($"Arm '{profile.Arm}' is an unknown arm type (known arm types: {string.Join(", ", catalog.ArmNames)})");
        }

        if (driver is { RequiresPort: true } && string.IsNullOrWhiteSpace(profile.Port))
        {
            problems.Add($"Port is required for driver '{driver.Name}' (a serial port such as /dev/ttyACM0, which `robot ports` lists; a CAN interface such as can0; or host:port)");
        }

        if (profile.ReplyTimeoutMs is < 1 or > 10_000)
        {
            problems.Add($"ReplyTimeoutMs {profile.ReplyTimeoutMs} must be from 1 to 10000 (milliseconds)");
        }

        if (profile.MaxConsecutiveFailures is < 1 or > 1000)
        {
            problems.Add($"MaxConsecutiveFailures {profile.MaxConsecutiveFailures} must be from 1 to 1000 (control cycles)");
        }

        if (arm is not null)
        {
            problems.AddRange(profile.Validate(arm));
        }

        return problems;
    }
}
