using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using RobotSdk.Hardware;
using static RobotSdk.Calibration.Files.CalibrationJson;

namespace RobotSdk.Calibration.Files;

/// <summary>
/// Reads and writes <see cref="StoredKinematicCalibration"/>s as versioned JSON. Numbers are written in
/// their shortest round-trip form, so a saved calibration loads back bit for bit.
/// </summary>
/// <remarks>
/// Load refuses, with <see cref="InvalidDataException"/> naming the file and the field (or the line and
/// byte position for broken JSON): another format, a version other than <see cref="Version"/>, missing
/// or ill-typed fields, and lists whose lengths disagree with the chain. Applying a file to the wrong arm
/// is refused by <see cref="Load(string, string, string, int)"/> with <see cref="CalibrationMismatchException"/>.
/// </remarks>
public static class KinematicCalibrationFile
{
    /// <summary>The <c>format</c> value of RobotSdk kinematic calibration files.</summary>
    public const string Format = "robotsdk.kinematic-calibration";

    /// <summary>The file version this code writes and reads.</summary>
    public const int Version = 1;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Writes <paramref name="calibration"/> to <paramref name="path"/>.</summary>
    /// <exception cref="ArgumentException">A number is NaN or infinite (JSON cannot hold it), or the lists disagree with the chain.</exception>
    public static void Save(StoredKinematicCalibration calibration, string path)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        File.WriteAllText(path, ToJson(calibration));
    }

    /// <summary>The file's text for <paramref name="calibration"/>.</summary>
    /// <exception cref="ArgumentException">A number is NaN or infinite, or the lists disagree with the chain.</exception>
    public static string ToJson(StoredKinematicCalibration calibration)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        if (calibration.JointOffsetsRadians.Count != calibration.Calibrated.Joints.Count)
        {
            throw new ArgumentException($"{calibration.JointOffsetsRadians.Count} joint offsets for a chain of {calibration.Calibrated.Joints.Count} joints.", nameof(calibration));
        }

        CalibratedCamera camera = calibration.Camera;
        CalibrationResiduals residuals = calibration.Residuals;
        var root = new JsonObject
        {
            ["format"] = Format,
            ["version"] = Version,
            ["arm"] = calibration.Arm,
            ["arm_identity"] = calibration.ArmIdentity,
            ["created_utc"] = calibration.CreatedUtc.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
            ["robotsdk_version"] = calibration.SdkVersion,
            ["camera"] = new JsonObject
            {
                ["name"] = camera.Name,
                ["mount"] = camera.Mount == CameraMount.Wrist ? "wrist" : "fixed",
                ["pose"] = Write(camera.Pose),
                ["intrinsics"] = new JsonObject
                {
                    ["width"] = camera.Intrinsics.Width,
                    ["height"] = camera.Intrinsics.Height,
                    ["fx"] = camera.Intrinsics.FocalLengthX,
                    ["fy"] = camera.Intrinsics.FocalLengthY,
                    ["cx"] = camera.Intrinsics.PrincipalPointX,
                    ["cy"] = camera.Intrinsics.PrincipalPointY,
                    ["distortion"] = Write(camera.Intrinsics.Distortion),
                },
            },
            ["parameters"] = new JsonObject
            {
                ["joint_offsets_rad"] = Write(calibration.JointOffsetsRadians),
                ["link_length_errors_m"] = Write(calibration.LinkLengthErrorsMeters),
                ["chain"] = WriteChain(calibration.Calibrated),
            },
            ["tag_pose"] = Write(calibration.TagPose),
            ["residuals"] = new JsonObject
            {
                ["reprojection_rms_px"] = residuals.RmsReprojectionErrorPixels,
                ["pose_count"] = residuals.PoseCount,
                ["converged"] = residuals.Converged,
                ["held_out_pose_count"] = residuals.HeldOutPoseCount,
                ["held_out_tool_error_median_mm"] = residuals.HeldOutToolErrorMedianMillimetres,
                ["held_out_tool_error_p95_mm"] = residuals.HeldOutToolErrorP95Millimetres,
            },
            ["identifiability"] = new JsonArray([.. calibration.IdentifiabilityLines.Select(line => (JsonNode?)line)]),
        };

        try
        {
            return root.ToJsonString(Indented);
        }
        catch (ArgumentException exception)
        {
            // System.Text.Json refuses NaN and infinities; say which calibration could not be written.
            throw new ArgumentException($"The kinematic calibration of '{calibration.ArmIdentity}' holds a non-finite number: {exception.Message}", nameof(calibration), exception);
        }
    }

    /// <summary>Reads a kinematic calibration file.</summary>
    /// <exception cref="InvalidDataException">Not a kinematic calibration file of a supported version, or a field is missing or wrong; the message names the file and the field.</exception>
    public static StoredKinematicCalibration Load(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>Reads a kinematic calibration file and checks it was made on this very arm.</summary>
    /// <param name="path">The file.</param>
    /// <param name="arm">The arm model it is applied to.</param>
    /// <param name="armIdentity">That arm's identity from its driver.</param>
    /// <param name="jointCount">Joints in that arm's kinematic chain.</param>
    /// <exception cref="InvalidDataException">The file is malformed; see <see cref="Load(string)"/>.</exception>
    /// <exception cref="CalibrationMismatchException">It was made for another arm.</exception>
    public static StoredKinematicCalibration Load(string path, string arm, string armIdentity, int jointCount)
    {
        StoredKinematicCalibration calibration = Load(path);
        calibration.EnsureMatches(arm, armIdentity, jointCount, path);
        return calibration;
    }

    /// <summary>
    /// Reads a kinematic calibration file and checks it was made on the arm <paramref name="robot"/>
    /// describes (model, <see cref="RobotDescription.Identity"/>, chain joints); then give it to
    /// <see cref="KinematicCalibrationUse.UseCalibration(RobotOptions, StoredKinematicCalibration, RobotDescription, string)"/>.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="robot">The description of the arm it is applied to (its driver's).</param>
    /// <exception cref="InvalidDataException">The file is malformed; see <see cref="Load(string)"/>.</exception>
    /// <exception cref="CalibrationMismatchException">It was made for another arm; the message names the file and both identities.</exception>
    public static StoredKinematicCalibration LoadFor(string path, RobotDescription robot)
    {
        ArgumentNullException.ThrowIfNull(robot);
        StoredKinematicCalibration calibration = Load(path);
        calibration.EnsureMatches(robot, path);
        return calibration;
    }

    /// <summary>Reads the text of a kinematic calibration file; <paramref name="source"/> names it in messages.</summary>
    /// <exception cref="InvalidDataException">See <see cref="Load(string)"/>.</exception>
    public static StoredKinematicCalibration Parse(string json, string source)
    {
        JsonObject root = ParseObject(json, source);
        string? format = root["format"] is JsonValue value && value.TryGetValue(out string? text) ? text : null;
        if (format != Format)
        {
            throw new InvalidDataException($"{source}: 'format' is {(format is null ? "missing" : $"'{format}'")}, expected '{Format}'.");
        }

        int version = RequireInt(root, "version", source, string.Empty);
        if (version > Version)
        {
            throw new InvalidDataException($"{source}: kinematic calibration file version {version} is newer than this RobotSdk reads (version {Version}); update RobotSdk.");
        }

        if (version != Version)
        {
            throw new InvalidDataException($"{source}: kinematic calibration file version {version} is not supported (this RobotSdk reads version {Version}).");
        }

        JsonObject parameters = RequireObject(root, "parameters", source, string.Empty);
        KinematicChainDescription chain = ReadChain(RequireObject(parameters, "chain", source, "parameters"), source);
        double[] offsets = ReadDoubles(parameters, "joint_offsets_rad", source, "parameters");
        if (offsets.Length != chain.Joints.Count)
        {
            throw Error(source, "parameters", "joint_offsets_rad", $"holds {offsets.Length} offsets for a chain of {chain.Joints.Count} joints");
        }

        JsonObject residuals = RequireObject(root, "residuals", source, string.Empty);
        string created = RequireString(root, "created_utc", source, string.Empty);
        if (!DateTimeOffset.TryParse(created, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset createdUtc))
        {
            throw Error(source, string.Empty, "created_utc", $"'{created}' is not a date and time");
        }

        return new StoredKinematicCalibration(
            RequireString(root, "arm", source, string.Empty),
            RequireString(root, "arm_identity", source, string.Empty),
            ReadCamera(RequireObject(root, "camera", source, string.Empty), source),
            chain,
            offsets,
            ReadDoubles(parameters, "link_length_errors_m", source, "parameters"),
            ReadPose(root, "tag_pose", source, string.Empty),
            new CalibrationResiduals(
                RequireDouble(residuals, "reprojection_rms_px", source, "residuals"),
                RequireInt(residuals, "pose_count", source, "residuals"),
                RequireBool(residuals, "converged", source, "residuals"))
            {
                HeldOutPoseCount = RequireInt(residuals, "held_out_pose_count", source, "residuals"),
                HeldOutToolErrorMedianMillimetres = OptionalDouble(residuals, "held_out_tool_error_median_mm", source, "residuals"),
                HeldOutToolErrorP95Millimetres = OptionalDouble(residuals, "held_out_tool_error_p95_mm", source, "residuals"),
            },
            ReadStrings(root, "identifiability", source, string.Empty))
        {
            CreatedUtc = createdUtc,
            SdkVersion = RequireString(root, "robotsdk_version", source, string.Empty),
        };
    }

    private static JsonObject ParseObject(string json, string source)
    {
        try
        {
            return JsonNode.Parse(json) as JsonObject
                ?? throw new InvalidDataException($"{source}: a kinematic calibration file must hold a JSON object.");
        }
        catch (JsonException exception)
        {
            // JsonException counts lines and bytes from 0; editors count from 1.
            throw new InvalidDataException(
                $"{source}: not valid JSON at line {exception.LineNumber + 1}, byte {exception.BytePositionInLine + 1}: {exception.Message}",
                exception);
        }
    }

    private static JsonObject WriteChain(KinematicChainDescription chain) => new()
    {
        ["base"] = Write(chain.Base),
        ["joints"] = new JsonArray([.. chain.Joints.Select(joint => (JsonNode?)new JsonObject
        {
            ["name"] = joint.JointName,
            ["kind"] = joint.Kind == JointKind.Prismatic ? "prismatic" : "revolute",
            ["origin"] = Write(joint.Origin),
            ["axis"] = Write(joint.Axis),
        })]),
        ["tool"] = Write(chain.Tool),
    };

    private static KinematicChainDescription ReadChain(JsonObject chain, string source)
    {
        const string Where = "parameters.chain";
        if (chain["joints"] is not JsonArray joints)
        {
            throw Error(source, Where, "joints", "is missing or not an array");
        }

        var result = new KinematicJoint[joints.Count];
        for (int i = 0; i < result.Length; i++)
        {
            string where = $"{Where}.joints[{i}]";
            JsonObject joint = joints[i] as JsonObject ?? throw new InvalidDataException($"{source}: '{where}' must be an object with name, kind, origin, axis.");
            string kind = RequireString(joint, "kind", source, where);
            result[i] = new KinematicJoint(
                RequireString(joint, "name", source, where),
                kind switch
                {
                    "revolute" => JointKind.Revolute,
                    "prismatic" => JointKind.Prismatic,
                    _ => throw Error(source, where, "kind", $"is '{kind}', expected 'revolute' or 'prismatic'"),
                },
                ReadPose(joint, "origin", source, where),
                ReadVector(joint, "axis", source, where));
        }

        return new KinematicChainDescription(result, ReadPose(chain, "tool", source, Where)) { Base = ReadPose(chain, "base", source, Where) };
    }

    private static CalibratedCamera ReadCamera(JsonObject camera, string source)
    {
        JsonObject intrinsics = RequireObject(camera, "intrinsics", source, "camera");
        const string Where = "camera.intrinsics";
        string mount = RequireString(camera, "mount", source, "camera");
        return new CalibratedCamera(
            RequireString(camera, "name", source, "camera"),
            new CameraIntrinsics(
                RequireInt(intrinsics, "width", source, Where),
                RequireInt(intrinsics, "height", source, Where),
                RequireDouble(intrinsics, "fx", source, Where),
                RequireDouble(intrinsics, "fy", source, Where),
                RequireDouble(intrinsics, "cx", source, Where),
                RequireDouble(intrinsics, "cy", source, Where))
            {
                Distortion = ReadDoubles(intrinsics, "distortion", source, Where),
            },
            mount switch
            {
                "fixed" => CameraMount.Fixed,
                "wrist" => CameraMount.Wrist,
                _ => throw Error(source, "camera", "mount", $"is '{mount}', expected 'fixed' or 'wrist'"),
            },
            ReadPose(camera, "pose", source, "camera"));
    }
}
