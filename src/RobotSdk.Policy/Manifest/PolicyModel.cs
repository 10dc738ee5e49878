namespace RobotSdk.Policy.Manifest;

/// <summary>
/// How actions are computed: <see cref="OnnxPolicyModel"/> (one graph from observation to action
/// chunk), <see cref="FlowMatchingPolicyModel"/> (a denoising step the runner integrates) or
/// <see cref="RemotePolicyModel"/> (an openpi server).
/// </summary>
public abstract record PolicyModel;
