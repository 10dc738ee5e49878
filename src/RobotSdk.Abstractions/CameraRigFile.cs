using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using RobotSdk.Geometry;

namespace RobotSdk;

/// <summary>
/// Reads and writes <see cref="CameraRig"/>s as versioned JSON:
/// <c>{"format": "robotsdk.camera-rig", "version": 1, "cameras": [{"name", "mount": "fixed"|"wrist",
/// "width", "height", "source"?, "intrinsics"?: {"focal_length_x", "focal_length_y",
/// "principal_point_x", "principal_point_y", "distortion": {"k1", "k2", "k3", "p1", "p2"}},
/// "extrinsics"?: {"position_m": [x, y, z], "orientation_wxyz": [w, x, y, z]}}]}</c>.
/// Intrinsics are in pixels for the camera's width and height; extrinsics are relative to the
/// base (fixed cameras) or the tool flange (wrist cameras).
/// </summary>
public static class CameraRigFile
{
    /// <summary>The <c>format</c> value of camera rig files.</summary>
    public const string Format = "robotsdk.camera-rig";

    /// <summary>The file version this code writes and reads.</summary>
    public const int Version = 1;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Writes <paramref name="rig"/> to <paramref name="path"/>.</summary>
    /// <exception cref="ArgumentException">The rig is inconsistent (see <see cref="Load"/> for the rules).</exception>
    public static void Save(CameraRig rig, string path)
    {
        ArgumentNullException.ThrowIfNull(rig);
        Validate(rig, "camera rig");
        var cameras = new JsonArray();
        foreach (CameraRigEntry camera in rig.Cameras)
        {
            var node = new JsonObject
            {
                ["name"] = camera.Name,
                ["mount"] = camera.Mount == CameraMount.Wrist ? "wrist" : "fixed",
                ["width"] = camera.Width,
                ["height"] = camera.Height,
            };
            if (camera.Source is not null)
            {
                node["source"] = camera.Source;
            }

            if (camera.Intrinsics is { } intrinsics)
            {
                node["intrinsics"] = new JsonObject
                {
                    ["focal_length_x"] = intrinsics.FocalLengthX,
                    ["focal_length_y"] = intrinsics.FocalLengthY,
                    ["principal_point_x"] = intrinsics.PrincipalPointX,
                    ["principal_point_y"] = intrinsics.PrincipalPointY,
                    ["distortion"] = new JsonObject
                    {
                        ["k1"] = intrinsics.Distortion[0],
                        ["k2"] = intrinsics.Distortion[1],
                        ["k3"] = intrinsics.Distortion[2],
                        ["p1"] = intrinsics.Distortion[3],
                        ["p2"] = intrinsics.Distortion[4],
                    },
                };
            }

            if (camera.Extrinsics is { } pose)
            {
                node["extrinsics"] = new JsonObject
                {
                    ["position_m"] = new JsonArray(pose.Position.X, pose.Position.Y, pose.Position.Z),
                    ["orientation_wxyz"] = new JsonArray(pose.Orientation.W, pose.Orientation.X, pose.Orientation.Y, pose.Orientation.Z),
                };
            }

            cameras.Add(node);
        }

        var root = new JsonObject { ["format"] = Format, ["version"] = Version, ["cameras"] = cameras };
        File.WriteAllText(path, root.ToJsonString(Indented));
    }

