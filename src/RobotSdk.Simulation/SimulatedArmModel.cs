namespace RobotSdk.Simulation;

/// <summary>
/// A virtual arm's world: which built-in MJCF it lives in, the joints its device emulator drives (in
/// the driver's order and units) and where it rests when limp.
/// </summary>
/// <param name="Name">The arm's name, as the CLI and profiles say it (for example <c>so101</c>).</param>
/// <param name="World">The built-in world (<see cref="SimulationModels.ReadXml"/>) the arm stands in.</param>
/// <param name="Joints">Backend joint i = the driver's joint i.</param>
/// <param name="RestPose">Where a limp arm comes to rest, device units, one per joint: worlds start here so nothing falls before the servos are switched on.</param>
public sealed record SimulatedArmModel(string Name, string World, IReadOnlyList<SimulatedJoint> Joints, IReadOnlyList<double> RestPose)
{
    /// <summary>The body at the driver's tool point (default <c>tool</c>).</summary>
    public string ToolBody { get; init; } = "tool";
}
