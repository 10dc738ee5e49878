using System.Text;
using RobotSdk.Policy.Protobuf;

namespace RobotSdk.Policy.Tokenization;

/// <summary>
/// A parsed SentencePiece model file: the serialized ModelProto message of sentencepiece_model.proto
/// (pieces = 1, trainer_spec = 2, normalizer_spec = 3, self_test_data = 4, denormalizer_spec = 5).
/// Fields the encoder does not use are skipped; fields it uses must have their declared wire type.
/// </summary>
internal sealed class SentencePieceModelProto
{
    public List<SentencePieceEntry> Pieces { get; } = [];

    public SentencePieceTrainerSpec TrainerSpec { get; private set; } = new();

    public SentencePieceNormalizerSpec NormalizerSpec { get; private set; } = new();

    /// <summary>The decoder's post-normalization, or null when the file has none (the usual case).</summary>
    public SentencePieceNormalizerSpec? DenormalizerSpec { get; private set; }

    /// <summary>Inputs and the pieces (joined by spaces) SentencePiece produced for them when it trained the model.</summary>
    public List<(string Input, string Expected)> SelfTestSamples { get; } = [];

    /// <summary>Parses <paramref name="data"/>; throws <see cref="InvalidDataException"/> naming the byte offset of a defect.</summary>
    public static SentencePieceModelProto Parse(ReadOnlySpan<byte> data)
    {
        var model = new SentencePieceModelProto();
        var reader = new ProtobufReader(data);
        while (reader.TryReadTag(out int field, out int wireType))
        {
            switch (field)
            {
                case 1:
                    reader.Expect(wireType, ProtobufReader.LengthDelimitedWireType, "ModelProto.pieces");
                    model.Pieces.Add(ParsePiece(reader.ReadMessage()));
                    break;
                case 2:
                    reader.Expect(wireType, ProtobufReader.LengthDelimitedWireType, "ModelProto.trainer_spec");
                    model.TrainerSpec = ParseTrainerSpec(reader.ReadMessage());
                    break;
                case 3:
                    reader.Expect(wireType, ProtobufReader.LengthDelimitedWireType, "ModelProto.normalizer_spec");
                    model.NormalizerSpec = ParseNormalizerSpec(reader.ReadMessage());
                    break;
                case 4:
                    reader.Expect(wireType, ProtobufReader.LengthDelimitedWireType, "ModelProto.self_test_data");
                    ParseSelfTestData(reader.ReadMessage(), model.SelfTestSamples);
                    break;
                case 5:
                    reader.Expect(wireType, ProtobufReader.LengthDelimitedWireType, "ModelProto.denormalizer_spec");
                    model.DenormalizerSpec = ParseNormalizerSpec(reader.ReadMessage());
                    break;
                default:
                    reader.SkipField(wireType);
                    break;
            }
        }

        return model;
    }

    private static SentencePieceEntry ParsePiece(ProtobufReader reader)
    {
        long start = reader.Offset;
        byte[] utf8 = [];
        float score = 0;
        var type = SentencePieceType.Normal;
        while (reader.TryReadTag(out int field, out int wireType))
        {
            switch (field)
            {
                case 1:
                    reader.Expect(wireType, ProtobufReader.LengthDelimitedWireType, "SentencePiece.piece");
                    utf8 = reader.ReadBytes().ToArray();
                    break;
                case 2:
                    reader.Expect(wireType, ProtobufReader.Fixed32WireType, "SentencePiece.score");
                    score = reader.ReadSingle();
                    break;
                case 3:
                    reader.Expect(wireType, ProtobufReader.VarintWireType, "SentencePiece.type");
                    long typeOffset = reader.Offset;
                    int value = reader.ReadInt32();
                    if (value is < (int)SentencePieceType.Normal or > (int)SentencePieceType.Byte)
                    {
                        throw new InvalidDataException($"Unknown piece type {value} at byte offset {typeOffset}.");
                    }

                    type = (SentencePieceType)value;
                    break;
                default:
                    reader.SkipField(wireType);
                    break;
            }
        }

        if (utf8.Length == 0)
        {
            throw new InvalidDataException($"The piece at byte offset {start} is empty; SentencePiece requires every piece to have text.");
        }

        return new SentencePieceEntry(Encoding.UTF8.GetString(utf8), utf8, score, type);
    }

