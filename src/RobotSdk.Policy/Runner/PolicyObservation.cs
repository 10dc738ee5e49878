using RobotSdk.Policy.Manifest;

namespace RobotSdk.Policy.Runner;

/// <summary>
/// One observation as the policy sees it: preprocessed images (in <see cref="PolicyInputs.Images"/>
/// order, each already resized and laid out for its input), the raw state vectors in model units
/// (after the embodiment adapter's sign/offset mapping, before normalization and padding) and the
/// prompt. Buffers are allocated once and refilled for every inference.
/// </summary>
public sealed class PolicyObservation
{
    /// <summary>Allocates the buffers <paramref name="inputs"/> describe.</summary>
    public PolicyObservation(PolicyInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        Inputs = inputs;
        Images = [.. inputs.Images.Select(input => new ObservationImage(input))];
        State = [.. inputs.State.Select(state => new float[state.Joints.Count])];
        Prompt = inputs.Prompt?.DefaultText;
    }

    /// <summary>What the buffers are for.</summary>
    public PolicyInputs Inputs { get; }

    /// <summary>One image per <see cref="PolicyInputs.Images"/> entry.</summary>
    public IReadOnlyList<ObservationImage> Images { get; }

    /// <summary>One raw vector per <see cref="PolicyInputs.State"/> entry, <see cref="StateInput.Joints"/> long.</summary>
    public IReadOnlyList<float[]> State { get; }

    /// <summary>The instruction sent with the observation, or null.</summary>
    public string? Prompt { get; set; }

    /// <summary>When the state was read (the runner's <see cref="TimeProvider"/> timestamp).</summary>
    public long TimestampTicks { get; set; }

    /// <summary>
    /// The runner's control step the observation belongs to: row r of the chunk computed from it is
    /// the action for step <c>ControlStep + r</c> (steps count from 0 at the start of a run).
    /// </summary>
    public long ControlStep { get; set; }
}
