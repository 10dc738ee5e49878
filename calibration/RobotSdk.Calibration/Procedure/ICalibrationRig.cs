namespace RobotSdk.Calibration.Procedure;

/// <summary>
/// What <see cref="CalibrationCapture"/> needs from an arm and a fixed camera; an application (or the
/// <c>robot</c> command) fills it from a <c>Robot</c> and an <c>ICamera</c>, real or virtual.
/// </summary>
public interface ICalibrationRig
{
    /// <summary>
    /// Moves the arm to <paramref name="positions"/> (chain order) and returns once it is there and, when
    /// <paramref name="settle"/>, still; false when it could not get there (blocked by a collision the
    /// pose generator's coarse guard missed), and the pose is skipped.
    /// </summary>
    /// <param name="positions">Joint positions, chain order.</param>
    /// <param name="settle">True at a measurement pose: wait until vibration and servo motion have died down.</param>
    /// <param name="cancellationToken">Cancels the move.</param>
    Task<bool> MoveToAsync(IReadOnlyList<double> positions, bool settle, CancellationToken cancellationToken);

    /// <summary>Reads the measured joint positions (chain order) into <paramref name="positions"/>.</summary>
    void ReadJointPositions(Span<double> positions);

    /// <summary>Takes a camera frame at the current pose.</summary>
    /// <param name="poseIndex">The index of the pose in the list given to <see cref="CalibrationCapture"/> (a rig may record its own data per pose).</param>
    /// <param name="cancellationToken">Cancels the capture.</param>
    ValueTask<CameraFrame> CaptureFrameAsync(int poseIndex, CancellationToken cancellationToken);
}
