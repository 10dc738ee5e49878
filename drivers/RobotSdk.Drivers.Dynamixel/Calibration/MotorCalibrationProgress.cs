namespace RobotSdk.Drivers.Dynamixel;

/// <summary>One servo's state during range recording, for a progress display.</summary>
/// <param name="Name">Motor name (the joint's, or <c>{joint}_shadow</c>).</param>
/// <param name="Id">The servo's ID.</param>
/// <param name="PresentPosition">Its latest Present Position, counts.</param>
/// <param name="RangeMin">Lowest Present Position seen since the home was recorded.</param>
/// <param name="RangeMax">Highest Present Position seen since the home was recorded.</param>
/// <param name="IsFullTurn">Whether its joint turns without end stops (its range will be recorded as 0 to 4095).</param>
public sealed record MotorCalibrationProgress(string Name, byte Id, int PresentPosition, int RangeMin, int RangeMax, bool IsFullTurn)
{
    /// <summary>Whether the joint has moved (or needs not move) far enough to have a range.</summary>
    public bool HasRange => IsFullTurn || RangeMax > RangeMin;
}
