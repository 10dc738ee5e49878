using RobotSdk.Policy.Msgpack;

namespace RobotSdk.Policy.Remote;

/// <summary>
/// An observation for a remote policy: named uint8 images, float32 state vectors and a prompt,
/// under the keys the policy's config expects (REFERENCE section 6), for example
/// LIBERO <c>observation/image</c>, <c>observation/wrist_image</c>, <c>observation/state</c>, <c>prompt</c>;
/// ALOHA <c>state</c> and a nested group <c>images</c> holding <c>cam_high</c> and friends
/// (see <see cref="AddGroup"/>). It is written as one msgpack map, arrays in numpy's convention.
/// Pixels and states are referenced, not copied: keep them unchanged until the inference returns.
/// Reuse one instance per control loop with <see cref="Clear"/>.
/// </summary>
public sealed class RemoteObservation
{
    private readonly List<KeyValuePair<string, object>> entries = [];

    /// <summary>Number of entries at this level.</summary>
    public int Count => entries.Count;

    /// <summary>The keys at this level, in the order they are sent.</summary>
    public IEnumerable<string> Keys => entries.Select(entry => entry.Key);

    /// <summary>Adds a uint8 image (<c>|u1</c>), shaped [H, W, C] or [C, H, W] by <paramref name="layout"/>.</summary>
    /// <exception cref="ArgumentException">The key is taken, or the pixel count is not height × width × channels.</exception>
    public RemoteObservation AddImage(string key, ReadOnlyMemory<byte> pixels, int height, int width, ImageLayout layout, int channels = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        if ((long)height * width * channels != pixels.Length)
        {
            throw new ArgumentException($"Image '{key}' of {height}x{width}x{channels} needs {(long)height * width * channels} bytes, got {pixels.Length}.", nameof(pixels));
        }

        int[] shape = layout switch
        {
            ImageLayout.HeightWidthChannels => [height, width, channels],
            ImageLayout.ChannelsHeightWidth => [channels, height, width],
            _ => throw new ArgumentOutOfRangeException(nameof(layout), layout, "Expected HeightWidthChannels or ChannelsHeightWidth."),
        };
        Add(key, new ImageEntry(pixels, shape));
        return this;
    }

    /// <summary>Adds a float32 vector (<c>&lt;f4</c>, shape [N]), such as joint positions or a gripper opening.</summary>
    /// <exception cref="ArgumentException">The key is taken.</exception>
    public RemoteObservation AddState(string key, ReadOnlyMemory<float> values)
    {
        Add(key, values);
        return this;
    }

    /// <summary>Adds the language instruction as a msgpack str (openpi's key is <c>prompt</c>).</summary>
    /// <exception cref="ArgumentException">The key is taken.</exception>
    public RemoteObservation AddPrompt(string text, string key = "prompt")
    {
        ArgumentNullException.ThrowIfNull(text);
        Add(key, text);
        return this;
    }

    /// <summary>Adds a nested map under <paramref name="key"/> (ALOHA's <c>images</c>) and returns it to fill.</summary>
    /// <exception cref="ArgumentException">The key is taken.</exception>
    public RemoteObservation AddGroup(string key)
    {
        var group = new RemoteObservation();
        Add(key, group);
        return group;
    }

    /// <summary>Removes every entry (keeps the list's capacity for the next step).</summary>
    public void Clear() => entries.Clear();

    /// <summary>Writes this observation as one msgpack map.</summary>
    internal void WriteTo(MsgpackWriter writer)
    {
        writer.WriteMapHeader(entries.Count);
        foreach ((string key, object value) in entries)
        {
            writer.WriteString(key);
            switch (value)
            {
                case ImageEntry image:
                    NumpyMsgpack.WriteUInt8Array(writer, image.Pixels.Span, image.Shape);
                    break;
                case ReadOnlyMemory<float> state:
                    NumpyMsgpack.WriteFloat32Array(writer, state.Span, [state.Length]);
                    break;
                case string text:
                    writer.WriteString(text);
                    break;
                case RemoteObservation group:
                    group.WriteTo(writer);
                    break;
            }
        }
    }

    private void Add(string key, object value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (entries.Exists(entry => entry.Key == key))
        {
            throw new ArgumentException($"The observation already has an entry '{key}'.", nameof(key));
        }

        entries.Add(new(key, value));
    }

    private sealed record ImageEntry(ReadOnlyMemory<byte> Pixels, int[] Shape);
}
