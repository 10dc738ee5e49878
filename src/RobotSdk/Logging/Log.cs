using Microsoft.Extensions.Logging;

namespace RobotSdk.Logging;

/// <summary>Source-generated log messages of the robot. None is used per cycle.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Robot {Robot} ({Model}) connected; control loop at {RateHz} Hz")]
    public static partial void Connected(ILogger logger, string robot, string model, double rateHz);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Robot {Robot} activated; holding its measured position")]
    public static partial void Activated(ILogger logger, string robot);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Robot {Robot} deactivated (torque off)")]
    public static partial void Deactivated(ILogger logger, string robot);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Robot {Robot}: emergency stop latched ({Action})")]
    public static partial void EmergencyStopLatched(ILogger logger, string robot, string action);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Robot {Robot}: emergency stop reset")]
    public static partial void EmergencyStopReset(ILogger logger, string robot);

    [LoggerMessage(EventId = 6, Level = LogLevel.Error, Message = "Robot {Robot}: driver fault, torque turned off: {Reason}")]
    public static partial void Faulted(ILogger logger, string robot, string reason, Exception? exception);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "Robot {Robot}: no command for {TimeoutMs} ms; stopping and holding")]
    public static partial void WatchdogTripped(ILogger logger, string robot, double timeoutMs);

    [LoggerMessage(EventId = 8, Level = LogLevel.Information, Message = "Robot {Robot}: fault cleared, driver reconfigured")]
    public static partial void FaultCleared(ILogger logger, string robot);

    [LoggerMessage(EventId = 9, Level = LogLevel.Error, Message = "Robot {Robot}: deactivation after a fault failed")]
    public static partial void DeactivationFailed(ILogger logger, string robot, Exception exception);

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Robot {Robot}: kinematics replaced (forward and inverse kinematics and the workspace box now use the new chain)")]
    public static partial void KinematicsReplaced(ILogger logger, string robot);
}
