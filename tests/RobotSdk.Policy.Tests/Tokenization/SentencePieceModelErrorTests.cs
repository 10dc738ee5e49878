using RobotSdk.Policy.Onnx.Authoring;
using RobotSdk.Policy.Tests.Onnx;
using RobotSdk.Policy.Tokenization;

namespace RobotSdk.Policy.Tests.Tokenization;

/// <summary>Files that are not valid SentencePiece models, and misuse of a valid one: each gets an error that says what and where.</summary>
public sealed class SentencePieceModelErrorTests
{
    [Fact]
    public async Task Load_TruncatedModel_NamesTheFileAndTheOffset()
    {
        PeerAnswer answer = await SentencePiecePeer.AnswerAsync();
        byte[] model = await File.ReadAllBytesAsync(answer.Models["bpe_gemma_like"].File);
        string path = Path.Combine(Path.GetDirectoryName(answer.Models["bpe_gemma_like"].File)!, "truncated.model");
        await File.WriteAllBytesAsync(path, model.AsSpan(0, model.Length - 7).ToArray());

        var error = Assert.Throws<SentencePieceModelException>(() => SentencePieceTokenizer.Load(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("Truncated", error.Message);
        Assert.Contains("byte offset", error.Message);
    }

    [Fact]
    public void FromBytes_OnnxModel_SaysThePiecesFieldHasTheWrongWireType()
    {
        byte[] onnx = TestModels.Affine(TestModels.Weights(12, seed: 1), TestModels.Weights(3, seed: 2));

        var error = Assert.Throws<SentencePieceModelException>(() => SentencePieceTokenizer.FromBytes(onnx));

        Assert.Contains("ModelProto.pieces has wire type 0, expected 2", error.Message);
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A })]
    [InlineData(new byte[] { (byte)'p', (byte)'i', (byte)'c', (byte)'k' })]
    public void FromBytes_NotAModel_Throws(byte[] data)
    {
        var error = Assert.Throws<SentencePieceModelException>(() => SentencePieceTokenizer.FromBytes(data));

        Assert.StartsWith("The data is not a valid SentencePiece model", error.Message);
    }

    [Fact]
    public void FromBytes_NoUnknownPiece_SaysSo()
    {
        byte[] model = Model(trainer: null, ("a", SentencePieceType.Normal), ("b", SentencePieceType.Normal));

        var error = Assert.Throws<SentencePieceModelException>(() => SentencePieceTokenizer.FromBytes(model));

        Assert.Contains("no unknown piece", error.Message);
    }

    [Fact]
    public void FromBytes_BytePieceWithoutByteFallback_NamesThePiece()
    {
        byte[] model = Model(trainer: null, ("<unk>", SentencePieceType.Unknown), ("<0x41>", SentencePieceType.Byte));

        var error = Assert.Throws<SentencePieceModelException>(() => SentencePieceTokenizer.FromBytes(model));

        Assert.Contains("Byte piece 1 \"<0x41>\" is present although byte_fallback is false", error.Message);
    }

    [Fact]
    public void FromBytes_ByteFallbackWithoutAllBytePieces_NamesTheFirstMissing()
    {
        var trainer = new ProtobufWriter();
        trainer.WriteInt64(35, 1);
        byte[] model = Model(trainer, ("<unk>", SentencePieceType.Unknown), ("<0x00>", SentencePieceType.Byte));

        var error = Assert.Throws<SentencePieceModelException>(() => SentencePieceTokenizer.FromBytes(model));

        Assert.Contains("<0x01> is missing", error.Message);
    }

    [Fact]
    public void FromBytes_DuplicatePiece_NamesIt()
    {
        byte[] model = Model(trainer: null, ("<unk>", SentencePieceType.Unknown), ("ab", SentencePieceType.Normal), ("ab", SentencePieceType.UserDefined));

        var error = Assert.Throws<SentencePieceModelException>(() => SentencePieceTokenizer.FromBytes(model));

        Assert.Contains("Piece 2 \"ab\" is already defined", error.Message);
    }

