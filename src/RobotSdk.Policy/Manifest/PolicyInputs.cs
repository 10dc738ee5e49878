namespace RobotSdk.Policy.Manifest;

/// <summary>What the policy observes.</summary>
/// <param name="Images">Camera images, in the order they are sent.</param>
/// <param name="State">State vectors, in order; their concatenation is what the <c>state</c> normalization statistics describe.</param>
/// <param name="Prompt">The language instruction, or null for a policy without one.</param>
public sealed record PolicyInputs(IReadOnlyList<ImageInput> Images, IReadOnlyList<StateInput> State, PromptInput? Prompt)
{
    /// <summary>Number of joint values across all state inputs, before padding.</summary>
    public int StateJointCount => State.Sum(state => state.Joints.Count);
}
