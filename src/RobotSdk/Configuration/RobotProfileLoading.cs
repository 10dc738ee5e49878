using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace RobotSdk.Configuration;

/// <summary>Reads a named profile through the Options pattern and turns binding and validation failures into one clear exception.</summary>
internal static class RobotProfileLoading
{
    public static RobotProfile Get(IServiceProvider services, string name)
    {
        RobotCatalog catalog = services.GetRequiredService<RobotCatalog>();
        try
        {
            return services.GetRequiredService<IOptionsMonitor<RobotProfile>>().Get(name);
        }
        catch (OptionsValidationException exception)
        {
            throw new RobotConfigurationException([.. exception.Failures], exception);
        }
        catch (InvalidOperationException exception)
        {
            // The binder reports unknown keys and unconvertible values this way.
            throw new RobotConfigurationException([$"{catalog.SourceOf(name)}: {exception.Message}"], exception);
        }
    }
}
