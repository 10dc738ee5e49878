using RobotSdk.Hardware;

namespace RobotSdk.Calibration.Files;

/// <summary>
/// Applies a kinematic calibration to a robot, so that its corrected chain replaces the nominal one
/// in forward and inverse kinematics, <see cref="Robot.MoveToPoseAsync"/> and the workspace box. Each
/// call first checks the calibration was made on this very arm.
/// </summary>
/// <example>
/// <code>
/// var driver = new FeetechArmDriver("/dev/ttyACM0", FeetechArms.So101Follower);
/// StoredKinematicCalibration calibration = KinematicCalibrationFile.LoadFor("so101.kinematics.json", driver.Description);
/// using var robot = new Robot(driver, new RobotOptions().UseCalibration(calibration, driver.Description, "so101.kinematics.json"));
/// </code>
/// </example>
public static class KinematicCalibrationUse
{
    /// <summary>Sets <see cref="RobotOptions.Kinematics"/> to the calibrated chain of <paramref name="calibration"/>.</summary>
    /// <param name="options">The options of the robot to be built.</param>
    /// <param name="calibration">The calibration.</param>
    /// <param name="robot">The description of the arm the options are for (its driver's).</param>
    /// <param name="source">Where the calibration came from (a file path), for messages.</param>
    /// <returns><paramref name="options"/>, for chaining.</returns>
    /// <exception cref="CalibrationMismatchException">It was made for another arm; the message names the source and both identities.</exception>
    public static RobotOptions UseCalibration(this RobotOptions options, StoredKinematicCalibration calibration, RobotDescription robot, string source)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(calibration);
        calibration.EnsureMatches(robot, source);
        options.Kinematics = calibration.Calibrated;
        return options;
    }

    /// <summary>
    /// Replaces the kinematics of a robot already built (and perhaps running) with the calibrated chain
    /// of <paramref name="calibration"/>, through <see cref="Robot.UseKinematics"/>.
    /// </summary>
    /// <param name="robot">The robot.</param>
    /// <param name="calibration">The calibration.</param>
    /// <param name="source">Where the calibration came from (a file path), for messages.</param>
    /// <exception cref="CalibrationMismatchException">It was made for another arm; the message names the source and both identities.</exception>
    public static void UseCalibration(this Robot robot, StoredKinematicCalibration calibration, string source)
    {
        ArgumentNullException.ThrowIfNull(robot);
        ArgumentNullException.ThrowIfNull(calibration);
        calibration.EnsureMatches(robot.Description, source);
        robot.UseKinematics(calibration.Calibrated);
    }
}
