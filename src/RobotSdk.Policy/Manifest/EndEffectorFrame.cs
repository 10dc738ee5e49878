namespace RobotSdk.Policy.Manifest;

/// <summary>The frame end-effector actions are expressed in.</summary>
public enum EndEffectorFrame
{
    /// <summary>The robot base (manifest value <c>base</c>).</summary>
    Base,

    /// <summary>The current tool pose (manifest value <c>tool</c>).</summary>
    Tool,
}
