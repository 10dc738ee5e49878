using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RobotSdk.Policy.Manifest;

/// <summary>
/// Reads typed fields out of JSON objects and, instead of stopping at the first bad field, records
/// every problem with its JSON path, so one error message lists them all.
/// </summary>
internal sealed class ManifestJsonReader(string file)
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private readonly List<PolicyManifestProblem> problems = [];

    /// <summary>The file being read.</summary>
    public string File { get; } = file;

    /// <summary>Directory relative paths in the file are resolved against.</summary>
    public string Directory { get; } = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(file)) ?? ".";

    public IReadOnlyList<PolicyManifestProblem> Problems => problems;

    public bool HasProblems => problems.Count > 0;

    public void Report(string path, string message) => problems.Add(new PolicyManifestProblem(path, message));

    /// <summary>Parses <see cref="File"/> as a JSON object; null (with a problem) when it is missing or not a JSON object.</summary>
    public JsonObject? ParseFile()
    {
        string text;
        try
        {
            text = System.IO.File.ReadAllText(File);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            Report("$", $"cannot be read: {exception.Message}");
            return null;
        }

        try
        {
            if (JsonNode.Parse(text, documentOptions: DocumentOptions) is JsonObject root)
            {
                return root;
            }

            Report("$", "must be a JSON object.");
        }
        catch (JsonException exception)
        {
            Report("$", $"is not valid JSON: {exception.Message}");
        }

        return null;
    }

    /// <summary>Reports every property of <paramref name="node"/> that is not one of <paramref name="known"/> (catches misspelt fields).</summary>
    public void RejectUnknown(JsonObject node, string path, params string[] known)
    {
        foreach (KeyValuePair<string, JsonNode?> property in node)
        {
            if (System.Array.IndexOf(known, property.Key) < 0)
            {
                Report(Child(path, property.Key), $"is not a known field here (expected one of: {string.Join(", ", known)}).");
            }
        }
    }

    public static string Child(string path, string key) => $"{path}.{key}";

    public static string Element(string path, int index) => string.Create(CultureInfo.InvariantCulture, $"{path}[{index}]");

    public JsonObject? Object(JsonObject parent, string key, string path, bool required)
    {
        JsonNode? node = Present(parent, key, path, required);
        if (node is null || node is JsonObject)
        {
            return node as JsonObject;
        }

        Report(Child(path, key), "must be an object.");
        return null;
    }

    public JsonArray? Array(JsonObject parent, string key, string path, bool required)
    {
        JsonNode? node = Present(parent, key, path, required);
        if (node is null || node is JsonArray)
        {
            return node as JsonArray;
        }

        Report(Child(path, key), "must be an array.");
        return null;
    }

    public string? String(JsonObject parent, string key, string path, bool required)
    {
        JsonNode? node = Present(parent, key, path, required);
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            string text = value.GetValue<string>();
            if (text.Length > 0)
            {
                return text;
            }

            Report(Child(path, key), "must not be empty.");
            return null;
        }

        Report(Child(path, key), "must be a string.");
        return null;
    }

    public int? Integer(JsonObject parent, string key, string path, bool required)
    {
        JsonNode? node = Present(parent, key, path, required);
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue(out int number))
        {
            return number;
        }

        Report(Child(path, key), $"must be an integer, found {node.ToJsonString()}.");
        return null;
    }

    public double? Number(JsonObject parent, string key, string path, bool required)
    {
        JsonNode? node = Present(parent, key, path, required);
        return node is null ? null : Number(node, Child(path, key));
    }

    public bool? Boolean(JsonObject parent, string key, string path, bool required)
    {
        JsonNode? node = Present(parent, key, path, required);
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue value && value.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetValue<bool>();
        }

        Report(Child(path, key), "must be true or false.");
        return null;
    }

    /// <summary>Reads a string that must be one of <paramref name="names"/>' keys.</summary>
    public T? Choice<T>(JsonObject parent, string key, string path, bool required, IReadOnlyDictionary<string, T> names)
        where T : struct
    {
        string? text = String(parent, key, path, required);
        if (text is null)
        {
            return null;
        }

        if (names.TryGetValue(text, out T choice))
        {
            return choice;
        }

        Report(Child(path, key), $"'{text}' is not one of: {string.Join(", ", names.Keys)}.");
        return null;
    }

    public List<double>? Numbers(JsonObject parent, string key, string path, bool required)
    {
        JsonArray? array = Array(parent, key, path, required);
        if (array is null)
        {
            return null;
        }

        var numbers = new List<double>(array.Count);
        bool valid = true;
        for (int i = 0; i < array.Count; i++)
        {
            double? number = array[i] is { } node ? Number(node, Element(Child(path, key), i)) : ReportNull(Element(Child(path, key), i));
            valid &= number.HasValue;
            numbers.Add(number ?? 0);
        }

        return valid ? numbers : null;
    }

    public List<int>? Integers(JsonObject parent, string key, string path, bool required)
    {
        JsonArray? array = Array(parent, key, path, required);
        if (array is null)
        {
            return null;
        }

        var numbers = new List<int>(array.Count);
        for (int i = 0; i < array.Count; i++)
        {
            if (array[i] is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue(out int number))
            {
                numbers.Add(number);
            }
            else
            {
                Report(Element(Child(path, key), i), "must be an integer.");
                return null;
            }
        }

        return numbers;
    }

    public List<string>? Strings(JsonObject parent, string key, string path, bool required)
    {
        JsonArray? array = Array(parent, key, path, required);
        if (array is null)
        {
            return null;
        }

        var strings = new List<string>(array.Count);
        for (int i = 0; i < array.Count; i++)
        {
            if (array[i] is JsonValue value && value.GetValueKind() == JsonValueKind.String && value.GetValue<string>().Length > 0)
            {
                strings.Add(value.GetValue<string>());
            }
            else
            {
                Report(Element(Child(path, key), i), "must be a non-empty string.");
                return null;
            }
        }

        return strings;
    }

    /// <summary>Reads a file path relative to the manifest, returns it as a full path, and reports it when the file does not exist.</summary>
    public string? ExistingFile(JsonObject parent, string key, string path, bool required)
    {
        string? relative = String(parent, key, path, required);
        if (relative is null)
        {
            return null;
        }

        string full = System.IO.Path.GetFullPath(relative, Directory);
        if (!System.IO.File.Exists(full))
        {
            Report(Child(path, key), $"file '{relative}' does not exist (looked for {full}).");
            return null;
        }

        return full;
    }

    private double? Number(JsonNode node, string path)
    {
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue(out double number) && double.IsFinite(number))
        {
            return number;
        }

        Report(path, $"must be a finite number, found {node.ToJsonString()}.");
        return null;
    }

    private double? ReportNull(string path)
    {
        Report(path, "must be a finite number, found null.");
        return null;
    }

    // A field given as null counts as absent.
    private JsonNode? Present(JsonObject parent, string key, string path, bool required)
    {
        JsonNode? node = parent[key];
        if (node is null && required)
        {
            Report(Child(path, key), "is required.");
        }

        return node;
    }
}
