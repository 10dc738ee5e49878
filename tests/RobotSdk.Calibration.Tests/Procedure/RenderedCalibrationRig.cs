using RobotSdk.Calibration.Fiducials;
using RobotSdk.Calibration.Procedure;
using RobotSdk.Calibration.Tests.Identification;
using RobotSdk.Geometry;

namespace RobotSdk.Calibration.Tests.Procedure;

/// <summary>
/// An <see cref="ICalibrationRig"/> over a <see cref="SyntheticRig"/>: moves are instant, the measured
/// joints are the commanded ones, and each frame is a real image of the tag (tag36h11, id 10) drawn at
/// its true pose through the true chain, so the procedure's detector finds it as it would in a camera.
/// </summary>
internal sealed class RenderedCalibrationRig(SyntheticRig truth) : ICalibrationRig
{
    public const int TagId = 10;

    private readonly AprilTagBitmap _tag = AprilTagBitmap.Create(AprilTagFamily.Tag36h11, TagId);
    private double[] _positions = new double[truth.Nominal.Joints.Count];

    /// <summary>Pose indices the procedure asked frames for, in order.</summary>
    public List<int> FramesTaken { get; } = [];

    /// <summary>Per pose index: the true tag pose in the camera frame.</summary>
    public Dictionary<int, Pose> TrueTagInCamera { get; } = [];

    public Task<bool> MoveToAsync(IReadOnlyList<double> positions, bool settle, CancellationToken cancellationToken)
    {
        _positions = [.. positions];
        return Task.FromResult(true);
    }

    public void ReadJointPositions(Span<double> positions) => _positions.CopyTo(positions);

    public ValueTask<CameraFrame> CaptureFrameAsync(int poseIndex, CancellationToken cancellationToken)
    {
        FramesTaken.Add(poseIndex);
        var image = new SyntheticImage(SyntheticRig.Camera);
        Pose cameraFromTag = truth.CameraPose.Inverse() * truth.TrueTool(_positions) * truth.TagPose;
        TrueTagInCamera[poseIndex] = cameraFromTag;

        // Draw only a tag in front of the camera and facing it; a tag seen from behind is not visible.
        Vector3D normal = cameraFromTag.Orientation.Rotate(new Vector3D(0, 0, -1));
        if (cameraFromTag.Position.Z > 0.1 && Vector3D.Dot(normal, -1 * cameraFromTag.Position) > 0)
        {
            image.DrawTag(_tag, SyntheticRig.TagSize, cameraFromTag, samples: 16);
        }

        return ValueTask.FromResult(new CameraFrame(image.Width, image.Height, PixelFormat.Gray8, image.Pixels, 0, poseIndex));
    }
}
