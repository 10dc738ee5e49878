namespace RobotSdk.Calibration.Procedure;

/// <summary>
/// The calibration rig of any arm: a <see cref="Robot"/> (its real driver, over hardware or an emulated
/// bus) and a fixed <see cref="ICamera"/>. Moves go through the control loop and safety layer; at a
/// measurement pose it waits for the arm to settle, averages the measured joints, and takes a frame
/// that began after the arm was still.
/// </summary>
/// <param name="robot">The arm, connected and active while the procedure runs.</param>
/// <param name="camera">The fixed camera, started; null for a subclass that captures frames itself.</param>
public class RobotCalibrationRig(Robot robot, ICamera? camera) : ICalibrationRig
{
    private const double ToleranceRadians = 0.02; // gravity sag (about 0.005 rad) plus encoder counts and noise
    private const int JointSamples = 10; // averaged while still: 0.05 degrees of encoder noise becomes about 0.016
    private static readonly TimeSpan SettleTime = TimeSpan.FromMilliseconds(300);
    private readonly double[] _mean = new double[robot.Arm.Joints.Count];
    private bool _settled;

    /// <inheritdoc/>
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

        // Servo overshoot and link vibration die down within a few hundred milliseconds on these arms.
        await Task.Delay(SettleTime, cancellationToken).ConfigureAwait(false);
        Array.Clear(_mean);
        _settled = true;
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

    /// <summary>The joints averaged at the last measurement pose; before the first one, the present joints.</summary>
    /// <param name="positions">Receives the joint positions, chain order.</param>
    public void ReadJointPositions(Span<double> positions)
    {
        if (_settled)
        {
            _mean.CopyTo(positions);
        }
        else
        {
            robot.Arm.ReadPositions(positions);
        }
    }

    /// <inheritdoc/>
    public virtual async ValueTask<CameraFrame> CaptureFrameAsync(int poseIndex, CancellationToken cancellationToken)
    {
        ICamera source = camera ?? throw new InvalidOperationException("This rig has no camera.");

        // The frame after the newest one may have been exposed while the arm still moved: take the one after it.
        long newest = source.TryGetLatestFrame(out CameraFrame? latest) ? latest.SequenceNumber : -1;
        CameraFrame next = await source.ReadNextFrameAsync(newest, cancellationToken).ConfigureAwait(false);
        return await source.ReadNextFrameAsync(next.SequenceNumber, cancellationToken).ConfigureAwait(false);
    }
}
