namespace RobotSdk.Drivers.UFactory.Protocol;

/// <summary>The state <see cref="XArmFunction.GetState"/> reports (xArm-Python-SDK <c>get_state</c> documentation).</summary>
public enum ControllerState : byte
{
    /// <summary>1: moving.</summary>
    Moving = 1,

    /// <summary>2: sleeping (ready, nothing to do).</summary>
    Sleeping = 2,

    /// <summary>3: paused.</summary>
    Paused = 3,

    /// <summary>4: stopped; the arm refuses motion until state 0 is set.</summary>
    Stopped = 4,
}
