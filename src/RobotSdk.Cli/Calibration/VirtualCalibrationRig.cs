using System.Runtime.Versioning;
using RobotSdk.Calibration.Procedure;
using RobotSdk.Geometry;
using RobotSdk.Simulation;

namespace RobotSdk.Cli.Calibration;

/// <summary>
/// The calibration rig of a virtual arm: the robot (real driver over the emulated bus) and the
/// rendered scene camera, rendered on demand at each pose. It also records, per captured pose, where
/// the simulation says the tool truly was in the true camera frame: ground truth for scoring only,
/// never given to calibration.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class VirtualCalibrationRig(Robot robot, SimulatedCamera camera, VirtualWorld world) : RobotCalibrationRig(robot, null)
{
    /// <summary>Per pose index (the procedure's numbering): the true tool point in the true camera frame, metres (scoring only).</summary>
    public Dictionary<int, Vector3D> TrueToolInCamera { get; } = [];

    public override ValueTask<CameraFrame> CaptureFrameAsync(int poseIndex, CancellationToken cancellationToken)
    {
        CameraFrame frame = camera.RenderOnce();
        Pose cameraPose = camera.GetOpticalPose();
        Pose tool = world.Access(simulation => simulation.GetBodyPose("tool"));
        TrueToolInCamera[poseIndex] = cameraPose.Inverse().Transform(tool.Position);
        return ValueTask.FromResult(frame);
    }
}
