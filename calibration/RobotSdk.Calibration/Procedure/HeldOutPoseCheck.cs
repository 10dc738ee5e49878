namespace RobotSdk.Calibration.Procedure;

/// <summary>
/// One held-out pose checked by the camera: where the models put the tag against where the camera saw
/// it. "Before" is the nominal chain with the camera and tag poses of a hand-eye calibration over it
/// (the best an uncalibrated arm can do); "after" the calibrated chain with its solved camera and tag poses.
/// </summary>
/// <param name="PoseIndex">The pose's index in the procedure's sequence (pilot poses first).</param>
/// <param name="TagErrorMillimetresBefore">Distance between the tag centre the nominal model predicts and the one the camera measured (tag pose from the four corners), camera frame, millimetres.</param>
/// <param name="TagErrorMillimetresAfter">The same with the calibrated model.</param>
/// <param name="ReprojectionRmsPixelsBefore">RMS per image coordinate between the corners the nominal model projects and the detected ones, pixels.</param>
/// <param name="ReprojectionRmsPixelsAfter">The same with the calibrated model.</param>
public sealed record HeldOutPoseCheck(
    int PoseIndex,
    double TagErrorMillimetresBefore,
    double TagErrorMillimetresAfter,
    double ReprojectionRmsPixelsBefore,
    double ReprojectionRmsPixelsAfter);