    [Fact]
    public void FromBytes_CharsmapShorterThanItsTrie_SaysSo()
    {
        var normalizer = new ProtobufWriter();
        normalizer.WriteBytes(2, [0xFF, 0x00, 0x00, 0x00, 0x01]);
        var writer = new ProtobufWriter();
        AddPiece(writer, "<unk>", SentencePieceType.Unknown);
        writer.WriteMessage(3, normalizer);

        var error = Assert.Throws<SentencePieceModelException>(() => SentencePieceTokenizer.FromBytes(writer.ToArray()));

        Assert.Contains("trie size 255 exceeds its 5-byte blob", error.Message);
    }

    [Fact]
    public void FromBytes_UnknownModelType_SaysWhichTypesExist()
    {
        var trainer = new ProtobufWriter();
        trainer.WriteInt64(3, 9);
        byte[] model = Model(trainer, ("<unk>", SentencePieceType.Unknown));

        var error = Assert.Throws<SentencePieceModelException>(() => SentencePieceTokenizer.FromBytes(model));

        Assert.Contains("Unknown model type 9", error.Message);
    }

    [Fact]
    public void FromBytes_SelfTestSampleThatEncodesDifferently_QuotesBoth()
    {
        var sample = new ProtobufWriter();
        sample.WriteString(1, "ab");
        sample.WriteString(2, "\u2581ab");
        var selfTest = new ProtobufWriter();
        selfTest.WriteMessage(1, sample);
        var writer = new ProtobufWriter();
        AddPiece(writer, "<unk>", SentencePieceType.Unknown);
        AddPiece(writer, "\u2581a", SentencePieceType.Normal);
        AddPiece(writer, "b", SentencePieceType.Normal);
        writer.WriteMessage(4, selfTest);

        var error = Assert.Throws<SentencePieceModelException>(() => SentencePieceTokenizer.FromBytes(writer.ToArray()));

        Assert.Contains("\"ab\" encodes to \"\u2581a b\", the file expects \"\u2581ab\"", error.Message);
    }

    [Fact]
    public void Decode_IdOutsideTheVocabulary_Throws()
    {
        SentencePieceTokenizer tokenizer = SentencePieceTokenizer.FromBytes(Model(trainer: null, ("<unk>", SentencePieceType.Unknown), ("a", SentencePieceType.Normal)));

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => tokenizer.Decode([1, 2]));

        Assert.Contains("index 1", error.Message);
    }

    [Fact]
    public void Encode_BeginningOfSentence_WhenTheModelHasNone_Throws()
    {
        var trainer = new ProtobufWriter();
        trainer.WriteInt64(41, -1);
        SentencePieceTokenizer tokenizer = SentencePieceTokenizer.FromBytes(Model(trainer, ("<unk>", SentencePieceType.Unknown), ("\u2581a", SentencePieceType.Normal)));

        Assert.Equal([1], tokenizer.Encode("a"));
        Assert.Throws<InvalidOperationException>(() => tokenizer.Encode("a", addBeginningOfSentence: true));
    }

    /// <summary>A model file with these pieces (score 0) and, optionally, trainer settings.</summary>
    private static byte[] Model(ProtobufWriter? trainer, params (string Text, SentencePieceType Type)[] pieces)
    {
        var writer = new ProtobufWriter();
        foreach ((string text, SentencePieceType type) in pieces)
        {
            AddPiece(writer, text, type);
        }

        if (trainer is not null)
        {
            writer.WriteMessage(2, trainer);
        }

        return writer.ToArray();
    }

    private static void AddPiece(ProtobufWriter writer, string text, SentencePieceType type)
    {
        var piece = new ProtobufWriter();
        piece.WriteString(1, text);
        piece.WriteFloat(2, 0);
        piece.WriteInt64(3, (long)type);
        writer.WriteMessage(1, piece);
    }
}
