namespace RobotSdk.Drivers.UFactory.Protocol;

/// <summary>
/// The meanings of the controller's error and warning codes (<see cref="XArmFunction.GetErrorCodes"/>),
/// as UFactory publishes them: titles from xArm-Python-SDK <c>xarm/core/config/x_code.py</c>
/// (<c>ControllerErrorCodeMap</c>, <c>ControllerWarnCodeMap</c>; SDK 1.18.5, commit d911319), remedies
/// shortened from the same table. UFactory writes errors as C&lt;code&gt; and warnings as W&lt;code&gt;.
/// </summary>
public static class ControllerCodes
{
    private static readonly Dictionary<int, ControllerCode> Errors = BuildErrors();
    private static readonly Dictionary<int, ControllerCode> Warnings = BuildWarnings();

    /// <summary>Every error code UFactory documents.</summary>
    public static IReadOnlyCollection<int> KnownErrors => Errors.Keys;

    /// <summary>Every warning code UFactory documents.</summary>
    public static IReadOnlyCollection<int> KnownWarnings => Warnings.Keys;

    /// <summary>The meaning of error <paramref name="code"/> ("Other Errors" for an undocumented one).</summary>
    public static ControllerCode DescribeError(int code) =>
        Errors.TryGetValue(code, out ControllerCode? known) ? known : new ControllerCode(code, "Other Errors", "not in UFactory's error table; see UFactory Studio", NeedsRestart: false);

    /// <summary>The meaning of warning <paramref name="code"/> ("Other Warnings" for an undocumented one).</summary>
    public static ControllerCode DescribeWarning(int code) =>
        Warnings.TryGetValue(code, out ControllerCode? known) ? known : new ControllerCode(code, "Other Warnings", string.Empty, NeedsRestart: false);

    private static Dictionary<int, ControllerCode> BuildErrors()
    {
        const string Restart = "restart the arm with the emergency stop button on the control box; if it persists, contact UFactory support";
        const string Support = "contact UFactory support";
        var table = new Dictionary<int, ControllerCode>();
        void Add(int code, string title, string remedy, bool needsRestart = false) => table.Add(code, new ControllerCode(code, title, remedy, needsRestart));

        Add(1, "The Emergency Stop Button on the xArm Controller is pushed in to stop", "release the emergency stop button, then enable the robot again");
        Add(2, "The Emergency IO of the Control Box is triggered", "ground the two emergency inputs (EI) of the control box, then enable the robot again");
        Add(3, "The Emergency Stop Button of the Three-state Switch is pressed", "release the three-state switch's emergency stop button, then enable the robot again");
        Add(10, "Servo motor error", "read the servo error in UFactory Studio", needsRestart: true);
        for (int joint = 1; joint <= 7; joint++)
        {
            Add(10 + joint, FormattableString.Invariant($"Servo motor {joint} error"), "read the servo error in UFactory Studio", needsRestart: true);
        }

        Add(18, "Force Torque Sensor Communication Error", "check that the force torque sensor is installed");
        Add(19, "End Effector Communication Error", "check that the end effector is installed and its baud rate is right");
        Add(21, "Kinematic Error", "re-plan the path");
        Add(22, "Self-Collision Error", "re-plan the path; if it repeats, switch to manual mode and move the arm back into the normal area");
        Add(23, "Joints Angle Exceed Limit", "move the arm back to the initial position (UFactory Studio, Live Control)");
        Add(24, "Speed Exceeds Limit", "check the arm is within its working range, or lower speed and acceleration");
        Add(25, "Planning Error", "re-plan the path or lower the speed");
        Add(26, "Linux RT Error", Support, needsRestart: true);
        Add(27, "Command Reply Error", "retry, or " + Restart, needsRestart: true);
        Add(28, "End Module Communication Error", Restart, needsRestart: true);
        Add(30, "Feedback Speed Exceeds limit", Support, needsRestart: true);
        Add(31, "Collision Caused Abnormal Current", "check for collisions, the payload settings, and that the collision sensitivity suits the speed");
        Add(32, "Three-point drawing circle calculation error", "set the arc command again");
        Add(33, "Controller GPIO Error", "check the controller's GPIO module connection and power-cycle; if it repeats, contact UFactory support", needsRestart: true);
        Add(34, "Recording Timeout", "a trajectory recording is limited to 5 minutes; record again");
        Add(35, "Safety Boundary Limit", "switch to manual mode and move the arm back inside the safety boundary");
        Add(36, "The number of delay commands exceeds the limit", "at most 36 delayed or position-triggered commands may wait");
        Add(37, "Abnormal movement in Manual Mode", "check the TCP payload and mounting settings");
        Add(38, "Abnormal Joint Angle", "stop the arm with the emergency stop button and contact UFactory support", needsRestart: true);
        Add(39, "Abnormal Communication Between Master and Slave IC of Power Board", Support, needsRestart: true);
        Add(40, "Solution failure of error-free joint trajectory", "adjust the position");
        Add(41, "The content of the friction file is invalid", Restart, needsRestart: true);
        Add(42, "The content of the calibration file is invalid", Restart, needsRestart: true);
        Add(50, "Six-axis Force Torque Sensor read error", string.Empty);
        Add(51, "Six-axis Force Torque Sensor set mode error", string.Empty);
        Add(52, "Six-axis Force Torque Sensor set zero error", string.Empty);
        Add(53, "Six-axis Force Torque Sensor is overloaded or the reading exceeds the limit", string.Empty);
        Add(60, "Linear speed exceeded limit in servo_j mode", "the tool moved faster than the servo-mode linear speed limit; send smaller steps");
        Add(110, "Robot Arm Base Board Communication Error", Support, needsRestart: true);
        Add(111, "Control Box External 485 Device Communication Error", Support, needsRestart: true);
        return table;
    }

    private static Dictionary<int, ControllerCode> BuildWarnings()
    {
        var table = new Dictionary<int, ControllerCode>();
        void Add(int code, string title) => table.Add(code, new ControllerCode(code, title, string.Empty, NeedsRestart: false));

        Add(11, "Current controller cache is full");
        Add(12, "User instruction parameter error");
        Add(13, "User command control code does not exist");
        Add(14, "User instructions and parameters have no solution");
        Add(15, "Modbus cmd full");
        return table;
    }
}
