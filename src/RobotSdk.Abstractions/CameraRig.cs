namespace RobotSdk;

/// <summary>
/// The cameras of one robot set-up, each with its mount, resolution and (once calibrated)
/// intrinsics and extrinsics. Stored as a versioned JSON file by <see cref="CameraRigFile"/>.
/// </summary>
/// <param name="Cameras">The cameras, with unique names.</param>
public sealed record CameraRig(IReadOnlyList<CameraRigEntry> Cameras)
{
    /// <summary>The camera named <paramref name="name"/> (ordinal, case-sensitive).</summary>
    /// <exception cref="KeyNotFoundException">The rig has no such camera; the message lists the names it has.</exception>
    public CameraRigEntry this[string name] =>
        TryFind(name, out CameraRigEntry? entry)
            ? entry
            : throw new KeyNotFoundException($"The camera rig has no camera '{name}' (it has: {string.Join(", ", Cameras.Select(camera => camera.Name))}).");

    /// <summary>Looks a camera up by name (ordinal, case-sensitive).</summary>
    public bool TryFind(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CameraRigEntry? entry)
    {
        entry = Cameras.FirstOrDefault(camera => string.Equals(camera.Name, name, StringComparison.Ordinal));
        return entry is not null;
    }
}