    /// <summary>Reads a camera rig file.</summary>
    /// <exception cref="InvalidDataException">
    /// The file is not valid JSON, not a camera rig file of a supported version, lacks a field, or
    /// is inconsistent (duplicate names, non-positive sizes, non-finite numbers, a rotation that is
    /// not a unit quaternion); the message names the file, the camera and the field.
    /// </exception>
    public static CameraRig Load(string path)
    {
        JsonObject root = ParseObject(path);
        string? format = root["format"] is JsonValue value && value.TryGetValue(out string? text) ? text : null;
        if (format != Format)
        {
            throw new InvalidDataException($"{path}: 'format' is {(format is null ? "missing" : $"'{format}'")}, expected '{Format}'.");
        }

        int version = RequireInt(root, "version", path, null);
        if (version != Version)
        {
            throw new InvalidDataException($"{path}: camera rig file version {version} is not supported (this RobotSdk reads version {Version}).");
        }

        JsonArray cameras = root["cameras"] as JsonArray ?? throw new InvalidDataException($"{path}: 'cameras' must be an array.");
        var entries = new List<CameraRigEntry>(cameras.Count);
        for (int i = 0; i < cameras.Count; i++)
        {
            JsonObject camera = cameras[i] as JsonObject ?? throw new InvalidDataException($"{path}: cameras[{i}] must be an object.");
            entries.Add(ReadCamera(camera, path, string.Create(CultureInfo.InvariantCulture, $"cameras[{i}]")));
        }

        var rig = new CameraRig(entries);
        try
        {
            Validate(rig, path);
        }
        catch (ArgumentException exception)
        {
            throw new InvalidDataException(exception.Message, exception);
        }

        return rig;
    }

    private static CameraRigEntry ReadCamera(JsonObject camera, string path, string where)
    {
        string name = RequireString(camera, "name", path, where);
        where = $"camera '{name}'";
        string mountText = RequireString(camera, "mount", path, where);
        CameraMount mount = mountText switch
        {
            "fixed" => CameraMount.Fixed,
            "wrist" => CameraMount.Wrist,
            _ => throw new InvalidDataException($"{path}: {where}: 'mount' is '{mountText}', expected 'fixed' or 'wrist'."),
        };
        int width = RequireInt(camera, "width", path, where);
        int height = RequireInt(camera, "height", path, where);
        string? source = camera["source"] is null ? null : RequireString(camera, "source", path, where);

        CameraIntrinsics? intrinsics = null;
        if (camera["intrinsics"] is { } intrinsicsNode)
        {
            JsonObject node = intrinsicsNode as JsonObject ?? throw new InvalidDataException($"{path}: {where}: 'intrinsics' must be an object.");
            string inner = where + ": intrinsics";
            JsonObject distortion = node["distortion"] as JsonObject ?? throw new InvalidDataException($"{path}: {inner}: 'distortion' must be an object with k1, k2, k3, p1, p2.");
            intrinsics = new CameraIntrinsics(
                width,
                height,
                RequireDouble(node, "focal_length_x", path, inner),
                RequireDouble(node, "focal_length_y", path, inner),
                RequireDouble(node, "principal_point_x", path, inner),
                RequireDouble(node, "principal_point_y", path, inner))
            {
                Distortion =
                [
                    RequireDouble(distortion, "k1", path, inner),
                    RequireDouble(distortion, "k2", path, inner),
                    RequireDouble(distortion, "k3", path, inner),
                    RequireDouble(distortion, "p1", path, inner),
                    RequireDouble(distortion, "p2", path, inner),
                ],
            };
        }

        Pose? extrinsics = null;
        if (camera["extrinsics"] is { } extrinsicsNode)
        {
            JsonObject node = extrinsicsNode as JsonObject ?? throw new InvalidDataException($"{path}: {where}: 'extrinsics' must be an object.");
            string inner = where + ": extrinsics";
            double[] position = RequireDoubles(node, "position_m", 3, path, inner);
            double[] orientation = RequireDoubles(node, "orientation_wxyz", 4, path, inner);
            extrinsics = new Pose(
                new Vector3D(position[0], position[1], position[2]),
                new Rotation(orientation[0], orientation[1], orientation[2], orientation[3]));
        }

        return new CameraRigEntry(name, mount, width, height) { Source = source, Intrinsics = intrinsics, Extrinsics = extrinsics };
    }

