using System.Runtime.Versioning;
using RobotSdk.Calibration.Procedure;
using RobotSdk.Geometry;
using RobotSdk.Simulation;

namespace RobotSdk.Cli.Calibration;

/// <summary>
/// The calibration rig of a virtual arm: the robot (real driver over the emulated bus) and the
/// rendered scene camera. It also records, per captured pose, where the simulation says the tool
/// truly was in the true camera frame: ground truth for scoring only, never given to calibration.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class VirtualCalibrationRig(Robot robot, SimulatedCamera camera, VirtualWorld world) : ICalibrationRig
{
    private const double ToleranceRadians = 0.02; // gravity sag (about 0.005 rad) plus encoder counts and noise
    private const int JointSamples = 10; // averaged while still: 0.05 degrees of encoder noise becomes about 0.016
    private static readonly TimeSpan SettleTime = TimeSpan.FromMilliseconds(300);
    private readonly double[] _mean = new double[robot.Arm.Joints.Count];

    /// <summary>Per pose index: the true tool point in the true camera frame, metres (scoring only).</summary>
    public Dictionary<int, Vector3D> TrueToolInCamera { get; } = [];

    /// <summary>Added to the pose indices of later capture runs, so the keys of <see cref="TrueToolInCamera"/> stay unique.</summary>
    public int PoseIndexBase { get; set; }

    public async Task<bool> MoveToAsync(IReadOnlyList<double> positions, bool settle, CancellationToken cancellationToken)
    {
        try
        {
            await robot.Arm.MoveToAsync(positions, speedFraction: 0.8, toleranceRadians: ToleranceRadians, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Blocked (a link on the table or on the arm itself): the robot stopped where it was; skip the pose.
            return false;
        }

        if (!settle)
        {
            return true;
        }

        // Servo overshoot and link vibration die down within a few hundred milliseconds on these models.
        await Task.Delay(SettleTime, cancellationToken).ConfigureAwait(false);
        Array.Clear(_mean);
        var sample = new double[_mean.Length];
        for (int s = 0; s < JointSamples; s++)
        {
            robot.Arm.ReadPositions(sample);
            for (int j = 0; j < sample.Length; j++)
            {
                _mean[j] += sample[j] / JointSamples;
            }

            await Task.Delay(10, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    public void ReadJointPositions(Span<double> positions) => _mean.CopyTo(positions);

    public ValueTask<CameraFrame> CaptureFrameAsync(int poseIndex, CancellationToken cancellationToken)
    {
        CameraFrame frame = camera.RenderOnce();
        Pose cameraPose = camera.GetOpticalPose();
        Pose tool = world.Access(simulation => simulation.GetBodyPose("tool"));
        TrueToolInCamera[PoseIndexBase + poseIndex] = cameraPose.Inverse().Transform(tool.Position);
        return ValueTask.FromResult(frame);
    }
}
