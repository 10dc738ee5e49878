using RobotSdk.Policy.Manifest;

namespace RobotSdk.Policy.Tests.Embodiment;

/// <summary>Manifests built in code for the adapter tests (remote model: no files needed).</summary>
internal static class TestManifests
{
    public static PolicyManifest Create(ActionSpace actions, params StateInput[] state) =>
        new(new RemotePolicyModel(null), new PolicyInputs([], state, null), null, actions);

    public static ActionSpace Joints(ActionSpaceKind kind, IReadOnlyList<ActionJoint> joints, IReadOnlyList<ActionGripper> grippers, double rateHertz = 50)
    {
        int dimensions = joints.Count + grippers.Count;
        return new ActionSpace(kind, "actions", dimensions, dimensions, 10, 10, rateHertz, joints, grippers, null);
    }

    public static ActionSpace EndEffector(EndEffectorActions pose, ActionGripper? gripper = null)
    {
        int dimensions = pose.Position.Count + pose.Rotation.Count + (gripper is null ? 0 : 1);
        return new ActionSpace(ActionSpaceKind.EndEffector, "actions", dimensions, dimensions, 10, 10, 20, [], gripper is null ? [] : [gripper], pose);
    }

    /// <summary>Position-only tool actions in metres, base frame, absolute: the arm-neutral space a learned tabletop policy uses.</summary>
    public static PolicyManifest PositionOnly(bool delta = false, EndEffectorFrame frame = EndEffectorFrame.Base) => Create(
        EndEffector(new EndEffectorActions([0, 1, 2], [], RotationRepresentation.None, frame, delta), new ActionGripper(3, "gripper", 0, 1)),
        new StateInput("state", ["tool.x", "tool.y", "tool.z", "gripper"], null));

    public static string RepositoryRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "RobotSdk.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No RobotSdk.sln above {AppContext.BaseDirectory}.");
    }

    public static PolicyManifest Sample(string file) =>
        PolicyManifestFile.Load(Path.Combine(RepositoryRoot(), "samples", "PolicyManifests", file));
}