    /// <summary>Checks what the JSON shape cannot: unique names, sizes, finite numbers, unit rotations.</summary>
    private static void Validate(CameraRig rig, string source)
    {
        ArgumentNullException.ThrowIfNull(rig.Cameras);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (CameraRigEntry camera in rig.Cameras)
        {
            if (string.IsNullOrWhiteSpace(camera.Name))
            {
                throw new ArgumentException($"{source}: a camera has an empty name.");
            }

            string where = $"{source}: camera '{camera.Name}'";
            if (!names.Add(camera.Name))
            {
                throw new ArgumentException($"{where}: the name is used twice.");
            }

            if (camera.Width <= 0 || camera.Height <= 0)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{where}: the size {camera.Width}x{camera.Height} must be positive."));
            }

            if (camera.Intrinsics is { } intrinsics)
            {
                if (intrinsics.Width != camera.Width || intrinsics.Height != camera.Height)
                {
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{where}: the intrinsics are for {intrinsics.Width}x{intrinsics.Height}, the camera is {camera.Width}x{camera.Height}."));
                }

                if (intrinsics.Distortion.Count != 5)
                {
                    throw new ArgumentException($"{where}: the distortion needs 5 coefficients (k1, k2, k3, p1, p2), not {intrinsics.Distortion.Count}.");
                }

                double[] numbers = [intrinsics.FocalLengthX, intrinsics.FocalLengthY, intrinsics.PrincipalPointX, intrinsics.PrincipalPointY, .. intrinsics.Distortion];
                if (!numbers.All(double.IsFinite) || intrinsics.FocalLengthX <= 0 || intrinsics.FocalLengthY <= 0)
                {
                    throw new ArgumentException($"{where}: the intrinsics need positive focal lengths and finite values.");
                }
            }

            if (camera.Extrinsics is { } pose)
            {
                Rotation q = pose.Orientation;
                double[] numbers = [pose.Position.X, pose.Position.Y, pose.Position.Z, q.W, q.X, q.Y, q.Z];
                if (!numbers.All(double.IsFinite))
                {
                    throw new ArgumentException($"{where}: the extrinsics hold a non-finite number.");
                }

                double norm = Math.Sqrt((q.W * q.W) + (q.X * q.X) + (q.Y * q.Y) + (q.Z * q.Z));
                if (Math.Abs(norm - 1) > 1e-6)
                {
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{where}: the extrinsic orientation must be a unit quaternion (its norm is {norm:0.######})."));
                }
            }
        }
    }

    private static JsonObject ParseObject(string path)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) as JsonObject
                ?? throw new InvalidDataException($"{path}: a camera rig file must hold a JSON object.");
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"{path}: not valid JSON (line {exception.LineNumber + 1}): {exception.Message}", exception);
        }
    }

    private static string Prefix(string path, string? where) => where is null ? $"{path}: " : $"{path}: {where}: ";

    private static string RequireString(JsonObject node, string field, string path, string? where) =>
        node[field] is JsonValue value && value.TryGetValue(out string? text)
            ? text
            : throw new InvalidDataException($"{Prefix(path, where)}'{field}' is missing or not a string.");

    private static int RequireInt(JsonObject node, string field, string path, string? where) =>
        node[field] is JsonValue value && value.TryGetValue(out int number)
            ? number
            : throw new InvalidDataException($"{Prefix(path, where)}'{field}' is missing or not an integer.");

    private static double RequireDouble(JsonObject node, string field, string path, string? where) =>
        node[field] is JsonValue value && value.TryGetValue(out double number)
            ? number
            : throw new InvalidDataException($"{Prefix(path, where)}'{field}' is missing or not a number.");

    private static double[] RequireDoubles(JsonObject node, string field, int count, string path, string where)
    {
        if (node[field] is not JsonArray array || array.Count != count)
        {
            throw new InvalidDataException($"{Prefix(path, where)}'{field}' must be an array of {count} numbers.");
        }

        var numbers = new double[count];
        for (int i = 0; i < count; i++)
        {
            numbers[i] = array[i] is JsonValue value && value.TryGetValue(out double number)
                ? number
                : throw new InvalidDataException($"{Prefix(path, where)}'{field}'[{i}] is not a number.");
        }

        return numbers;
    }
}
