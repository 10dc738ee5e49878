using RobotSdk.Policy.Manifest;
using RobotSdk.Policy.Onnx;
using RobotSdk.Policy.Preprocessing;
using RobotSdk.Policy.Remote;
using RobotSdk.Policy.Runner;
using RobotSdk.Policy.Tokenization;

namespace RobotSdk.Policy.Backends;

/// <summary>
/// The tensors a local model reads from an observation, in buffers the backend owns and binds once:
/// each image copied as it is, the state normalized with the manifest's state statistics and zero-padded
/// per input, and the prompt's token ids and mask (tokenized only when the text changes). Copying into
/// the backend's own buffers lets the runner reuse or swap its observations while the bindings stay put.
/// </summary>
internal sealed class ObservationFeed
{
    private readonly PolicyInputs inputs;
    private readonly byte[]?[] imageBytes;
    private readonly float[]?[] imageFloats;
    private readonly float[] rawState;
    private readonly float[] normalizedState;
    private readonly float[][] stateTensors;
    private readonly Normalizer? stateNormalizer;
    private readonly SentencePieceTokenizer? tokenizer;
    private readonly int maxTokens;
    private readonly bool[]? tokenMask;
    private int[]? tokenIds32;
    private long[]? tokenIds64;
    private string? tokenizedPrompt;

    /// <summary>Allocates the buffers and loads the prompt's tokenizer.</summary>
    /// <exception cref="ArgumentException">A local model's prompt has no tokenizer or token count.</exception>
    public ObservationFeed(PolicyManifest manifest)
    {
        inputs = manifest.Inputs;
        imageBytes = new byte[]?[inputs.Images.Count];
        imageFloats = new float[]?[inputs.Images.Count];
        for (int index = 0; index < inputs.Images.Count; index++)
        {
            ImageInput image = inputs.Images[index];
            int length = image.Width * image.Height * 3;
            if (image.ElementType == TensorElementType.Float)
            {
                imageFloats[index] = new float[length];
            }
            else
            {
                imageBytes[index] = new byte[length];
            }
        }

        rawState = new float[inputs.StateJointCount];
        normalizedState = new float[inputs.StateJointCount];
        stateTensors = [.. inputs.State.Select(state => new float[state.Length])];
        if (manifest.Normalization?.State is { } statistics)
        {
            stateNormalizer = new Normalizer(statistics);
        }

        if (inputs.Prompt is { } prompt)
        {
            if (prompt.Tokenizer is null || prompt.MaxTokens is null)
            {
                throw new ArgumentException($"Prompt input '{prompt.Name}' of a local model needs inputs.prompt.tokenizer and inputs.prompt.max_tokens.", nameof(manifest));
            }

            tokenizer = SentencePieceTokenizer.Load(prompt.Tokenizer);
            maxTokens = prompt.MaxTokens.Value;
            tokenMask = prompt.MaskName is null ? null : new bool[maxTokens];
        }
    }

    /// <summary>
    /// Checks every manifest input against the graph's declared inputs and binds the buffers of the
    /// ones that fit; the others are recorded in <paramref name="contract"/>.
    /// </summary>
    public void Bind(IInferenceBinding binding, ModelContract contract)
    {
        for (int index = 0; index < inputs.Images.Count; index++)
        {
            ImageInput image = inputs.Images[index];
            long[] shape = image.Layout == ImageLayout.ChannelsHeightWidth ? [3, image.Height, image.Width] : [image.Height, image.Width, 3];
            string role = $"manifest inputs.images[{index}], camera '{image.Camera}'";
            if (contract.Input(image.Name, role, [image.ElementType], out _, shape) is { } bound)
            {
                if (imageFloats[index] is { } floats)
                {
                    binding.BindInput<float>(image.Name, floats, bound);
                }
                else
                {
                    binding.BindInput<byte>(image.Name, imageBytes[index]!, bound);
                }
            }
        }

        for (int index = 0; index < inputs.State.Count; index++)
        {
            StateInput state = inputs.State[index];
            if (contract.Input(state.Name, $"manifest inputs.state[{index}]", [TensorElementType.Float], out _, state.Length) is { } bound)
            {
                binding.BindInput<float>(state.Name, stateTensors[index], bound);
            }
        }

        if (inputs.Prompt is { } prompt)
        {
            if (contract.Input(prompt.Name, "manifest inputs.prompt.name, the token ids", [TensorElementType.Int64, TensorElementType.Int32], out TensorElementType idType, maxTokens) is { } bound)
            {
                if (idType == TensorElementType.Int32)
                {
                    tokenIds32 = new int[maxTokens];
                    binding.BindInput<int>(prompt.Name, tokenIds32, bound);
                }
                else
                {
                    tokenIds64 = new long[maxTokens];
                    binding.BindInput<long>(prompt.Name, tokenIds64, bound);
                }
            }

            if (prompt.MaskName is not null
                && contract.Input(prompt.MaskName, "manifest inputs.prompt.mask", [TensorElementType.Bool], out _, maxTokens) is { } maskShape)
            {
                binding.BindInput<bool>(prompt.MaskName, tokenMask!, maskShape);
            }
        }
    }

