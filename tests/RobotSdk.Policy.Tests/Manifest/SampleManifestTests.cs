using RobotSdk.Policy.Manifest;
using RobotSdk.Policy.Remote;

namespace RobotSdk.Policy.Tests.Manifest;

/// <summary>The example manifests under samples/PolicyManifests load and say what REFERENCE section 6 says about each openpi robot family.</summary>
public sealed class SampleManifestTests
{
    [Theory]
    [InlineData("libero-remote.json", 2, 8, ActionSpaceKind.EndEffector, 7, 5, 20.0)]
    [InlineData("droid-remote.json", 2, 8, ActionSpaceKind.JointVelocity, 8, 8, 15.0)]
    [InlineData("aloha-remote.json", 4, 14, ActionSpaceKind.JointAbsolute, 14, 25, 50.0)]
    [InlineData("droid-so101.json", 2, 8, ActionSpaceKind.JointVelocity, 8, 8, 15.0)]
    [InlineData("droid-wx250s.json", 2, 8, ActionSpaceKind.JointVelocity, 8, 8, 15.0)]
    [InlineData("aloha-left-wx250s.json", 4, 14, ActionSpaceKind.JointAbsolute, 14, 25, 50.0)]
    [InlineData("aloha-bimanual-wx250s.json", 4, 14, ActionSpaceKind.JointAbsolute, 14, 25, 50.0)]
    public void Sample_Loads(string file, int images, int stateValues, ActionSpaceKind kind, int dimensions, int horizon, double rate)
    {
        PolicyManifest manifest = PolicyManifestFile.Load(Path.Combine(RepositoryRoot(), "samples", "PolicyManifests", file));

        Assert.IsType<RemotePolicyModel>(manifest.Model);
        Assert.Equal(images, manifest.Inputs.Images.Count);
        Assert.All(manifest.Inputs.Images, image => Assert.Equal((224, 224, ImageResize.WithPadding), (image.Width, image.Height, image.Resize)));
        Assert.Equal(stateValues, manifest.Inputs.StateJointCount);
        Assert.Equal((kind, dimensions, horizon, rate), (manifest.Actions.Kind, manifest.Actions.Dimensions, manifest.Actions.ExecutionHorizon, manifest.Actions.ControlRateHertz));
        Assert.Equal(kind == ActionSpaceKind.JointAbsolute ? ImageLayout.ChannelsHeightWidth : ImageLayout.HeightWidthChannels, manifest.Inputs.Images[0].Layout);
    }

    private static string RepositoryRoot()
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
}
