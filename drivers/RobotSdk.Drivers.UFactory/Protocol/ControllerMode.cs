namespace RobotSdk.Drivers.UFactory.Protocol;

/// <summary>Control modes set with <see cref="XArmFunction.SetMode"/> (xArm-Python-SDK <c>set_mode</c> documentation); a mode takes effect after state 0 is set.</summary>
public enum ControllerMode : byte
{
    /// <summary>0: position control: planned moves (<see cref="XArmFunction.MoveJoint"/>) from a queue.</summary>
    Position = 0,

    /// <summary>1: servo motion: the controller tracks the latest <see cref="XArmFunction.ServoJoint"/> target, no queue.</summary>
    Servo = 1,

    /// <summary>2: joint teaching (hand guiding).</summary>
    JointTeaching = 2,

    /// <summary>4: joint velocity control.</summary>
    JointVelocity = 4,

    /// <summary>5: Cartesian velocity control.</summary>
    CartesianVelocity = 5,

    /// <summary>6: joint online trajectory planning.</summary>
    JointOnlinePlanning = 6,

    /// <summary>7: Cartesian online trajectory planning.</summary>
    CartesianOnlinePlanning = 7,
}
