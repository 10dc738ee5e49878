using RobotSdk.Hardware;

namespace RobotSdk.Configuration;

/// <summary>The drivers, arm models and robots known to a container; filled by <see cref="RobotSdkBuilder"/>.</summary>
public sealed class RobotCatalog
{
    private readonly Dictionary<string, RobotDriverRegistration> _drivers = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, RobotDescription> _arms = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _robotSources = new(StringComparer.Ordinal);

    internal RobotCatalog()
    {
        AddDriver(new RobotDriverRegistration("mirror", RequiresPort: false,
            context => new MirrorDriver(context.Arm, context.Profile.Mirror)));
        AddArm(DemoArm.Description);
    }

    /// <summary>Registered driver names.</summary>
    public IEnumerable<string> DriverNames => _drivers.Keys.Order(StringComparer.Ordinal);

    /// <summary>Registered arm model names.</summary>
    public IEnumerable<string> ArmNames => _arms.Keys.Order(StringComparer.Ordinal);

    /// <summary>Registered robot names.</summary>
    public IEnumerable<string> RobotNames => _robotSources.Keys;

    /// <summary>The driver called <paramref name="name"/>, or null.</summary>
    public RobotDriverRegistration? FindDriver(string? name) => name is not null && _drivers.TryGetValue(name, out var driver) ? driver : null;

    /// <summary>The arm model called <paramref name="name"/>, or null.</summary>
    public RobotDescription? FindArm(string? name) => name is not null && _arms.TryGetValue(name, out var arm) ? arm : null;

    /// <summary>Where robot <paramref name="name"/>'s profile came from, for error messages.</summary>
    public string SourceOf(string name) => _robotSources.TryGetValue(name, out string? source) ? source : $"robot '{name}'";

    internal void AddDriver(RobotDriverRegistration registration) => _drivers[registration.Name] = registration;

    internal void AddArm(RobotDescription description)
    {
        IReadOnlyList<string> problems = description.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException($"Arm model '{description.Model}' is inconsistent: {string.Join("; ", problems)}.", nameof(description));
        }

        _arms[description.Model] = description;
    }

    internal void AddRobot(string name, string source)
    {
        if (!_robotSources.TryAdd(name, source))
        {
            throw new ArgumentException($"A robot named '{name}' is already registered ({_robotSources[name]}).", nameof(name));
        }
    }
}
