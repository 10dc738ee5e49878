using System.Globalization;
using RobotSdk.Geometry;

namespace RobotSdk.Kinematics;

/// <summary>
/// Checks a replacement chain (a calibration's) against a robot's nominal one: it must move the
/// same joints in the same order with the same kinds, so the arm's joint group, the safety layer's
/// scratch buffers and every caller's joint order stay valid, and hold only finite numbers.
/// </summary>
internal static class KinematicChainCheck
{
    // Quaternions are normalized when the chain is built; this only catches ones that are not rotations at all.
    private const double UnitTolerance = 1e-3;

    /// <summary>Every problem of <paramref name="chain"/> for <paramref name="robot"/>, each prefixed with <paramref name="field"/>; empty when it fits.</summary>
    public static IReadOnlyList<string> FindProblems(KinematicChainDescription chain, RobotDescription robot, string field)
    {
        var problems = new List<string>();
        if (robot.Kinematics is not { } nominal)
        {
            problems.Add($"{field}: model '{robot.Model}' describes no nominal kinematics to replace");
            return problems;
        }

        if (chain.Joints is null || chain.Joints.Count != nominal.Joints.Count)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture,
                $"{field}: {chain.Joints?.Count ?? 0} joints, but the nominal chain of '{robot.Model}' has {nominal.Joints.Count} ({string.Join(", ", nominal.Joints.Select(j => j.JointName))})"));
            return problems;
        }

        for (int i = 0; i < nominal.Joints.Count; i++)
        {
            KinematicJoint expected = nominal.Joints[i];
            KinematicJoint? joint = chain.Joints[i];
            string where = string.Create(CultureInfo.InvariantCulture, $"{field}:Joints[{i}]");
            if (joint is null)
            {
                problems.Add($"{where} is missing; the nominal chain has '{expected.JointName}' there");
                continue;
            }

            if (!string.Equals(joint.JointName, expected.JointName, StringComparison.Ordinal))
            {
                problems.Add($"{where} is '{joint.JointName}', but the nominal chain has '{expected.JointName}' there (same joints in the same order)");
                continue;
            }

            where += $" ('{joint.JointName}')";
            if (joint.Kind != expected.Kind)
            {
                problems.Add($"{where} is {joint.Kind}, but the nominal joint is {expected.Kind}");
            }

            AddPoseProblems(problems, joint.Origin, $"{where}:Origin");
            if (!IsFinite(joint.Axis) || joint.Axis.Length < 1e-9)
            {
                problems.Add($"{where}:Axis {joint.Axis} must be finite and not zero");
            }
        }

        AddPoseProblems(problems, chain.Base, $"{field}:Base");
        AddPoseProblems(problems, chain.Tool, $"{field}:Tool");
        return problems;
    }

    private static void AddPoseProblems(List<string> problems, Pose pose, string where)
    {
        if (!IsFinite(pose.Position))
        {
            problems.Add($"{where}: position {pose.Position} must be finite");
        }

        Rotation q = pose.Orientation;
        double norm = Math.Sqrt((q.W * q.W) + (q.X * q.X) + (q.Y * q.Y) + (q.Z * q.Z));
        if (!double.IsFinite(norm) || Math.Abs(norm - 1) > UnitTolerance)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture,
                $"{where}: orientation ({q.W}, {q.X}, {q.Y}, {q.Z}) must be a finite unit quaternion (length {norm}, allowed 1 ± {UnitTolerance})"));
        }
    }

    private static bool IsFinite(Vector3D v) => double.IsFinite(v.X) && double.IsFinite(v.Y) && double.IsFinite(v.Z);
}
