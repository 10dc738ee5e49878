using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace RobotSdk.Configuration;

/// <summary>Dependency injection entry points of RobotSdk.</summary>
public static class RobotSdkServiceCollectionExtensions
{
    /// <summary>
    /// Adds RobotSdk (the mirror driver and the demo arm come built in) and returns a builder
    /// to add robots, drivers and arm models. Calling it again returns a builder over the same catalog.
    /// </summary>
    public static RobotSdkBuilder AddRobotSdk(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        RobotCatalog? catalog = services.FirstOrDefault(d => d.ServiceType == typeof(RobotCatalog))?.ImplementationInstance as RobotCatalog;
        if (catalog is null)
        {
            catalog = new RobotCatalog();
            services.AddSingleton(catalog);
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RobotProfile>, RobotProfileValidator>());
        }

        return new RobotSdkBuilder(services, catalog);
    }

    /// <summary>Adds RobotSdk and one keyed robot per child of the <paramref name="sectionName"/> section of <paramref name="configuration"/>.</summary>
    public static RobotSdkBuilder AddRobotSdk(this IServiceCollection services, IConfiguration configuration, string sectionName = "Robots") =>
        services.AddRobotSdk().AddRobots(configuration, sectionName);

    /// <summary>
    /// Validates every registered robot profile now and throws one <see cref="RobotConfigurationException"/>
    /// listing every problem with its file and field. Call it at start, before connecting.
    /// </summary>
    public static void ValidateRobotProfiles(this IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var problems = new List<string>();
        Exception? first = null;
        foreach (string name in services.GetRequiredService<RobotCatalog>().RobotNames)
        {
            try
            {
                RobotProfileLoading.Get(services, name);
            }
            catch (RobotConfigurationException exception)
            {
                problems.AddRange(exception.Problems);
                first ??= exception;
            }
        }

        if (problems.Count > 0)
        {
            throw new RobotConfigurationException(problems, first);
        }
    }
}
