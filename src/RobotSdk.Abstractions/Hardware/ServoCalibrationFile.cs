using System.Text.Json;
using System.Text.Json.Nodes;

namespace RobotSdk.Hardware;

/// <summary>
/// Reads and writes <see cref="ServoCalibration"/>s: RobotSdk's versioned JSON file, and
/// LeRobot's calibration files (<c>{motor: {id, drive_mode, homing_offset, range_min, range_max}}</c>)
/// so users can bring calibrations they already made.
/// </summary>
public static class ServoCalibrationFile
{
    /// <summary>The <c>format</c> value of RobotSdk calibration files.</summary>
    public const string Format = "robotsdk.servo-calibration";

    /// <summary>The file version this code writes and reads.</summary>
    public const int Version = 1;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Writes <paramref name="calibration"/> to <paramref name="path"/>.</summary>
    public static void Save(ServoCalibration calibration, string path)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        var motors = new JsonObject();
        foreach ((string name, MotorCalibration motor) in calibration.Motors)
        {
            motors[name] = new JsonObject
            {
                ["id"] = motor.Id,
                ["drive_mode"] = motor.DriveMode,
                ["homing_offset"] = motor.HomingOffset,
                ["range_min"] = motor.RangeMin,
                ["range_max"] = motor.RangeMax,
            };
        }

        var root = new JsonObject
        {
            ["format"] = Format,
            ["version"] = Version,
            ["arm"] = calibration.Arm,
            ["arm_id"] = calibration.ArmId,
            ["bus"] = calibration.Bus,
            ["created_utc"] = calibration.CreatedUtc.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["motors"] = motors,
        };
        File.WriteAllText(path, root.ToJsonString(Indented));
    }

    /// <summary>Reads a RobotSdk calibration file.</summary>
    /// <exception cref="InvalidDataException">The file is not a RobotSdk calibration file of a supported version; the message names the file and the field.</exception>
    public static ServoCalibration Load(string path)
    {
        JsonObject root = ParseObject(path);
        string? format = root["format"] is JsonValue value && value.TryGetValue(out string? text) ? text : null;
        if (format != Format)
        {
            throw new InvalidDataException($"{path}: 'format' is {(format is null ? "missing" : $"'{format}'")}, expected '{Format}'. (A LeRobot calibration file? Use ImportLeRobot.)");
        }

        int version = RequireInt(root, "version", path);
        if (version != Version)
        {
            throw new InvalidDataException($"{path}: calibration file version {version} is not supported (this RobotSdk reads version {Version}).");
        }

        JsonObject motors = root["motors"] as JsonObject ?? throw new InvalidDataException($"{path}: 'motors' must be an object.");
        return new ServoCalibration(RequireString(root, "arm", path), RequireString(root, "arm_id", path), RequireString(root, "bus", path), ReadMotors(motors, path))
        {
            CreatedUtc = DateTimeOffset.Parse(RequireString(root, "created_utc", path), System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    /// <summary>Reads a LeRobot calibration file; LeRobot files do not say which arm or bus, so the caller does.</summary>
    /// <exception cref="InvalidDataException">A motor entry lacks a field or has a non-integer value.</exception>
    public static ServoCalibration ImportLeRobot(string path, string arm, string armId, string bus) =>
        new(arm, armId, bus, ReadMotors(ParseObject(path), path)) { CreatedUtc = File.GetLastWriteTimeUtc(path) };

    /// <summary>Writes <paramref name="calibration"/> in LeRobot's format.</summary>
    public static void ExportLeRobot(ServoCalibration calibration, string path)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        var root = new JsonObject();
        foreach ((string name, MotorCalibration motor) in calibration.Motors)
        {
            root[name] = new JsonObject
            {
                ["id"] = motor.Id,
                ["drive_mode"] = motor.DriveMode,
                ["homing_offset"] = motor.HomingOffset,
                ["range_min"] = motor.RangeMin,
                ["range_max"] = motor.RangeMax,
            };
        }

        File.WriteAllText(path, root.ToJsonString(Indented));
    }

    private static Dictionary<string, MotorCalibration> ReadMotors(JsonObject motors, string path)
    {
        var result = new Dictionary<string, MotorCalibration>(StringComparer.Ordinal);
        foreach ((string name, JsonNode? node) in motors)
        {
            if (node is not JsonObject motor)
            {
                throw new InvalidDataException($"{path}: motor '{name}' must be an object with id, drive_mode, homing_offset, range_min, range_max.");
            }

            string where = $"motor '{name}'";
            result[name] = new MotorCalibration(
                RequireInt(motor, "id", path, where),
                RequireInt(motor, "drive_mode", path, where),
                RequireInt(motor, "homing_offset", path, where),
                RequireInt(motor, "range_min", path, where),
                RequireInt(motor, "range_max", path, where));
            if (result[name].RangeMin > result[name].RangeMax)
            {
                throw new InvalidDataException($"{path}: {where}: range_min {result[name].RangeMin} is above range_max {result[name].RangeMax}.");
            }
        }

        return result;
    }

    private static JsonObject ParseObject(string path)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) as JsonObject
                ?? throw new InvalidDataException($"{path}: a calibration file must hold a JSON object.");
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"{path}: not valid JSON (line {exception.LineNumber + 1}): {exception.Message}", exception);
        }
    }

    private static string RequireString(JsonObject node, string field, string path) =>
        node[field] is JsonValue value && value.TryGetValue(out string? text)
            ? text
            : throw new InvalidDataException($"{path}: '{field}' is missing or not a string.");

    private static int RequireInt(JsonObject node, string field, string path, string? where = null) =>
        node[field] is JsonValue value && value.TryGetValue(out int number)
            ? number
            : throw new InvalidDataException($"{path}: {(where is null ? string.Empty : where + ": ")}'{field}' is missing or not an integer.");
}
