using System.Globalization;
using RobotSdk.Calibration.Identification;
using RobotSdk.Calibration.Procedure;

namespace RobotSdk.Cli.Calibration;

/// <summary>Builds the printed <see cref="CalibrationRunResult"/> from a procedure's result, with what needs no ground truth.</summary>
internal static class CalibrationRunResults
{
    /// <summary>The result without ground truth: tool errors are the camera's, ground-truth fields null.</summary>
    public static CalibrationRunResult From(CalibrationProcedureResult procedure, string mode, string arm, string armIdentity, string camera, int seed, TimeSpan elapsed)
    {
        KinematicCalibration solved = procedure.Solution;
        return new CalibrationRunResult
        {
            Mode = mode,
            Arm = arm,
            ArmIdentity = armIdentity,
            Camera = camera,
            Seed = seed,
            PosesPlanned = procedure.PosesPlanned,
            PosesUsed = procedure.CalibrationPoses.Count,
            HeldOutUsed = procedure.HeldOutPoses.Count,
            TagNotFound = procedure.TagNotFound,
            Unreachable = procedure.Unreachable,
            Refused = procedure.Refused,
            ToolErrorMmBefore = procedure.HeldOutTagErrorMillimetresBefore,
            ToolErrorMmHandEyeOnly = null,
            ToolErrorMmAfter = procedure.HeldOutTagErrorMillimetresAfter,
            CameraToolErrorMmBefore = procedure.HeldOutTagErrorMillimetresBefore,
            CameraToolErrorMmAfter = procedure.HeldOutTagErrorMillimetresAfter,
            HeldOutReprojectionPxBefore = procedure.HeldOutReprojectionPixelsBefore,
            HeldOutReprojectionPxAfter = procedure.HeldOutReprojectionPixelsAfter,
            JointOffsetErrorDeg = null,
            ReprojectionPx = solved.RmsReprojectionErrorPixels,
            Joints = [.. procedure.Nominal.Joints.Select((joint, j) => new CalibrationRunJoint(
                joint.JointName,
                solved.Identifiability.Estimated.Any(e => e.Parameter.Kind == KinematicParameterKind.JointOffset && e.Parameter.Index == j),
                solved.JointOffsetsRadians[j] * 180 / Math.PI,
                null))],
            Identifiability = solved.Identifiability.Lines,
            TagMountPrior = solved.Identifiability.TagMountPrior is { } prior
                ? string.Create(CultureInfo.InvariantCulture, $"the tag's pose in the {procedure.Nominal.Joints[^1].JointName} frame from its mount's drawing, +/- {prior.PositionStandardDeviationMeters * 1000:0.0##} mm and {prior.RotationStandardDeviationDegrees:0.0##} deg; the solved mount is {solved.Identifiability.TagMountPositionFromPriorMeters * 1000:0.00} mm and {solved.Identifiability.TagMountRotationFromPriorDegrees:0.00} deg from it")
                : "none: no drawing of the tag's mount was given, so its pose on the gripper was left free (the last link's length along the wrist roll and the wrist roll's zero stay unobserved)",
            ElapsedSeconds = Math.Round(elapsed.TotalSeconds, 1),
        };
    }

    /// <summary>The median, or null for none.</summary>
    public static double? Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        double[] sorted = [.. values.Order()];
        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
