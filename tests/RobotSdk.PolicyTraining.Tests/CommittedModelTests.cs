using RobotSdk.Policy.Manifest;
using RobotSdk.Policy.Onnx;
using RobotSdk.Virtual.Tasks;

namespace RobotSdk.PolicyTraining.Tests;

/// <summary>
/// The model committed under models/touch-cube: its manifest loads and describes it, and it touches
/// the cube on both arms in the fast closed-loop evaluator (a few seeds here; the CLI runs 20 per arm).
/// </summary>
public sealed class CommittedModelTests
{
    [Fact]
    public void TheManifest_LoadsAndDescribesTheModel()
    {
        PolicyManifest manifest = PolicyManifestFile.Load(RepositoryPaths.CommittedManifest);

        Assert.Empty(PolicyManifestFile.Validate(manifest));
        var model = Assert.IsType<OnnxPolicyModel>(manifest.Model);
        Assert.Equal(TouchCubePolicyShape.Image, Assert.Single(manifest.Inputs.Images));
        Assert.Equal(TouchCubeTask.CameraName, manifest.Inputs.Images[0].Camera);
        Assert.Equal(TouchCubePolicyShape.StateNames, Assert.Single(manifest.Inputs.State).Joints);
        Assert.Equal(ActionSpaceKind.EndEffector, manifest.Actions.Kind);
        Assert.Equal(RotationRepresentation.None, manifest.Actions.EndEffector!.Representation);
        Assert.False(manifest.Actions.EndEffector.Delta);
        Assert.Equal(3, manifest.Normalization!.State!.Dimensions);
        Assert.Equal(3, manifest.Normalization.Actions!.Dimensions);

        using OnnxSession session = OnnxSession.Load(model.Path);
        Assert.Equal([TouchCubePolicyShape.ImageInputName, TouchCubePolicyShape.StateInputName], session.Inputs.Select(input => input.Name));
        Assert.Equal(manifest.Actions.Name, Assert.Single(session.Outputs).Name);
    }

    [Theory]
    [InlineData("so101")]
    [InlineData("wx250s")]
    public void TheCommittedModel_TouchesTheCube_OnBothArms(string arm)
    {
        // Seeds past the demonstrations' (1..200) and the CLI evaluation's (100000..100019).
        EvaluationResult result = PolicyEvaluator.Evaluate(RepositoryPaths.CommittedManifest, arm, 500_000, 3);

        Assert.True(result.Episodes.Count(episode => episode.Succeeded) >= 2, string.Join("; ", result.Episodes));
    }
}
