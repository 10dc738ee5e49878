using System.Reflection;

namespace RobotSdk.Simulation;

/// <summary>
/// The MJCF worlds that ship inside this assembly, loadable by name. <c>so101</c> and <c>so100</c>:
/// the SO-101 and SO-100 followers (Feetech STS3215 servos) on a tabletop with three 25 mm cubes, a
/// fixed <c>scene</c> camera and a <c>wrist</c> camera (each header comment gives the sources, the
/// physical choices and the camera intrinsics).
/// </summary>
public static class SimulationModels
{
    /// <summary>The SO-101 tabletop world's name.</summary>
    public const string So101 = "so101";

    /// <summary>The SO-101 joints, in the driver's order: joint i of the model is motor i of the Feetech driver's <c>so101</c>.</summary>
    public static IReadOnlyList<string> So101Joints { get; } =
        Array.AsReadOnly(["shoulder_pan", "shoulder_lift", "elbow_flex", "wrist_flex", "wrist_roll", "gripper"]);

    /// <summary>
    /// Where a limp SO-101 comes to rest in the <see cref="So101"/> world, radians (driver order): upper
    /// arm back on its stop, forearm folded on its stop, the gripper lying on the table. A
    /// <see cref="VirtualWorld.CreateSo101"/> starts here unless told otherwise, so nothing falls
    /// before the servos are switched on.
    /// </summary>
    public static IReadOnlyList<double> So101RestPose { get; } = Array.AsReadOnly([0, -1.74533, 1.69, 0.926, 0, 0]);

    /// <summary>The SO-100 follower tabletop world's name (the driver's approximate kinematics: the SO-101 chain).</summary>
    public const string So100 = "so100";

    /// <summary>The SO-100 joints, in the driver's order: joint i of the model is motor i of the Feetech driver's <c>so100</c>.</summary>
    public static IReadOnlyList<string> So100Joints { get; } =
        Array.AsReadOnly(["shoulder_pan", "shoulder_lift", "elbow_flex", "wrist_flex", "wrist_roll", "gripper"]);

    /// <summary>
    /// Where a limp SO-100 comes to rest in the <see cref="So100"/> world, radians (driver order):
    /// as the SO-101's, upper arm back on its stop, forearm folded on its stop, the gripper lying on the
    /// table. <see cref="SimulatedArms.So100"/> starts here unless told otherwise, so nothing falls
    /// before the servos are switched on.
    /// </summary>
    public static IReadOnlyList<double> So100RestPose { get; } = Array.AsReadOnly([0, -1.74533, 1.69, 0.926, 0, 0]);

    /// <summary>The names of the built-in worlds.</summary>
    public static IReadOnlyList<string> Names { get; } = Array.AsReadOnly(
        typeof(SimulationModels).Assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(Prefix, StringComparison.Ordinal) && name.EndsWith(".xml", StringComparison.Ordinal))
            .Select(name => name[Prefix.Length..^".xml".Length])
            .Order(StringComparer.Ordinal)
            .ToArray());

    private const string Prefix = "RobotSdk.Simulation.Models.";

    /// <summary>The MJCF text of the built-in world called <paramref name="name"/> (for example <see cref="So101"/>).</summary>
    /// <exception cref="KeyNotFoundException">No built-in world has that name; the message lists them.</exception>
    public static string ReadXml(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Assembly assembly = typeof(SimulationModels).Assembly;
        using Stream? stream = assembly.GetManifestResourceStream(Prefix + name + ".xml")
            ?? throw new KeyNotFoundException($"No built-in MuJoCo world is called '{name}'; known: {string.Join(", ", Names)}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// The black-square edge of AprilTag tag36h11 <paramref name="tagId"/> in the built-in world called
    /// <paramref name="name"/>, metres (what a user measures on a print), or null when that world draws no such tag.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No built-in world has that name.</exception>
    public static double? ReadAprilTagEdge(string name, int tagId) => MjcfAprilTags.ReadBlackBorderEdge(ReadXml(name), tagId);

    /// <summary>Loads and compiles the built-in world called <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No built-in world has that name.</exception>
    /// <exception cref="SimulationUnavailableException">MuJoCo or RobotSdk's shim is not installed.</exception>
    public static MujocoModel Load(string name) => MujocoModel.LoadFromXml(ReadXml(name));
}
