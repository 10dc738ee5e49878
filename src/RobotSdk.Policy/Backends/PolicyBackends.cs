using RobotSdk.Policy.Manifest;
using RobotSdk.Policy.Runner;

namespace RobotSdk.Policy.Backends;

/// <summary>Creates the backend a manifest's model calls for.</summary>
public static class PolicyBackends
{
    /// <summary>
    /// The backend for <paramref name="manifest"/>: <see cref="RemotePolicyBackend"/> for a remote model
    /// or whenever <see cref="PolicyBackendOptions.RemoteAddress"/> is set (the CLI's <c>--remote</c>
    /// runs a local manifest's inputs and actions against a server), <see cref="OnnxPolicyBackend"/> for
    /// a single ONNX graph, <see cref="FlowMatchingPolicyBackend"/> for a flow-matching model.
    /// Nothing is loaded or connected until the backend's <see cref="IPolicyBackend.StartAsync"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The manifest cannot be run that way (see each backend's constructor).</exception>
    public static IPolicyBackend Create(PolicyManifest manifest, PolicyBackendOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        options ??= new PolicyBackendOptions();
        if (options.RemoteAddress is not null)
        {
            return new RemotePolicyBackend(manifest, options);
        }

        return manifest.Model switch
        {
            RemotePolicyModel => new RemotePolicyBackend(manifest, options),
            OnnxPolicyModel => new OnnxPolicyBackend(manifest, options),
            FlowMatchingPolicyModel => new FlowMatchingPolicyBackend(manifest, options),
            _ => throw new ArgumentException($"No backend runs models of type {manifest.Model.GetType().Name}.", nameof(manifest)),
        };
    }
}
