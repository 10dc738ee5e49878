using System.Text.Json.Nodes;
using RobotSdk.Geometry;

namespace RobotSdk.Calibration.Files;

/// <summary>
/// JSON shapes of geometry in calibration files, and field readers whose errors name the file and the
/// field's path (for example <c>camera.intrinsics.fx</c>) so a hand-edited file is easy to fix.
/// </summary>
internal static class CalibrationJson
{
    public static JsonArray Write(Vector3D v) => [v.X, v.Y, v.Z];

    public static JsonObject Write(Pose pose) => new()
    {
        ["position"] = Write(pose.Position),
        ["orientation_wxyz"] = new JsonArray(pose.Orientation.W, pose.Orientation.X, pose.Orientation.Y, pose.Orientation.Z),
    };

    public static JsonArray Write(IEnumerable<double> values) => [.. values.Select(value => (JsonNode?)value)];

    public static Vector3D ReadVector(JsonObject node, string field, string path, string where)
    {
        double[] values = ReadDoubles(node, field, path, where);
        return values.Length == 3 ? new Vector3D(values[0], values[1], values[2]) : throw Error(path, where, field, $"must hold 3 numbers, not {values.Length}");
    }

    public static Pose ReadPose(JsonObject node, string field, string path, string where)
    {
        JsonObject pose = RequireObject(node, field, path, where);
        string inner = Join(where, field);
        double[] q = ReadDoubles(pose, "orientation_wxyz", path, inner);
        if (q.Length != 4)
        {
            throw Error(path, inner, "orientation_wxyz", $"must hold 4 numbers, not {q.Length}");
        }

        return new Pose(ReadVector(pose, "position", path, inner), new Rotation(q[0], q[1], q[2], q[3]));
    }

    public static double[] ReadDoubles(JsonObject node, string field, string path, string where)
    {
        if (node[field] is not JsonArray array)
        {
            throw Error(path, where, field, "is missing or not an array of numbers");
        }

        var values = new double[array.Count];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = array[i] is JsonValue value && value.TryGetValue(out double number)
                ? number
                : throw Error(path, where, $"{field}[{i}]", "is not a number");
        }

        return values;
    }

    public static string[] ReadStrings(JsonObject node, string field, string path, string where)
    {
        if (node[field] is not JsonArray array)
        {
            throw Error(path, where, field, "is missing or not an array of strings");
        }

        return [.. array.Select((item, i) => item is JsonValue value && value.TryGetValue(out string? text) ? text : throw Error(path, where, $"{field}[{i}]", "is not a string"))];
    }

    public static JsonObject RequireObject(JsonObject node, string field, string path, string where) =>
        node[field] as JsonObject ?? throw Error(path, where, field, "is missing or not an object");

    public static string RequireString(JsonObject node, string field, string path, string where) =>
        node[field] is JsonValue value && value.TryGetValue(out string? text) ? text : throw Error(path, where, field, "is missing or not a string");

    public static int RequireInt(JsonObject node, string field, string path, string where) =>
        node[field] is JsonValue value && value.TryGetValue(out int number) ? number : throw Error(path, where, field, "is missing or not an integer");

    public static double RequireDouble(JsonObject node, string field, string path, string where) =>
        node[field] is JsonValue value && value.TryGetValue(out double number) ? number : throw Error(path, where, field, "is missing or not a number");

    public static bool RequireBool(JsonObject node, string field, string path, string where) =>
        node[field] is JsonValue value && value.TryGetValue(out bool flag) ? flag : throw Error(path, where, field, "is missing or not true/false");

    /// <summary>A number that may be <c>null</c> (or absent) in the file.</summary>
    public static double? OptionalDouble(JsonObject node, string field, string path, string where) => node[field] switch
    {
        null => null,
        JsonValue value when value.TryGetValue(out double number) => number,
        _ => throw Error(path, where, field, "is not a number or null"),
    };

    public static InvalidDataException Error(string path, string where, string field, string problem) =>
        new($"{path}: '{Join(where, field)}' {problem}.");

    public static string Join(string where, string field) => where.Length == 0 ? field : $"{where}.{field}";
}
