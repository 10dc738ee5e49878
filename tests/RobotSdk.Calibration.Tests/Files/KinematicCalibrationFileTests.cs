using RobotSdk.Calibration.Files;
using RobotSdk.Geometry;
using RobotSdk.Hardware;

namespace RobotSdk.Calibration.Tests.Files;

public sealed class KinematicCalibrationFileTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("robotsdk-kinematic-file-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    // Doubles with long expansions, so a lossy format would show.
    internal static StoredKinematicCalibration Sample(string arm = "so101", string identity = "so101 ids 1,2,3")
    {
        var chain = new KinematicChainDescription(
            [
                new KinematicJoint("shoulder_pan", JointKind.Revolute, new Pose(new Vector3D(0.1 + 0.2, 0, 0.0542), Rotation.FromAxisAngle(new Vector3D(0, 0, 1), Math.PI / 7)), new Vector3D(0, 0, 1)),
                new KinematicJoint("shoulder_lift", JointKind.Revolute, new Pose(new Vector3D(0.0304, -1e-17, 0.1163), Rotation.Identity), new Vector3D(0, 1, 0)),
                new KinematicJoint("slide", JointKind.Prismatic, new Pose(new Vector3D(1.0 / 3, 2.0 / 3, 5e-300), Rotation.FromRollPitchYaw(0.1, 0.2, 0.3)), new Vector3D(1, 0, 0)),
            ],
            new Pose(new Vector3D(0, 0, 0.098765432109876), Rotation.Identity))
        {
            Base = new Pose(new Vector3D(0.5, -0.25, 0), Rotation.FromAxisAngle(new Vector3D(0, 0, 1), 1e-9)),
        };
        var intrinsics = new CameraIntrinsics(640, 480, 600.123456789, 601.987654321, 319.5, 239.5) { Distortion = [0.1, -0.01, 1e-4, -2e-4, 0.001] };
        return new StoredKinematicCalibration(
            arm,
            identity,
            new CalibratedCamera("overhead", intrinsics, CameraMount.Fixed, new Pose(new Vector3D(0.3, 0.01, 0.7), Rotation.FromRollPitchYaw(Math.PI, 0.01, -0.02))),
            chain,
            [Math.PI / 180, -0.0123456789012345, 0.001],
            [0.0005, -0.0007, 1e-6, 0.1 + 0.7],
            new Pose(new Vector3D(0, 0, 0.02), Rotation.FromAxisAngle(new Vector3D(1, 0, 0), Math.PI)),
            new CalibrationResiduals(0.3141592653589793, 24, true) { HeldOutPoseCount = 6, HeldOutToolErrorMedianMillimetres = 1.23, HeldOutToolErrorP95Millimetres = 2.5 },
            ["Held: base height, absorbed by the camera pose.", "Condition number 42."])
        {
            CreatedUtc = new DateTimeOffset(2026, 11, 22, 5, 4, 3, 123, TimeSpan.Zero).AddTicks(4567),
        };
    }

    private string PathOf(string name) => Path.Combine(directory, name);

    [Fact]
    public void Load_ReturnsEveryFieldBitForBit_AfterSave()
    {
        StoredKinematicCalibration saved = Sample();
        string path = PathOf("cal.json");
        KinematicCalibrationFile.Save(saved, path);

        StoredKinematicCalibration loaded = KinematicCalibrationFile.Load(path, "so101", "so101 ids 1,2,3", 3);

        Assert.Equal(saved.Arm, loaded.Arm);
        Assert.Equal(saved.ArmIdentity, loaded.ArmIdentity);
        Assert.Equal(saved.CreatedUtc, loaded.CreatedUtc);
        Assert.Equal(saved.SdkVersion, loaded.SdkVersion);
        Assert.Equal(saved.Camera with { Intrinsics = loaded.Camera.Intrinsics }, loaded.Camera);
        Assert.Equal(saved.Camera.Intrinsics with { Distortion = loaded.Camera.Intrinsics.Distortion }, loaded.Camera.Intrinsics);
        Assert.Equal(saved.Camera.Intrinsics.Distortion, loaded.Camera.Intrinsics.Distortion);
        Assert.Equal(saved.Calibrated.Joints, loaded.Calibrated.Joints);
        Assert.Equal(saved.Calibrated.Tool, loaded.Calibrated.Tool);
        Assert.Equal(saved.Calibrated.Base, loaded.Calibrated.Base);
        Assert.Equal(saved.JointOffsetsRadians, loaded.JointOffsetsRadians);
        Assert.Equal(saved.LinkLengthErrorsMeters, loaded.LinkLengthErrorsMeters);
        Assert.Equal(saved.TagPose, loaded.TagPose);
        Assert.Equal(saved.Residuals, loaded.Residuals);
        Assert.Equal(saved.IdentifiabilityLines, loaded.IdentifiabilityLines);
        Assert.Equal(KinematicCalibrationFile.ToJson(saved), KinematicCalibrationFile.ToJson(loaded));
    }

    [Fact]
    public void Load_KeepsHeldOutErrorsNull_WhenNoneWereGiven()
    {
        StoredKinematicCalibration saved = Sample() with { Residuals = new CalibrationResiduals(0.5, 10, false) };
        StoredKinematicCalibration loaded = KinematicCalibrationFile.Parse(KinematicCalibrationFile.ToJson(saved), "mem");

        Assert.Null(loaded.Residuals.HeldOutToolErrorMedianMillimetres);
        Assert.Null(loaded.Residuals.HeldOutToolErrorP95Millimetres);
        Assert.Equal(saved.Residuals, loaded.Residuals);
    }

    [Fact]
    public void Load_RefusesAnotherArmModel_NamingFileBothArmsAndIdentities()
    {
        string path = PathOf("wx.json");
        KinematicCalibrationFile.Save(Sample("wx250s", "wx250s ids 1-9"), path);

        var error = Assert.Throws<CalibrationMismatchException>(() => KinematicCalibrationFile.Load(path, "so101", "so101 ids 1-6", 6));

        Assert.Equal($"{path}: this kinematic calibration was made for a 'wx250s' arm ('wx250s ids 1-9'), not a 'so101' ('so101 ids 1-6').", error.Message);
    }

    [Fact]
    public void Load_RefusesAnotherArmOfTheSameModel()
    {
        string path = PathOf("left.json");
        KinematicCalibrationFile.Save(Sample(identity: "so101 ids 1,2,3 left"), path);

        var error = Assert.Throws<CalibrationMismatchException>(() => KinematicCalibrationFile.Load(path, "SO101", "so101 ids 1,2,3 right", 3));

        Assert.Equal($"{path}: this kinematic calibration was made for the 'so101' arm 'so101 ids 1,2,3 left', not this one ('so101 ids 1,2,3 right'); calibrate this arm.", error.Message);
    }

    [Fact]
    public void Load_RefusesAChainWithAnotherJointCount()
    {
        string path = PathOf("three.json");
        KinematicCalibrationFile.Save(Sample(), path);

        var error = Assert.Throws<CalibrationMismatchException>(() => KinematicCalibrationFile.Load(path, "so101", "so101 ids 1,2,3", 6));

        Assert.Equal($"{path}: this kinematic calibration has 3 joints, this 'so101' has 6.", error.Message);
    }

    [Fact]
    public void Load_NamesFileLineAndByte_WhenJsonIsMalformed()
    {
        string path = PathOf("broken.json");
        File.WriteAllText(path, "{\n  \"format\": \"robotsdk.kinematic-calibration\",\n  \"version\": 1,,\n}");

        var error = Assert.Throws<InvalidDataException>(() => KinematicCalibrationFile.Load(path));

        Assert.StartsWith($"{path}: not valid JSON at line 3, byte ", error.Message);
    }

    [Fact]
    public void Load_RefusesANewerVersion_AskingForAnUpdate()
    {
        string path = PathOf("v2.json");
        File.WriteAllText(path, KinematicCalibrationFile.ToJson(Sample()).Replace("\"version\": 1", "\"version\": 2"));

        var error = Assert.Throws<InvalidDataException>(() => KinematicCalibrationFile.Load(path));

        Assert.Equal($"{path}: kinematic calibration file version 2 is newer than this RobotSdk reads (version 1); update RobotSdk.", error.Message);
    }

    [Fact]
    public void Load_RefusesAnUnknownVersion()
    {
        string path = PathOf("v0.json");
        File.WriteAllText(path, KinematicCalibrationFile.ToJson(Sample()).Replace("\"version\": 1", "\"version\": 0"));

        var error = Assert.Throws<InvalidDataException>(() => KinematicCalibrationFile.Load(path));

        Assert.Equal($"{path}: kinematic calibration file version 0 is not supported (this RobotSdk reads version 1).", error.Message);
    }

    [Fact]
    public void Load_RefusesAnotherFormat_NamingIt()
    {
        string path = PathOf("servo.json");
        File.WriteAllText(path, "{\"format\": \"robotsdk.servo-calibration\", \"version\": 1}");

        var error = Assert.Throws<InvalidDataException>(() => KinematicCalibrationFile.Load(path));

        Assert.Equal($"{path}: 'format' is 'robotsdk.servo-calibration', expected 'robotsdk.kinematic-calibration'.", error.Message);
    }

    [Theory]
    [InlineData("\"fx\": 600.123456789", "\"fx\": \"wide\"", "'camera.intrinsics.fx' is missing or not a number.")]
    [InlineData("\"mount\": \"fixed\"", "\"mount\": \"ceiling\"", "'camera.mount' is 'ceiling', expected 'fixed' or 'wrist'.")]
    [InlineData("\"kind\": \"prismatic\"", "\"kind\": \"helical\"", "'parameters.chain.joints[2].kind' is 'helical', expected 'revolute' or 'prismatic'.")]
    public void Load_NamesTheFieldAtFault(string good, string bad, string expected)
    {
        string path = PathOf("field.json");
        string json = KinematicCalibrationFile.ToJson(Sample());
        Assert.Contains(good, json);
        File.WriteAllText(path, json.Replace(good, bad));

        var error = Assert.Throws<InvalidDataException>(() => KinematicCalibrationFile.Load(path));

        Assert.Equal($"{path}: {expected}", error.Message);
    }

    [Fact]
    public void Load_RefusesOffsetsThatDisagreeWithTheChain()
    {
        string json = KinematicCalibrationFile.ToJson(Sample());
        int start = json.IndexOf("\"joint_offsets_rad\"", StringComparison.Ordinal);
        int end = json.IndexOf(']', start);
        string edited = string.Concat(json.AsSpan(0, start), "\"joint_offsets_rad\": [0.1", json.AsSpan(end));

        var error = Assert.Throws<InvalidDataException>(() => KinematicCalibrationFile.Parse(edited, "cal.json"));

        Assert.Equal("cal.json: 'parameters.joint_offsets_rad' holds 1 offsets for a chain of 3 joints.", error.Message);
    }

    [Fact]
    public void Save_RefusesNaN_BecauseJsonCannotHoldIt()
    {
        StoredKinematicCalibration calibration = Sample() with { JointOffsetsRadians = [double.NaN, 0, 0] };

        Assert.Throws<ArgumentException>(() => KinematicCalibrationFile.Save(calibration, PathOf("nan.json")));
        Assert.False(File.Exists(PathOf("nan.json")));
    }
}
