namespace RobotSdk.Policy.Manifest;

/// <summary>
/// One state vector of the observation: robot joint (and gripper) positions in the order the
/// policy was trained on, as float32. DROID sends two (<c>observation/joint_position</c> [7] and
/// <c>observation/gripper_position</c> [1]); the normalization's <c>state</c> statistics apply to
/// all state inputs concatenated in manifest order.
/// </summary>
/// <param name="Name">The ONNX input tensor name or the openpi observation key (for example <c>observation/state</c>).</param>
/// <param name="Joints">
/// The robot joint or gripper names, one per element, in order; an embodiment adapter also
/// resolves tool-pose values (<c>tool.x</c>) and constants (<c>constant:0</c>, a joint the arm
/// lacks, sent as that model value).
/// </param>
/// <param name="PadTo">Length the vector is padded to with zeros after normalization (pi0 pads to 32); null for no padding.</param>
public sealed record StateInput(string Name, IReadOnlyList<string> Joints, int? PadTo)
{
    /// <summary>Prefix of a state element that is a fixed model value rather than something measured: <c>constant:0.5</c>.</summary>
    public const string ConstantPrefix = "constant:";

    /// <summary>Length of the vector the policy receives: <see cref="PadTo"/> when set, else the joint count.</summary>
    public int Length => PadTo ?? Joints.Count;

    /// <summary>Reads the value of a <see cref="ConstantPrefix"/> element; false when <paramref name="name"/> is not a constant or its number is not finite.</summary>
    public static bool TryParseConstant(string name, out double value)
    {
        ArgumentNullException.ThrowIfNull(name);
        value = 0;
        return name.StartsWith(ConstantPrefix, StringComparison.Ordinal)
            && double.TryParse(name.AsSpan(ConstantPrefix.Length), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out value)
            && double.IsFinite(value);
    }
}
