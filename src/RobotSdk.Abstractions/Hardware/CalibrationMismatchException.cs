namespace RobotSdk.Hardware;

/// <summary>A calibration file does not belong to the arm it is being applied to.</summary>
public sealed class CalibrationMismatchException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CalibrationMismatchException(string message)
        : base(message)
    {
    }
}
