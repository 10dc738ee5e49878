using RobotSdk.Geometry;

namespace RobotSdk.Transports.Tests.Cameras;

public sealed class CameraRigFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("robotsdk-rig-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void SaveThenLoad_ReturnsTheSameRig()
    {
        var scene = new CameraRigEntry("scene", CameraMount.Fixed, 640, 480)
        {
            Source = "/dev/video0",
            Intrinsics = new CameraIntrinsics(640, 480, 615.25, 614.5, 320.125, 239.75) { Distortion = [0.1, -0.25, 0.01, 0.001, -0.002] },
            Extrinsics = new Pose(new Vector3D(0.5, -0.1, 0.75), Rotation.FromRollPitchYaw(Math.PI, 0.3, -0.2)),
        };
        var wrist = new CameraRigEntry("wrist", CameraMount.Wrist, 320, 240);
        string path = Path.Combine(_folder, "rig.json");

        CameraRigFile.Save(new CameraRig([scene, wrist]), path);
        CameraRig loaded = CameraRigFile.Load(path);

        Assert.Equal(2, loaded.Cameras.Count);
        CameraRigEntry loadedScene = loaded["scene"];
        Assert.Equal(scene with { Intrinsics = null }, loadedScene with { Intrinsics = null });
        Assert.Equal(scene.Intrinsics with { Distortion = [] }, loadedScene.Intrinsics! with { Distortion = [] });
        Assert.Equal(scene.Intrinsics.Distortion, loadedScene.Intrinsics!.Distortion);
        Assert.Equal(wrist, loaded["wrist"]);
        Assert.Null(loaded["wrist"].Extrinsics);
        Assert.Equal(new CameraDescription("wrist", CameraMount.Wrist, 320, 240), loaded["wrist"].Description);
        Assert.Contains("\"format\": \"robotsdk.camera-rig\"", File.ReadAllText(path), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NamesTheFile_WhenTheJsonIsMalformed()
    {
        string path = Write("broken.json", "{ \"format\": \"robotsdk.camera-rig\", ");

        InvalidDataException exception = Assert.Throws<InvalidDataException>(() => CameraRigFile.Load(path));

        Assert.StartsWith(path, exception.Message, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"format": "robotsdk.servo-calibration", "version": 1, "cameras": []}""", "expected 'robotsdk.camera-rig'")]
    [InlineData("""{"format": "robotsdk.camera-rig", "version": 2, "cameras": []}""", "version 2 is not supported")]
    [InlineData("""{"format": "robotsdk.camera-rig", "version": 1, "cameras": [{"name": "scene", "mount": "ceiling", "width": 640, "height": 480}]}""", "camera 'scene': 'mount' is 'ceiling'")]
    [InlineData("""{"format": "robotsdk.camera-rig", "version": 1, "cameras": [{"name": "scene", "mount": "fixed", "height": 480}]}""", "camera 'scene': 'width' is missing")]
    [InlineData("""{"format": "robotsdk.camera-rig", "version": 1, "cameras": [{"name": "a", "mount": "fixed", "width": 1, "height": 1}, {"name": "a", "mount": "wrist", "width": 1, "height": 1}]}""", "camera 'a': the name is used twice")]
    [InlineData("""{"format": "robotsdk.camera-rig", "version": 1, "cameras": [{"name": "w", "mount": "wrist", "width": 64, "height": 48, "extrinsics": {"position_m": [0, 0, 0.1], "orientation_wxyz": [1, 1, 0, 0]}}]}""", "camera 'w': the extrinsic orientation must be a unit quaternion")]
    [InlineData("""{"format": "robotsdk.camera-rig", "version": 1, "cameras": [{"name": "w", "mount": "wrist", "width": 64, "height": 48, "extrinsics": {"position_m": [0, 0], "orientation_wxyz": [1, 0, 0, 0]}}]}""", "camera 'w': extrinsics: 'position_m' must be an array of 3 numbers")]
    [InlineData("""{"format": "robotsdk.camera-rig", "version": 1, "cameras": [{"name": "s", "mount": "fixed", "width": 64, "height": 48, "intrinsics": {"focal_length_x": 50, "focal_length_y": 50, "principal_point_x": 32, "principal_point_y": 24}}]}""", "camera 's': intrinsics: 'distortion' must be an object")]
    public void Load_ExplainsWhatIsWrong_NamingFileAndCamera(string json, string expected)
    {
        string path = Write("rig.json", json);

        InvalidDataException exception = Assert.Throws<InvalidDataException>(() => CameraRigFile.Load(path));

        Assert.StartsWith(path, exception.Message, StringComparison.Ordinal);
        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Indexer_ListsTheCamerasItHas_WhenTheNameIsUnknown()
    {
        var rig = new CameraRig([new CameraRigEntry("scene", CameraMount.Fixed, 640, 480)]);

        KeyNotFoundException exception = Assert.Throws<KeyNotFoundException>(() => rig["wrist"]);

        Assert.Contains("scene", exception.Message, StringComparison.Ordinal);
    }

    private string Write(string name, string text)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }
}
