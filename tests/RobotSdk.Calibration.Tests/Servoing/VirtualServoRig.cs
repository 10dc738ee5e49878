using RobotSdk.Calibration.Procedure;
using RobotSdk.Simulation;

namespace RobotSdk.Calibration.Tests.Servoing;

/// <summary>
/// The servo rig of a virtual arm: the robot (real driver over the emulated bus) and the rendered
/// scene camera (rendered on the test's <see cref="DedicatedThread"/>). Nothing here reads the simulation's ground truth.
/// </summary>
internal sealed class VirtualServoRig(Robot robot, SimulatedCamera camera, DedicatedThread renderer) : ICalibrationRig
{
    private const double ToleranceRadians = 0.01;

    // Servo overshoot and link vibration die down within a few hundred milliseconds on these models.
    private static readonly TimeSpan SettleTime = TimeSpan.FromMilliseconds(500);

    public async Task<bool> MoveToAsync(IReadOnlyList<double> positions, bool settle, CancellationToken cancellationToken)
    {
        try
        {
            await robot.Arm.MoveToAsync(positions, speedFraction: 0.5, toleranceRadians: ToleranceRadians, cancellationToken: cancellationToken);
        }
        catch (TimeoutException)
        {
            return false;
        }

        if (settle)
        {
            await Task.Delay(SettleTime, cancellationToken);
        }

        return true;
    }

    public void ReadJointPositions(Span<double> positions) => robot.Arm.ReadPositions(positions);

    public async ValueTask<CameraFrame> CaptureFrameAsync(int poseIndex, CancellationToken cancellationToken) => await renderer.RunAsync(camera.RenderOnce);
}
