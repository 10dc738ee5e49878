namespace RobotSdk.Policy.Manifest;

/// <summary>One problem found in a policy manifest.</summary>
/// <param name="JsonPath">Where it is, for example <c>$.inputs.images[1].layout</c>.</param>
/// <param name="Message">What is wrong.</param>
public sealed record PolicyManifestProblem(string JsonPath, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{JsonPath}: {Message}";
}
