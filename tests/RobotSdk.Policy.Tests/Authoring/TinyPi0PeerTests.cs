using System.Text.Json;
using RobotSdk.Policy.Onnx.Authoring;
using RobotSdk.Policy.Tokenization;

namespace RobotSdk.Policy.Tests.Authoring;

/// <summary>
/// Independent readers of the generated files: Debian's python3-onnx checks both graphs (full
/// check with shape inference, which must infer the declared output shapes), and Debian's
/// python3-sentencepiece loads the generated tokenizer and must encode exactly as ours does.
/// </summary>
public sealed class TinyPi0PeerTests
{
    private const string OnnxScript = """
        import sys, onnx
        for path in sys.argv[1:]:
            model = onnx.load(path)
            onnx.checker.check_model(model, full_check=True)
            inferred = onnx.shape_inference.infer_shapes(model, strict_mode=True)
            def dims(value):
                return ",".join(str(d.dim_value) for d in value.type.tensor_type.shape.dim)
            ops = sorted({node.op_type for node in model.graph.node})
            print("%s opset=%d outputs=%s ops=%s" % (model.graph.name, model.opset_import[0].version,
                  " ".join("%s[%s]" % (o.name, dims(o)) for o in inferred.graph.output), ",".join(ops)))
        """;

    private const string SentencePieceScript = """
        import json, sys
        import sentencepiece as spm
        processor = spm.SentencePieceProcessor(model_file=sys.argv[1])
        texts = json.loads(sys.argv[2])
        print(json.dumps({"size": processor.get_piece_size(), "unk": processor.unk_id(), "bos": processor.bos_id(),
                          "eos": processor.eos_id(), "pad": processor.pad_id(),
                          "ids": [processor.encode(text) for text in texts],
                          "pieces": [processor.encode(text, out_type=str) for text in texts]}))
        """;

    private static readonly string[] Texts =
    [
        TinyPi0Model.DefaultPrompt, "Pick up the blue block and put it in the bowl.", "touch  the   cube", "grab the zebra-striped mug (left)",
        "stack 3 cubes", "", "  leading and trailing  ", "naïve café ☕", "Move the ARM home; then open the gripper!",
    ];

    [Fact]
    public async Task PythonOnnx_ChecksBothGraphs_AndInfersTheDeclaredShapes()
    {
        var folder = Directory.CreateTempSubdirectory("robotsdk-tiny-pi0-onnx-").FullName;
        try
        {
            var observation = Path.Combine(folder, "observation.onnx");
            var step = Path.Combine(folder, "step.onnx");
            await File.WriteAllBytesAsync(observation, TinyPi0Model.BuildObservationGraph(TinyPi0Model.DefaultSeed));
            await File.WriteAllBytesAsync(step, TinyPi0Model.BuildStepGraph(TinyPi0Model.DefaultSeed));

            var (exitCode, output, errors) = await DebianPython.RunScriptAsync(OnnxScript, [observation, step], TimeSpan.FromSeconds(120));

            Assert.True(exitCode == 0, $"python3-onnx rejected a tiny pi0 graph ({exitCode}): {output}{errors}");
            var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Assert.Equal(2, lines.Length);
            Assert.StartsWith("tiny_pi0_observation opset=17 outputs=context[1,81,64] context_mask[1,81] ops=", lines[0], StringComparison.Ordinal);
            Assert.StartsWith("tiny_pi0_step opset=17 outputs=velocity[1,10,8] ops=", lines[1], StringComparison.Ordinal);
            foreach (var op in new[] { "Gather", "LayerNormalization", "MatMul", "Softmax", "Erf", "Transpose", "Cast" })
            {
                Assert.Contains(op, lines[0].Split("ops=")[1].Split(','));
            }

            foreach (var op in new[] { "Sin", "Cos", "Sigmoid", "Expand", "LayerNormalization", "Softmax" })
            {
                Assert.Contains(op, lines[1].Split("ops=")[1].Split(','));
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task PythonSentencePiece_LoadsTheGeneratedTokenizer_AndEncodesAsOurs()
    {
        var path = Path.Combine(Path.GetTempPath(), $"robotsdk-tiny-pi0-{Guid.NewGuid():N}.model");
        var bytes = TinyPi0Model.BuildTokenizer();
        await File.WriteAllBytesAsync(path, bytes);
        try
        {
            var (exitCode, output, errors) = await DebianPython.RunScriptAsync(SentencePieceScript, [path, JsonSerializer.Serialize(Texts)], TimeSpan.FromSeconds(120));

            Assert.True(exitCode == 0, $"python3-sentencepiece could not use the generated tokenizer ({exitCode}): {errors}");
            using var answer = JsonDocument.Parse(output);
            var root = answer.RootElement;
            var ours = SentencePieceTokenizer.FromBytes(bytes);
            Assert.Equal(TinyPi0Model.VocabularySize, root.GetProperty("size").GetInt32());
            Assert.Equal(ours.VocabularySize, root.GetProperty("size").GetInt32());
            Assert.Equal([3, 2, 1, 0], new[] { "unk", "bos", "eos", "pad" }.Select(key => root.GetProperty(key).GetInt32()));
            Assert.Equal([ours.UnknownId, ours.BeginningOfSentenceId, ours.EndOfSentenceId, ours.PaddingId], new[] { "unk", "bos", "eos", "pad" }.Select(key => root.GetProperty(key).GetInt32()));
            var ids = root.GetProperty("ids").EnumerateArray().Select(list => list.EnumerateArray().Select(id => id.GetInt32()).ToArray()).ToArray();
            var pieces = root.GetProperty("pieces").EnumerateArray().Select(list => list.EnumerateArray().Select(piece => piece.GetString()!).ToArray()).ToArray();
            for (var index = 0; index < Texts.Length; index++)
            {
                Assert.Equal(ids[index], ours.Encode(Texts[index]));
                Assert.Equal(pieces[index], ours.EncodeToPieces(Texts[index]));
            }

            // Known words are single pieces; the default prompt needs one token per word.
            Assert.Equal(["\u2581touch", "\u2581the", "\u2581red", "\u2581cube"], pieces[0]);
            // Characters outside the vocabulary are unknown (no byte fallback).
            Assert.Contains(ours.UnknownId, ids[7]);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
