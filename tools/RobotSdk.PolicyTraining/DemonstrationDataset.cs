using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RobotSdk.PolicyTraining;

/// <summary>
/// Demonstration samples in memory: per sample the prepared image (as 0-255 bytes; the network's
/// input is byte / 255, exactly what the runner's float preprocessing gives), the measured tool
/// position, the expert's chunk, and which arm and episode it came from.
/// Stored as <c>dataset.json</c> (shape, provenance) and <c>samples.bin</c> (little-endian records).
/// </summary>
internal sealed class DemonstrationDataset
{
    /// <summary>The binary file's name in a dataset directory.</summary>
    public const string SamplesFileName = "samples.bin";

    /// <summary>The description's name in a dataset directory.</summary>
    public const string DescriptionFileName = "dataset.json";

    private const int RecordLength = TouchCubePolicyShape.ImageLength + (4 * (2 + TouchCubePolicyShape.StateLength + TouchCubePolicyShape.ChunkNumbers));

    private readonly List<byte[]> _images = [];
    private readonly List<float[]> _states = [];
    private readonly List<float[]> _chunks = [];
    private readonly List<int> _arms = [];
    private readonly List<int> _episodes = [];

    /// <summary>The arm names samples refer to by index.</summary>
    public List<string> ArmNames { get; } = [];

    /// <summary>Free-form provenance (command, seeds), kept in <c>dataset.json</c>.</summary>
    public JsonObject Provenance { get; set; } = [];

    /// <summary>Number of samples.</summary>
    public int Count => _images.Count;

    /// <summary>Sample <paramref name="index"/>'s image bytes (planar, <see cref="TouchCubePolicyShape.ImageLength"/>).</summary>
    public byte[] Image(int index) => _images[index];

    /// <summary>Sample <paramref name="index"/>'s measured tool position.</summary>
    public float[] State(int index) => _states[index];

    /// <summary>Sample <paramref name="index"/>'s expert chunk (x, y, z per action).</summary>
    public float[] Chunk(int index) => _chunks[index];

    /// <summary>Sample <paramref name="index"/>'s arm (index into <see cref="ArmNames"/>).</summary>
    public int ArmOf(int index) => _arms[index];

    /// <summary>Sample <paramref name="index"/>'s episode seed.</summary>
    public int EpisodeOf(int index) => _episodes[index];

    /// <summary>Adds a sample (copies every buffer).</summary>
    public void Add(ReadOnlySpan<float> image, ReadOnlySpan<float> state, ReadOnlySpan<float> chunk, int arm, int episode)
    {
        var bytes = new byte[TouchCubePolicyShape.ImageLength];
        for (int i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)Math.Round(image[i] * 255f);
        }

        _images.Add(bytes);
        _states.Add(state[..TouchCubePolicyShape.StateLength].ToArray());
        _chunks.Add(chunk[..TouchCubePolicyShape.ChunkNumbers].ToArray());
        _arms.Add(arm);
        _episodes.Add(episode);
    }

    /// <summary>Adds every sample of <paramref name="other"/> (arm names merged).</summary>
    public void AddRange(DemonstrationDataset other)
    {
        for (int i = 0; i < other.Count; i++)
        {
            string arm = other.ArmNames[other.ArmOf(i)];
            int armIndex = ArmNames.IndexOf(arm);
            if (armIndex < 0)
            {
                ArmNames.Add(arm);
                armIndex = ArmNames.Count - 1;
            }

            _images.Add(other._images[i]);
            _states.Add(other._states[i]);
            _chunks.Add(other._chunks[i]);
            _arms.Add(armIndex);
            _episodes.Add(other._episodes[i]);
        }
    }

    /// <summary>Writes the dataset into <paramref name="directory"/> (created if needed).</summary>
    public void Save(string directory)
    {
        Directory.CreateDirectory(directory);
        var description = new JsonObject
        {
            ["format"] = "robotsdk.touch-cube-demonstrations",
            ["version"] = 1,
            ["samples"] = Count,
            ["image"] = new JsonArray(3, TouchCubePolicyShape.ImageSize, TouchCubePolicyShape.ImageSize),
            ["state"] = TouchCubePolicyShape.StateLength,
            ["chunk_length"] = TouchCubePolicyShape.ChunkLength,
            ["action_dimensions"] = TouchCubePolicyShape.ActionDimensions,
            ["arms"] = new JsonArray([.. ArmNames.Select(name => JsonValue.Create(name))]),
            ["provenance"] = Provenance.DeepClone(),
        };
        File.WriteAllText(Path.Combine(directory, DescriptionFileName), description.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        using FileStream stream = File.Create(Path.Combine(directory, SamplesFileName));
        var record = new byte[RecordLength];
        for (int i = 0; i < Count; i++)
        {
            Span<byte> span = record;
            _images[i].CopyTo(span);
            span = span[TouchCubePolicyShape.ImageLength..];
            BinaryPrimitives.WriteInt32LittleEndian(span, _arms[i]);
            BinaryPrimitives.WriteInt32LittleEndian(span[4..], _episodes[i]);
            span = span[8..];
            foreach (float value in _states[i].Concat(_chunks[i]))
            {
                BinaryPrimitives.WriteSingleLittleEndian(span, value);
                span = span[4..];
            }

            stream.Write(record);
        }
    }

    /// <summary>Reads a dataset written by <see cref="Save"/>.</summary>
    /// <exception cref="InvalidDataException">The files do not describe a touch-cube dataset of this shape.</exception>
    public static DemonstrationDataset Load(string directory)
    {
        string descriptionPath = Path.Combine(directory, DescriptionFileName);
        JsonNode description = JsonNode.Parse(File.ReadAllText(descriptionPath)) ?? throw new InvalidDataException($"{descriptionPath} is empty.");
        if ((string?)description["format"] != "robotsdk.touch-cube-demonstrations" || (int?)description["chunk_length"] != TouchCubePolicyShape.ChunkLength)
        {
            throw new InvalidDataException($"{descriptionPath} is not a touch-cube dataset with chunks of {TouchCubePolicyShape.ChunkLength}.");
        }

        var dataset = new DemonstrationDataset { Provenance = description["provenance"]?.AsObject().DeepClone().AsObject() ?? [] };
        dataset.ArmNames.AddRange(description["arms"]!.AsArray().Select(node => (string)node!));
        int count = (int)description["samples"]!;
        string samplesPath = Path.Combine(directory, SamplesFileName);
        byte[] bytes = File.ReadAllBytes(samplesPath);
        if (bytes.Length != (long)count * RecordLength)
        {
            throw new InvalidDataException($"{samplesPath} has {bytes.Length} bytes; {count} samples take {(long)count * RecordLength}.");
        }

        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<byte> span = bytes.AsSpan(i * RecordLength, RecordLength);
            dataset._images.Add(span[..TouchCubePolicyShape.ImageLength].ToArray());
            span = span[TouchCubePolicyShape.ImageLength..];
            dataset._arms.Add(BinaryPrimitives.ReadInt32LittleEndian(span));
            dataset._episodes.Add(BinaryPrimitives.ReadInt32LittleEndian(span[4..]));
            span = span[8..];
            var numbers = new float[TouchCubePolicyShape.StateLength + TouchCubePolicyShape.ChunkNumbers];
            for (int k = 0; k < numbers.Length; k++)
            {
                numbers[k] = BinaryPrimitives.ReadSingleLittleEndian(span[(4 * k)..]);
            }

            dataset._states.Add(numbers[..TouchCubePolicyShape.StateLength]);
            dataset._chunks.Add(numbers[TouchCubePolicyShape.StateLength..]);
        }

        return dataset;
    }
}