    /// <summary>Copies <paramref name="observation"/> into the bound buffers; allocates only when the prompt text changed.</summary>
    /// <exception cref="ArgumentException">The observation's buffers do not match the manifest's inputs.</exception>
    /// <exception cref="InvalidOperationException">The model takes a prompt and there is none.</exception>
    public void Fill(PolicyObservation observation)
    {
        if (observation.Images.Count != inputs.Images.Count || observation.State.Count != inputs.State.Count)
        {
            throw new ArgumentException(
                $"The observation has {observation.Images.Count} image(s) and {observation.State.Count} state vector(s); the manifest's inputs have {inputs.Images.Count} and {inputs.State.Count}.",
                nameof(observation));
        }

        for (int index = 0; index < imageBytes.Length; index++)
        {
            ObservationImage image = observation.Images[index];
            if (imageFloats[index] is { } floats)
            {
                CopyExactly(image.Floats, floats, index);
            }
            else
            {
                CopyExactly(image.Bytes, imageBytes[index]!, index);
            }
        }

        FillState(observation);
        if (inputs.Prompt is { } prompt)
        {
            string text = observation.Prompt ?? prompt.DefaultText
                ?? throw new InvalidOperationException($"The model takes a prompt ('{prompt.Name}') but the observation has none and the manifest sets no inputs.prompt.default.");
            if (!string.Equals(text, tokenizedPrompt, StringComparison.Ordinal))
            {
                Tokenize(text);
                tokenizedPrompt = text;
            }
        }
    }

    private void FillState(PolicyObservation observation)
    {
        int offset = 0;
        for (int index = 0; index < stateTensors.Length; index++)
        {
            float[] values = observation.State[index];
            int count = inputs.State[index].Joints.Count;
            if (values.Length != count)
            {
                throw new ArgumentException($"State '{inputs.State[index].Name}' (manifest inputs.state[{index}]) has {count} joints; the observation holds {values.Length} values.", nameof(observation));
            }

            values.CopyTo(rawState.AsSpan(offset));
            offset += count;
        }

        // The statistics describe the state inputs concatenated, so normalize the whole vector, then split and pad.
        if (stateNormalizer is not null)
        {
            stateNormalizer.Normalize(rawState, normalizedState);
        }
        else
        {
            rawState.CopyTo(normalizedState, 0);
        }

        offset = 0;
        for (int index = 0; index < stateTensors.Length; index++)
        {
            int count = inputs.State[index].Joints.Count;
            StatePadding.PadWithZeros(normalizedState.AsSpan(offset, count), stateTensors[index]);
            offset += count;
        }
    }

    /// <summary>
    /// Tokenizes as openpi's pi0 tokenizer does: the text stripped, with '_' and line breaks as
    /// spaces; the beginning-of-sentence id (when the model has one), the text's ids, then the ids of
    /// "\n" (pi0's start of the answer); truncated or padded with id 0 to max_tokens, the mask true
    /// for the real tokens.
    /// </summary>
    private void Tokenize(string text)
    {
        string cleaned = text.Trim().Replace('_', ' ').Replace('\n', ' ');
        int[] ids = [.. tokenizer!.Encode(cleaned, addBeginningOfSentence: tokenizer.BeginningOfSentenceId >= 0), .. tokenizer.Encode("\n")];
        int used = Math.Min(ids.Length, maxTokens);
        for (int index = 0; index < maxTokens; index++)
        {
            int id = index < used ? ids[index] : 0;
            if (tokenIds32 is not null)
            {
                tokenIds32[index] = id;
            }

            if (tokenIds64 is not null)
            {
                tokenIds64[index] = id;
            }

            if (tokenMask is not null)
            {
                tokenMask[index] = index < used;
            }
        }
    }

    private void CopyExactly<T>(T[]? source, T[] destination, int index)
    {
        ImageInput image = inputs.Images[index];
        if (source is null || source.Length != destination.Length)
        {
            throw new ArgumentException(
                $"Image '{image.Name}' (manifest inputs.images[{index}]) needs {destination.Length} {typeof(T).Name} values ({image.Width}x{image.Height}x3); the observation holds {(source is null ? "none of that type" : source.Length)}.");
        }

        source.CopyTo(destination, 0);
    }
}
