using System.Text.Json.Nodes;
using RobotSdk.Hardware;

namespace RobotSdk.Tests.Abstractions;

public sealed class ServoCalibrationFileTests : IDisposable
{
    // A calibration as LeRobot writes it for an SO-101 follower (values from a real arm's range).
    private const string LeRobotSo101 = """
        {
          "shoulder_pan": { "id": 1, "drive_mode": 0, "homing_offset": -1470, "range_min": 758, "range_max": 3292 },
          "shoulder_lift": { "id": 2, "drive_mode": 0, "homing_offset": 157, "range_min": 612, "range_max": 3401 },
          "elbow_flex": { "id": 3, "drive_mode": 0, "homing_offset": -1276, "range_min": 881, "range_max": 3113 },
          "wrist_flex": { "id": 4, "drive_mode": 0, "homing_offset": 1199, "range_min": 846, "range_max": 3250 },
          "wrist_roll": { "id": 5, "drive_mode": 0, "homing_offset": -1543, "range_min": 0, "range_max": 4095 },
          "gripper": { "id": 6, "drive_mode": 0, "homing_offset": 1330, "range_min": 2031, "range_max": 3500 }
        }
        """;

    private static readonly Dictionary<string, int> So101Motors = new()
    {
        ["shoulder_pan"] = 1, ["shoulder_lift"] = 2, ["elbow_flex"] = 3, ["wrist_flex"] = 4, ["wrist_roll"] = 5, ["gripper"] = 6,
    };

    private readonly string _directory = Directory.CreateTempSubdirectory("robotsdk-calibration-").FullName;

    [Fact]
    public void SaveThenLoad_RoundTripsEveryField()
    {
        var calibration = new ServoCalibration("so101", "follower-left", "feetech", new Dictionary<string, MotorCalibration>
        {
            ["shoulder_pan"] = new(1, 0, -1470, 758, 3292),
            ["gripper"] = new(6, 1, 1330, 2031, 3500),
        })
        { CreatedUtc = new DateTimeOffset(2026, 11, 21, 12, 30, 0, TimeSpan.Zero) };
        string path = PathOf("calibration.json");

        ServoCalibrationFile.Save(calibration, path);
        ServoCalibration loaded = ServoCalibrationFile.Load(path);

        Assert.Equal(("so101", "follower-left", "feetech", calibration.CreatedUtc), (loaded.Arm, loaded.ArmId, loaded.Bus, loaded.CreatedUtc));
        Assert.Equal(calibration.Motors.OrderBy(m => m.Key), loaded.Motors.OrderBy(m => m.Key));
        Assert.Equal(ServoCalibrationFile.Format, JsonNode.Parse(File.ReadAllText(path))!["format"]!.GetValue<string>());
        Assert.Equal(ServoCalibrationFile.Version, JsonNode.Parse(File.ReadAllText(path))!["version"]!.GetValue<int>());
    }

    [Fact]
    public void ImportLeRobot_ReadsEveryMotor_AndExportWritesTheSameDocumentBack()
    {
        string original = Write("lerobot.json", LeRobotSo101);

        ServoCalibration imported = ServoCalibrationFile.ImportLeRobot(original, "so101", "follower-left", "feetech");
        string exported = PathOf("exported.json");
        ServoCalibrationFile.ExportLeRobot(imported, exported);

        Assert.Equal(6, imported.Motors.Count);
        Assert.Equal(new MotorCalibration(3, 0, -1276, 881, 3113), imported.Motors["elbow_flex"]);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(LeRobotSo101), JsonNode.Parse(File.ReadAllText(exported))), File.ReadAllText(exported));
    }

    [Fact]
    public void Load_PointsToImportLeRobot_WhenGivenALeRobotFile()
    {
        string path = Write("lerobot.json", LeRobotSo101);

        var exception = Assert.Throws<InvalidDataException>(() => ServoCalibrationFile.Load(path));

        Assert.Contains(path, exception.Message, StringComparison.Ordinal);
        Assert.Contains("ImportLeRobot", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RejectsAnUnsupportedVersion_NamingIt()
    {
        string path = Write("future.json", """{ "format": "robotsdk.servo-calibration", "version": 7, "arm": "so101", "arm_id": "a", "bus": "feetech", "created_utc": "2026-11-21T00:00:00Z", "motors": {} }""");

        var exception = Assert.Throws<InvalidDataException>(() => ServoCalibrationFile.Load(path));

        Assert.Contains("version 7", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ImportLeRobot_NamesTheMotorAndField_WhenAFieldIsMissing()
    {
        string path = Write("broken.json", """{ "gripper": { "id": 6, "drive_mode": 0, "range_min": 1, "range_max": 2 } }""");

        var exception = Assert.Throws<InvalidDataException>(() => ServoCalibrationFile.ImportLeRobot(path, "so101", "a", "feetech"));

        Assert.Contains("motor 'gripper'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("'homing_offset'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ImportLeRobot_GivesTheLine_WhenTheJsonIsMalformed()
    {
        string path = Write("malformed.json", "{\n  \"gripper\": { \"id\": 6,, }\n}");

        var exception = Assert.Throws<InvalidDataException>(() => ServoCalibrationFile.ImportLeRobot(path, "so101", "a", "feetech"));

        Assert.Contains("line 2", exception.Message, StringComparison.Ordinal);
        Assert.Contains(path, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EnsureMatches_Accepts_TheArmItWasMadeFor()
    {
        ServoCalibration calibration = ServoCalibrationFile.ImportLeRobot(Write("c.json", LeRobotSo101), "so101", "follower", "feetech");

        calibration.EnsureMatches("so101", So101Motors, "c.json");
    }

    [Fact]
    public void EnsureMatches_Refuses_ACalibrationFromAnotherArmModel()
    {
        ServoCalibration calibration = ServoCalibrationFile.ImportLeRobot(Write("c.json", LeRobotSo101), "koch", "koch-1", "dynamixel");

        var exception = Assert.Throws<CalibrationMismatchException>(() => calibration.EnsureMatches("so101", So101Motors, "c.json"));

        Assert.Contains("'koch'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("'so101'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EnsureMatches_NamesEveryMotorThatDiffers()
    {
        ServoCalibration calibration = ServoCalibrationFile.ImportLeRobot(Write("c.json", LeRobotSo101), "so101", "follower", "feetech");
        var arm = new Dictionary<string, int>(So101Motors) { ["wrist_roll"] = 9, ["elbow"] = 3 };
        arm.Remove("elbow_flex");

        var exception = Assert.Throws<CalibrationMismatchException>(() => calibration.EnsureMatches("so101", arm, "c.json"));

        Assert.Contains("motor 'wrist_roll' has ID 5 in the file but ID 9 on the arm", exception.Message, StringComparison.Ordinal);
        Assert.Contains("motor 'elbow' is missing", exception.Message, StringComparison.Ordinal);
        Assert.Contains("motor 'elbow_flex' is not part of", exception.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string PathOf(string name) => Path.Combine(_directory, name);

    private string Write(string name, string json)
    {
        string path = PathOf(name);
        File.WriteAllText(path, json);
        return path;
    }
}
