using RobotSdk.Geometry;

namespace RobotSdk.Calibration.Servoing;

/// <summary>
/// The tool's pose error as the camera measures it, in the camera frame: what the tool must move
/// by to reach the goal. Both poses come from the same camera, so its own pose error cancels.
/// </summary>
/// <param name="Translation">Goal tool position minus measured tool position, metres, camera frame.</param>
/// <param name="Rotation">Rotation vector (axis times angle, radians, camera frame) that turns the measured tool orientation into the goal's.</param>
public readonly record struct VisualServoError(Vector3D Translation, Vector3D Rotation)
{
    /// <summary>Length of <see cref="Translation"/>, metres.</summary>
    public double TranslationMetres => Translation.Length;

    /// <summary>Angle of <see cref="Rotation"/>, radians.</summary>
    public double RotationRadians => Rotation.Length;

    /// <summary>The largest absolute component of both vectors (metres and radians): the argument of <see cref="AdaptiveGain.At"/>.</summary>
    public double InfinityNorm =>
        Math.Max(
            Math.Max(Math.Max(Math.Abs(Translation.X), Math.Abs(Translation.Y)), Math.Abs(Translation.Z)),
            Math.Max(Math.Max(Math.Abs(Rotation.X), Math.Abs(Rotation.Y)), Math.Abs(Rotation.Z)));
}
