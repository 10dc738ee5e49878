namespace RobotSdk.Calibration.Procedure;

/// <summary>
/// Passes a rig through with pose indices counted over the whole procedure, and keeps a copy of the
/// frames of the later poses (the held-out ones), for the report's overlay.
/// </summary>
internal sealed class FrameRecordingRig(ICalibrationRig inner) : ICalibrationRig
{
    private readonly Dictionary<int, CameraFrame> _frames = [];

    /// <summary>Added to the pose indices of the current capture run.</summary>
    public int PoseIndexBase { get; set; }

    /// <summary>Frames of poses at this index of the current run and later are kept; int.MaxValue keeps none.</summary>
    public int KeepFramesFrom { get; set; } = int.MaxValue;

    public Task<bool> MoveToAsync(IReadOnlyList<double> positions, bool settle, CancellationToken cancellationToken) =>
        inner.MoveToAsync(positions, settle, cancellationToken);

    public void ReadJointPositions(Span<double> positions) => inner.ReadJointPositions(positions);

    public async ValueTask<CameraFrame> CaptureFrameAsync(int poseIndex, CancellationToken cancellationToken)
    {
        CameraFrame frame = await inner.CaptureFrameAsync(PoseIndexBase + poseIndex, cancellationToken).ConfigureAwait(false);
        if (poseIndex >= KeepFramesFrom)
        {
            // A camera may reuse its buffers (FfmpegCamera does): keep a copy.
            _frames[PoseIndexBase + poseIndex] = frame with { Pixels = frame.Pixels.ToArray() };
        }

        return frame;
    }

    /// <summary>The kept frame of the pose at <paramref name="poseIndex"/> (procedure numbering), or null.</summary>
    public CameraFrame? FrameAt(int poseIndex) => _frames.GetValueOrDefault(poseIndex);
}
