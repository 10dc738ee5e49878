namespace RobotSdk.Drivers.Feetech;

/// <summary>A servo's firmware version (addresses 0 and 1).</summary>
/// <param name="Major">Major version.</param>
/// <param name="Minor">Minor version.</param>
public readonly record struct FeetechFirmwareVersion(int Major, int Minor)
{
    /// <summary>For example <c>3.10</c>.</summary>
    public override string ToString() => $"{Major}.{Minor}";
}
