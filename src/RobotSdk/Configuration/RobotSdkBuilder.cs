using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace RobotSdk.Configuration;

/// <summary>Registers robots, drivers and arm models with a service collection. Robots resolve as keyed <see cref="Robot"/> singletons.</summary>
public sealed class RobotSdkBuilder
{
    private readonly RobotCatalog _catalog;

    internal RobotSdkBuilder(IServiceCollection services, RobotCatalog catalog)
    {
        Services = services;
        _catalog = catalog;
    }

    /// <summary>The service collection.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Makes a driver available to profiles under <paramref name="name"/>.</summary>
    public RobotSdkBuilder AddDriver(string name, RobotDriverFactory factory, bool requiresPort = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);
        _catalog.AddDriver(new RobotDriverRegistration(name, requiresPort, factory));
        return this;
    }

    /// <summary>Makes an arm model available to profiles under its model name.</summary>
    /// <exception cref="ArgumentException">The description is inconsistent.</exception>
    public RobotSdkBuilder AddArmModel(RobotDescription description)
    {
        ArgumentNullException.ThrowIfNull(description);
        _catalog.AddArm(description);
        return this;
    }

    /// <summary>
    /// Adds every child of the <paramref name="sectionName"/> section of <paramref name="configuration"/>
    /// as a robot keyed by the child's name. When <paramref name="configuration"/> is the root
    /// (as a built configuration or a ConfigurationManager is), errors name the profile file.
    /// </summary>
    public RobotSdkBuilder AddRobots(IConfiguration configuration, string sectionName = "Robots")
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var root = configuration as IConfigurationRoot;
        foreach (IConfigurationSection child in configuration.GetSection(sectionName).GetChildren())
        {
            AddRobot(child.Key, child, root);
        }

        return this;
    }

    /// <summary>Adds a robot keyed <paramref name="name"/> bound from <paramref name="profileSection"/>.</summary>
    /// <param name="name">The robot's key.</param>
    /// <param name="profileSection">The profile.</param>
    /// <param name="root">The configuration root, so errors can name the file; optional.</param>
    public RobotSdkBuilder AddRobot(string name, IConfigurationSection profileSection, IConfigurationRoot? root = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(profileSection);
        _catalog.AddRobot(name, ProfileSources.Describe(name, profileSection, root));
        Services.AddOptions<RobotProfile>(name)
            .Bind(profileSection, binder => binder.ErrorOnUnknownConfiguration = true)
            .ValidateOnStart();
        return AddRobotService(name);
    }

    /// <summary>Adds a robot keyed <paramref name="name"/> configured in code.</summary>
    public RobotSdkBuilder AddRobot(string name, Action<RobotProfile> configure)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);
        _catalog.AddRobot(name, $"robot '{name}' (configured in code)");
        Services.AddOptions<RobotProfile>(name).Configure(configure).ValidateOnStart();
        return AddRobotService(name);
    }

    private RobotSdkBuilder AddRobotService(string name)
    {
        Services.AddKeyedSingleton(name, (services, _) => CreateRobot(services, name));
        return this;
    }

    private static Robot CreateRobot(IServiceProvider services, string name)
    {
        RobotCatalog catalog = services.GetRequiredService<RobotCatalog>();
        RobotProfile profile = RobotProfileLoading.Get(services, name);
        RobotDescription arm = catalog.FindArm(profile.Arm)!;
        RobotDriverRegistration driver = catalog.FindDriver(profile.Driver)!;
        var logger = services.GetService<ILogger<Robot>>();
        var cameras = services.GetKeyedServices<ICamera>(name);
        return new Robot(driver.Create(new RobotDriverContext(name, profile, arm, services)), profile, name, logger, cameras);
    }
}
