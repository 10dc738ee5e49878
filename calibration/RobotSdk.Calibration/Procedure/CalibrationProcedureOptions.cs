using RobotSdk.Calibration.Identification;
using RobotSdk.Geometry;

namespace RobotSdk.Calibration.Procedure;

/// <summary>Settings of <see cref="CalibrationProcedure"/>; lengths in metres, angles as named.</summary>
public sealed record CalibrationProcedureOptions
{
    /// <summary>Edge of the gripper tag's black square, metres (what a user measures on the print); must be positive.</summary>
    public required double TagSizeMeters { get; init; }

    /// <summary>The id of the tag on the gripper (default 10, the tag the virtual arms carry).</summary>
    public int TagId { get; init; } = 10;

    /// <summary>Seeds the pose draws: the same seed, arm and settings give the same poses.</summary>
    public int Seed { get; init; }

    /// <summary>Poses used to solve, the pilot's included (default 50).</summary>
    public int CalibrationPoseCount { get; init; } = 50;

    /// <summary>Further poses, kept out of the solve, that validate it (default 15).</summary>
    public int HeldOutPoseCount { get; init; } = 15;

    /// <summary>Pilot poses drawn to face each of the six tool axes while the tag's mounting is unknown (default 6, so up to 36 in all: with 3 the far WidowX camera saw too few to tell the side).</summary>
    public int PilotPosesPerAxis { get; init; } = 6;

    /// <summary>How squarely a pilot pose faces its tool axis to the nominal camera, degrees (default 25: a pose meant to show one side must not show a neighbouring side too).</summary>
    public double PilotViewAngleDegrees { get; init; } = 25;

    /// <summary>Per joint, how far before each pose the arm stops so backlash rests on the same flank every time (default 0.05 rad, about 3 degrees: well beyond 0.25 to 1 degree of hobby-servo backlash). Which side each joint approaches from is chosen by gravity (<see cref="CalibrationPoseGenerator.ChooseApproachOffsets"/>).</summary>
    public double PreOffsetRadians { get; init; } = 0.05;

    /// <summary>Largest angle between the tag's estimated normal and the direction to the camera for the poses after the pilot (default 40 degrees).</summary>
    public double MaximumViewAngleDegrees { get; init; } = 40;

    /// <summary>
    /// Where the fixed camera is believed to be (optical frame in the chain's world frame), for example
    /// from a drawing or a camera rig file; null when unknown: the pilot then draws poses without a view
    /// test and the hand-eye estimate from the pilot stands in for it.
    /// </summary>
    public Pose? NominalCameraPose { get; init; }

    /// <summary>
    /// The pose generator's safety and coverage settings (table height, clearances, margins, separation);
    /// counts, seed, camera and tag normal are set by the procedure. Default: the generator's defaults.
    /// </summary>
    public CalibrationPoseGeneratorOptions PoseGenerator { get; init; } = new();

    /// <summary>The identification's settings; null for <see cref="KinematicIdentificationOptions.Default"/>.</summary>
    public KinematicIdentificationOptions? Identification { get; init; }
}