    private static SentencePieceTrainerSpec ParseTrainerSpec(ProtobufReader reader)
    {
        var spec = new SentencePieceTrainerSpec();
        while (reader.TryReadTag(out int field, out int wireType))
        {
            switch (field)
            {
                case 3:
                    reader.Expect(wireType, ProtobufReader.VarintWireType, "TrainerSpec.model_type");
                    long typeOffset = reader.Offset;
                    int modelType = reader.ReadInt32();
                    if (modelType is < (int)SentencePieceModelType.Unigram or > (int)SentencePieceModelType.Character)
                    {
                        throw new InvalidDataException($"Unknown model type {modelType} at byte offset {typeOffset} (1 unigram, 2 BPE, 3 word, 4 char).");
                    }

                    spec.ModelType = (SentencePieceModelType)modelType;
                    break;
                case 24:
                    reader.Expect(wireType, ProtobufReader.VarintWireType, "TrainerSpec.treat_whitespace_as_suffix");
                    spec.TreatWhitespaceAsSuffix = reader.ReadBoolean();
                    break;
                case 35:
                    reader.Expect(wireType, ProtobufReader.VarintWireType, "TrainerSpec.byte_fallback");
                    spec.ByteFallback = reader.ReadBoolean();
                    break;
                case 40:
                    reader.Expect(wireType, ProtobufReader.VarintWireType, "TrainerSpec.unk_id");
                    spec.UnknownId = reader.ReadInt32();
                    break;
                case 41:
                    reader.Expect(wireType, ProtobufReader.VarintWireType, "TrainerSpec.bos_id");
                    spec.BeginningOfSentenceId = reader.ReadInt32();
                    break;
                case 42:
                    reader.Expect(wireType, ProtobufReader.VarintWireType, "TrainerSpec.eos_id");
                    spec.EndOfSentenceId = reader.ReadInt32();
                    break;
                case 43:
                    reader.Expect(wireType, ProtobufReader.VarintWireType, "TrainerSpec.pad_id");
                    spec.PaddingId = reader.ReadInt32();
                    break;
                case 44:
                    reader.Expect(wireType, ProtobufReader.LengthDelimitedWireType, "TrainerSpec.unk_surface");
                    spec.UnknownSurface = reader.ReadString();
                    break;
                default:
                    reader.SkipField(wireType);
                    break;
            }
        }

        return spec;
    }

    private static SentencePieceNormalizerSpec ParseNormalizerSpec(ProtobufReader reader)
    {
        var spec = new SentencePieceNormalizerSpec();
        while (reader.TryReadTag(out int field, out int wireType))
        {
            switch (field)
            {
                case 1:
                    reader.Expect(wireType, ProtobufReader.LengthDelimitedWireType, "NormalizerSpec.name");
                    spec.Name = reader.ReadString();
                    break;
                case 2:
                    reader.Expect(wireType, ProtobufReader.LengthDelimitedWireType, "NormalizerSpec.precompiled_charsmap");
                    spec.PrecompiledCharsmap = reader.ReadBytes().ToArray();
                    break;
                case 3:
                    reader.Expect(wireType, ProtobufReader.VarintWireType, "NormalizerSpec.add_dummy_prefix");
                    spec.AddDummyPrefix = reader.ReadBoolean();
                    break;
                case 4:
                    reader.Expect(wireType, ProtobufReader.VarintWireType, "NormalizerSpec.remove_extra_whitespaces");
                    spec.RemoveExtraWhitespaces = reader.ReadBoolean();
                    break;
                case 5:
                    reader.Expect(wireType, ProtobufReader.VarintWireType, "NormalizerSpec.escape_whitespaces");
                    spec.EscapeWhitespaces = reader.ReadBoolean();
                    break;
                default:
                    reader.SkipField(wireType);
                    break;
            }
        }

        return spec;
    }

    private static void ParseSelfTestData(ProtobufReader reader, List<(string Input, string Expected)> samples)
    {
        while (reader.TryReadTag(out int field, out int wireType))
        {
            if (field != 1)
            {
                reader.SkipField(wireType);
                continue;
            }

            reader.Expect(wireType, ProtobufReader.LengthDelimitedWireType, "SelfTestData.samples");
            ProtobufReader sample = reader.ReadMessage();
            string input = string.Empty;
            string expected = string.Empty;
            while (sample.TryReadTag(out int sampleField, out int sampleWireType))
            {
                if (sampleField is 1 or 2)
                {
                    sample.Expect(sampleWireType, ProtobufReader.LengthDelimitedWireType, sampleField == 1 ? "Sample.input" : "Sample.expected");
                    string text = sample.ReadString();
                    if (sampleField == 1)
                    {
                        input = text;
                    }
                    else
                    {
                        expected = text;
                    }
                }
                else
                {
                    sample.SkipField(sampleWireType);
                }
            }

            samples.Add((input, expected));
        }
    }
}
