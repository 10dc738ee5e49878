namespace RobotSdk.Calibration.Servoing;

/// <summary>One measurement of the loop, and the correction that followed it (none after the last).</summary>
/// <param name="Index">0 for the measurement before any correction.</param>
/// <param name="Error">The measured error (camera frame).</param>
/// <param name="Gain">The gain applied after this measurement; 0 when the loop stopped here.</param>
/// <param name="JointPositions">Joint positions read before the frame was taken, chain order.</param>
public sealed record VisualServoIteration(int Index, VisualServoError Error, double Gain, IReadOnlyList<double> JointPositions)
{
    /// <summary>Translation error, millimetres.</summary>
    public double TranslationMillimetres => Error.TranslationMetres * 1000;

    /// <summary>Rotation error, degrees.</summary>
    public double RotationDegrees => Error.RotationRadians * 180 / Math.PI;
}
