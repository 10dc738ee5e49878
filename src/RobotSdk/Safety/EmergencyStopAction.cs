namespace RobotSdk.Safety;

/// <summary>What the e-stop does to the arm.</summary>
public enum EmergencyStopAction
{
    /// <summary>Keep torque on and hold the last commanded position (arms that would fall stay up).</summary>
    Hold,

    /// <summary>Deactivate the driver (torque off); the arm goes limp.</summary>
    TorqueOff,
}
