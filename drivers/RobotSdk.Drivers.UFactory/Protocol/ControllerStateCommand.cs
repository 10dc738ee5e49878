namespace RobotSdk.Drivers.UFactory.Protocol;

/// <summary>What <see cref="XArmFunction.SetState"/> asks of the controller (xArm-Python-SDK <c>set_state</c> documentation).</summary>
public enum ControllerStateCommand : byte
{
    /// <summary>0: ready to move; motion commands are executed.</summary>
    Move = 0,

    /// <summary>3: pause; queued motion waits.</summary>
    Pause = 3,

    /// <summary>4: stop; motion ends, the queue is cleared, and the arm refuses motion until state 0 is set again (what the SDK's <c>emergency_stop</c> sends).</summary>
    Stop = 4,

    /// <summary>6: decelerate, then stop.</summary>
    DecelerateAndStop = 6,
}
