using RobotSdk.Policy.Manifest;
using RobotSdk.Policy.Onnx;
using RobotSdk.Policy.Onnx.Authoring;
using RobotSdk.Policy.Preprocessing;
using RobotSdk.Policy.Tests.Onnx;
using RobotSdk.Policy.Tokenization;

namespace RobotSdk.Policy.Tests.Authoring;

/// <summary>
/// The tiny pi0 driven only by what its manifest says, with the library's own preprocessing: a
/// camera frame resized with padding into the image input, the state normalized and padded, the
/// prompt tokenized with the manifest's tokenizer, the observation graph once, the manifest's
/// Euler steps from its seeded noise, the used dimensions denormalized. Until the flow-matching
/// policy backend exists this is the end-to-end proof that the manifest and its files run.
/// </summary>
public sealed class TinyPi0ContractTests
{
    private static readonly float[] JointState = [0.1f, -0.4f, 0.8f, 0.2f, 0f, 0.6f];

    [Fact]
    public void ManifestDrivenChunk_HasTheManifestShape_IsFinite_AndRepeatsForTheSameObservation()
    {
        var folder = Directory.CreateTempSubdirectory("robotsdk-tiny-pi0-contract-").FullName;
        try
        {
            var manifest = PolicyManifestFile.Load(TinyPi0Model.WriteTo(folder));

            var chunk = SampleChunk(manifest, CameraFrame(96, 72, phase: 0), JointState, manifest.Inputs.Prompt!.DefaultText!);
            var again = SampleChunk(manifest, CameraFrame(96, 72, phase: 0), JointState, manifest.Inputs.Prompt!.DefaultText!);

            Assert.Equal(manifest.Actions.ChunkLength * manifest.Actions.Dimensions, chunk.Length);
            Assert.Equal(chunk, again);
            Assert.All(chunk, value => Assert.True(float.IsFinite(value), $"action {value}"));

            // Joint deltas come back in radians through std 0.05: small steps, not normalized units.
            var joints = manifest.Actions.Joints.Select(joint => joint.Index).ToArray();
            var largestDelta = Enumerable.Range(0, manifest.Actions.ChunkLength)
                .SelectMany(row => joints.Select(index => Math.Abs(chunk[(row * manifest.Actions.Dimensions) + index])))
                .Max();
            Assert.InRange(largestDelta, 1e-4, 1.0);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void ManifestDrivenChunk_ChangesWithTheCameraFrameTheStateAndThePrompt()
    {
        var folder = Directory.CreateTempSubdirectory("robotsdk-tiny-pi0-contract-").FullName;
        try
        {
            var manifest = PolicyManifestFile.Load(TinyPi0Model.WriteTo(folder));
            var prompt = manifest.Inputs.Prompt!.DefaultText!;
            var baseline = SampleChunk(manifest, CameraFrame(96, 72, phase: 0), JointState, prompt);

            var otherFrame = SampleChunk(manifest, CameraFrame(96, 72, phase: 1.5), JointState, prompt);
            var otherState = SampleChunk(manifest, CameraFrame(96, 72, phase: 0), [.. JointState.Select(value => value + 0.3f)], prompt);
            var otherPrompt = SampleChunk(manifest, CameraFrame(96, 72, phase: 0), JointState, "open the gripper");

            Assert.True(TinyPi0ModelTests.MaximumDifference(baseline, otherFrame) > 1e-5, "another camera frame gave the same chunk");
            Assert.True(TinyPi0ModelTests.MaximumDifference(baseline, otherState) > 1e-5, "another state gave the same chunk");
            Assert.True(TinyPi0ModelTests.MaximumDifference(baseline, otherPrompt) > 1e-5, "another prompt gave the same chunk");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>One chunk, ChunkLength × Dimensions action units, computed from the manifest alone.</summary>
    private static float[] SampleChunk(PolicyManifest manifest, (byte[] Rgb, int Width, int Height) frame, float[] rawState, string promptText)
    {
        var model = Assert.IsType<FlowMatchingPolicyModel>(manifest.Model);
        var imageInput = Assert.Single(manifest.Inputs.Images);
        var stateInput = Assert.Single(manifest.Inputs.State);
        var prompt = manifest.Inputs.Prompt!;
        var actions = manifest.Actions;

        var image = new float[imageInput.Width * imageInput.Height * 3];
        new ImagePreprocessor(frame.Width, frame.Height, imageInput).Process(frame.Rgb, image);
        var normalized = new float[rawState.Length];
        new Normalizer(manifest.Normalization!.State!).Normalize(rawState, normalized);
        var state = new float[stateInput.Length];
        StatePadding.PadWithZeros(normalized, state);
        var ids = SentencePieceTokenizer.Load(prompt.Tokenizer!).Encode(promptText, addBeginningOfSentence: true);
        var tokens = new long[prompt.MaxTokens!.Value];
        var mask = new bool[tokens.Length];
        for (var index = 0; index < Math.Min(ids.Length, tokens.Length); index++)
        {
            tokens[index] = ids[index];
            mask[index] = true;
        }

        using var observation = OnnxSession.Load(model.ObservationGraphPath!, TestModels.SingleThreaded());
        using var step = OnnxSession.Load(model.StepGraphPath, TestModels.SingleThreaded());
        using var observationBinding = observation.CreateBinding();
        using var stepBinding = step.CreateBinding();
        observationBinding.BindInput<float>(imageInput.Name, image, [1, imageInput.Height, imageInput.Width, 3]);
        observationBinding.BindInput<float>(stateInput.Name, state, [1, stateInput.Length]);
        observationBinding.BindInput<long>(prompt.Name, tokens, [1, tokens.Length]);
        observationBinding.BindInput<bool>(prompt.MaskName!, mask, [1, mask.Length]);
        foreach (var name in model.ContextNames)
        {
            var metadata = observation.Outputs.Single(output => output.Name == name);
            var shape = metadata.Dimensions.Select(dimension => dimension.Size).ToArray();
            var buffer = new float[shape.Aggregate(1L, (product, size) => product * size)];
            observationBinding.BindOutput<float>(name, buffer, shape);
            stepBinding.BindInput<float>(name, buffer, shape);
        }

        var noisy = new SeededGaussian(model.NoiseSeed!.Value).Next(actions.ChunkLength * actions.ModelDimensions, 1.0);
        var time = new float[1];
        var velocity = new float[noisy.Length];
        long[] chunkShape = [1, actions.ChunkLength, actions.ModelDimensions];
        stepBinding.BindInput<float>(model.NoisyActionsName, noisy, chunkShape);
        stepBinding.BindInput<float>(model.TimeName, time, [1]);
        stepBinding.BindOutput<float>(model.VelocityName, velocity, chunkShape);

        observationBinding.Run();
        var delta = (float)((model.TimeEnd - model.TimeStart) / model.Steps);
        for (var k = 0; k < model.Steps; k++)
        {
            time[0] = (float)(model.TimeStart + (k * delta));
            stepBinding.Run();
            for (var index = 0; index < noisy.Length; index++)
            {
                noisy[index] += delta * velocity[index];
            }
        }

        var used = new float[actions.ChunkLength * actions.Dimensions];
        for (var row = 0; row < actions.ChunkLength; row++)
        {
            noisy.AsSpan(row * actions.ModelDimensions, actions.Dimensions).CopyTo(used.AsSpan(row * actions.Dimensions));
        }

        new Normalizer(manifest.Normalization.Actions!).DenormalizeChunk(used, actions.Dimensions, used);
        return used;
    }

    /// <summary>An RGB24 frame of smooth colour bands; <paramref name="phase"/> shifts them.</summary>
    private static (byte[] Rgb, int Width, int Height) CameraFrame(int width, int height, double phase)
    {
        var rgb = new byte[width * height * 3];
        for (var row = 0; row < height; row++)
        {
            for (var column = 0; column < width; column++)
            {
                for (var channel = 0; channel < 3; channel++)
                {
                    rgb[(((row * width) + column) * 3) + channel] = (byte)(127.5 + (127.5 * Math.Sin((0.09 * row) + (0.05 * column) + (2 * channel) + phase)));
                }
            }
        }

        return (rgb, width, height);
    }
}
