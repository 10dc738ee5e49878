using RobotSdk.Geometry;

namespace RobotSdk.Calibration.Identification;

/// <summary>Settings of <see cref="KinematicIdentification"/>; the defaults suit a 640 x 480 camera and 40 to 150 poses.</summary>
public sealed record KinematicIdentificationOptions
{
    /// <summary>The default settings.</summary>
    public static KinematicIdentificationOptions Default { get; } = new();

    /// <summary>Fixed camera watching a tag on the gripper (default), or wrist camera watching a tag in the scene.</summary>
    public CameraMount Mount { get; init; } = CameraMount.Fixed;

    /// <summary>Whether link lengths are identified as well as joint offsets (default true).</summary>
    public bool IdentifyLinkLengths { get; init; } = true;

    /// <summary>Levenberg-Marquardt iteration cap per stage (default 100).</summary>
    public int MaxIterations { get; init; } = 100;

    /// <summary>
    /// Corner reprojection error, pixels, beyond which a corner's loss grows linearly rather than
    /// quadratically (Huber), so one bad detection cannot drag the solution; 0 for plain least squares.
    /// Default 2 pixels.
    /// </summary>
    public double HuberThresholdPixels { get; init; } = 2.0;

    /// <summary>
    /// A parameter is held when its normalised Jacobian column keeps less than this fraction of its
    /// length after removing what the parameters ranked before it (camera, tag, then joints base to
    /// tip) already explain: the data cannot tell it apart from them. Default 1e-4.
    /// </summary>
    public double ObservabilityThreshold { get; init; } = 1e-4;

    /// <summary>Starting camera pose (as in <see cref="KinematicCalibration.CameraPose"/>); with <see cref="InitialTagPose"/> it replaces the closed-form start.</summary>
    public Pose? InitialCameraPose { get; init; }

    /// <summary>Starting tag pose (as in <see cref="KinematicCalibration.TagPose"/>).</summary>
    public Pose? InitialTagPose { get; init; }

    /// <summary>
    /// Where the tag is known to sit on the gripper, with its uncertainty (a printed holder's drawing),
    /// weighed against the images; null (default) leaves the tag's pose free, as the images alone then
    /// cannot tell the last link's length along the wrist-roll axis, nor the wrist roll's zero, from it.
    /// Fixed camera only.
    /// </summary>
    public TagMountPrior? TagMountPrior { get; init; }
}
