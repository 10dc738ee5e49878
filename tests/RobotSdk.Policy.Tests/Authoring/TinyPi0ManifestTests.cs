using RobotSdk.Policy.Manifest;
using RobotSdk.Policy.Onnx;
using RobotSdk.Policy.Onnx.Authoring;

namespace RobotSdk.Policy.Tests.Authoring;

/// <summary>The files <see cref="TinyPi0Model.WriteTo"/> writes, and the committed manifest in models/tiny-pi0/.</summary>
public sealed class TinyPi0ManifestTests
{
    [Fact]
    public void WriteTo_WritesAManifestThatLoads_AndDescribesTheGraphsItWrote()
    {
        var folder = Directory.CreateTempSubdirectory("robotsdk-tiny-pi0-").FullName;
        try
        {
            var manifestPath = TinyPi0Model.WriteTo(folder);

            var manifest = PolicyManifestFile.Load(manifestPath);
            var model = Assert.IsType<FlowMatchingPolicyModel>(manifest.Model);
            Assert.Equal(Path.Combine(folder, TinyPi0Model.StepGraphFileName), model.StepGraphPath);
            Assert.Equal(Path.Combine(folder, TinyPi0Model.ObservationGraphFileName), model.ObservationGraphPath);
            Assert.Equal(10, model.Steps);
            Assert.Equal(TinyPi0Model.DefaultSeed, model.NoiseSeed);
            Assert.Equal("scene", Assert.Single(manifest.Inputs.Images).Camera);
            Assert.Equal(TinyPi0Model.So101Joints, Assert.Single(manifest.Inputs.State).Joints);
            Assert.Equal(6, manifest.Actions.Dimensions);

            // What the manifest names must be what the graphs declare, with the shapes it implies.
            using var observation = OnnxSession.Load(model.ObservationGraphPath!);
            using var step = OnnxSession.Load(model.StepGraphPath);
            var image = manifest.Inputs.Images[0];
            var prompt = manifest.Inputs.Prompt!;
            Assert.Equal(
                [
                    $"{image.Name}:[1,{image.Height},{image.Width},3]",
                    $"{prompt.Name}:[1,{prompt.MaxTokens}]",
                    $"{prompt.MaskName}:[1,{prompt.MaxTokens}]",
                    $"{manifest.Inputs.State[0].Name}:[1,{manifest.Inputs.State[0].Length}]",
                ],
                observation.Inputs.Select(Shape));
            Assert.Equal(model.ContextNames, observation.Outputs.Select(output => output.Name));
            Assert.Equal(
                [$"{model.NoisyActionsName}:[1,{manifest.Actions.ChunkLength},{manifest.Actions.ModelDimensions}]", $"{model.TimeName}:[1]"],
                step.Inputs.Take(2).Select(Shape));
            Assert.Equal(model.ContextNames, step.Inputs.Skip(2).Select(input => input.Name));
            Assert.Equal(model.VelocityName, Assert.Single(step.Outputs).Name);
            Assert.Equal(
                TinyPi0Model.BuildObservationGraph(TinyPi0Model.DefaultSeed),
                File.ReadAllBytes(model.ObservationGraphPath!));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void CommittedManifest_IsExactlyWhatWriteToWrites()
    {
        var committed = Path.Combine(RepositoryRoot(), "models", "tiny-pi0", TinyPi0Model.ManifestFileName);
        var folder = Directory.CreateTempSubdirectory("robotsdk-tiny-pi0-").FullName;
        try
        {
            var written = TinyPi0Model.WriteTo(folder);

            Assert.True(File.Exists(committed), $"{committed} is missing; generate it with TinyPi0Model.WriteTo (see models/tiny-pi0/README.md).");
            Assert.Equal(File.ReadAllText(written), File.ReadAllText(committed));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Shape(TensorMetadata metadata) =>
        $"{metadata.Name}:[{string.Join(",", metadata.Dimensions.Select(dimension => dimension.Size))}]";

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "RobotSdk.sln")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No RobotSdk.sln above {AppContext.BaseDirectory}.");
    }
}
