namespace RobotSdk.Drivers.Dynamixel;

/// <summary>A snapshot of a <see cref="DynamixelCalibrationRecorder"/>, for a progress display.</summary>
/// <param name="Stage">Where the recording stands.</param>
/// <param name="SampleCount">Samples taken since the home was recorded.</param>
/// <param name="Motors">Each servo's present position and range so far, in the arm's motor order.</param>
public sealed record DynamixelCalibrationProgress(DynamixelCalibrationStage Stage, int SampleCount, IReadOnlyList<MotorCalibrationProgress> Motors)
{
    /// <summary>Motors whose joint has not moved yet (a range cannot be recorded for them).</summary>
    public IReadOnlyList<string> MotorsWithoutRange => [.. Motors.Where(motor => !motor.HasRange).Select(motor => motor.Name)];
}
