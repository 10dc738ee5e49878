namespace RobotSdk.Simulation;

/// <summary>
/// The imprecision a <see cref="VirtualWorld"/> was built with (<see cref="VirtualWorld.GroundTruth"/>):
/// what a perfect calibration would recover. For tests and reports only: calibration code must not
/// read it, or it has nothing left to find.
/// </summary>
/// <param name="Seed">The <see cref="ArmImprecision.Seed"/> it was drawn from.</param>
/// <param name="JointNames">The backend's joints (joint i = the driver's joint i).</param>
/// <param name="JointZeroOffsets">Per joint, device units: the encoder reads device position + offset, so a goal g leaves the joint at g - offset.</param>
/// <param name="Backlash">Per joint, device units: the whole gear play (the link sits within +-half of it from the motor).</param>
/// <param name="EncoderNoise">Per joint, device units: the standard deviation of the noise on reported positions.</param>
/// <param name="LinkLengthErrors">
/// Per body of the arm's chain (first joint's body to tool body, in chain order), metres: how much
/// longer than the MJCF's its frame offset (<c>pos</c>) was made, along that offset's direction. A body
/// with a zero offset gets 0.
/// </param>
/// <param name="Cameras">Every MJCF camera's nominal and true pose.</param>
public sealed record ImprecisionTruth(
    int Seed,
    IReadOnlyList<string> JointNames,
    IReadOnlyList<double> JointZeroOffsets,
    IReadOnlyList<double> Backlash,
    IReadOnlyList<double> EncoderNoise,
    IReadOnlyList<KeyValuePair<string, double>> LinkLengthErrors,
    IReadOnlyList<CameraPoseTruth> Cameras)
{
    /// <summary>Every AprilTag on the arm: where its mount's drawing (the MJCF) puts it and where it truly is.</summary>
    public IReadOnlyList<TagMountTruth> TagMounts { get; init; } = [];

    /// <summary>The length error of chain body <paramref name="body"/>, metres.</summary>
    /// <exception cref="KeyNotFoundException">The body is not on the arm's chain.</exception>
    public double GetLinkLengthError(string body)
    {
        foreach (KeyValuePair<string, double> link in LinkLengthErrors)
        {
            if (link.Key == body)
            {
                return link.Value;
            }
        }

        throw new KeyNotFoundException($"'{body}' is not a body of the arm's chain ({string.Join(", ", LinkLengthErrors.Select(link => link.Key))}).");
    }

    /// <summary>The camera named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such camera.</exception>
    public CameraPoseTruth GetCamera(string name) =>
        Cameras.FirstOrDefault(camera => camera.Name == name)
        ?? throw new KeyNotFoundException($"No camera '{name}' (cameras: {string.Join(", ", Cameras.Select(camera => camera.Name))}).");
}
