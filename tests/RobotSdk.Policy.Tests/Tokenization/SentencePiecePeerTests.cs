using System.Text;
using RobotSdk.Policy.Tokenization;

namespace RobotSdk.Policy.Tests.Tokenization;

/// <summary>
/// Our tokenizer against Debian's python3-sentencepiece 0.1.97 on models it trains from the
/// robot instruction corpus: the same ids, pieces and decoded text for every corpus line and edge case.
/// </summary>
public sealed class SentencePiecePeerTests
{
    public static TheoryData<string> Models => [.. SentencePiecePeer.ModelNames];

    [Theory]
    [MemberData(nameof(Models))]
    public async Task Encode_GivesSentencePiecesIds_ForEveryText(string name)
    {
        PeerAnswer answer = await SentencePiecePeer.AnswerAsync();
        PeerModel peer = answer.Models[name];
        SentencePieceTokenizer tokenizer = SentencePieceTokenizer.Load(peer.File);

        var mismatches = new StringBuilder();
        for (int index = 0; index < answer.Texts.Count; index++)
        {
            int[] ours = tokenizer.Encode(answer.Texts[index]);
            if (!ours.AsSpan().SequenceEqual(peer.Ids[index]))
            {
                mismatches.AppendLine($"\"{Escape(answer.Texts[index])}\": ours [{string.Join(' ', ours)}], SentencePiece [{string.Join(' ', peer.Ids[index])}]");
            }
        }

        Assert.True(mismatches.Length == 0, $"{name}: ids differ:\n{mismatches}");
    }

    [Theory]
    [MemberData(nameof(Models))]
    public async Task EncodeToPieces_GivesSentencePiecesPieces_ForEveryText(string name)
    {
        PeerAnswer answer = await SentencePiecePeer.AnswerAsync();
        PeerModel peer = answer.Models[name];
        SentencePieceTokenizer tokenizer = SentencePieceTokenizer.Load(peer.File);

        for (int index = 0; index < answer.Texts.Count; index++)
        {
            Assert.Equal(peer.Pieces[index], tokenizer.EncodeToPieces(answer.Texts[index]));
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public async Task Decode_GivesSentencePiecesText_ForEncodingsRandomIdsAndEachPiece(string name)
    {
        PeerAnswer answer = await SentencePiecePeer.AnswerAsync();
        PeerModel peer = answer.Models[name];
        SentencePieceTokenizer tokenizer = SentencePieceTokenizer.Load(peer.File);

        for (int index = 0; index < answer.Texts.Count; index++)
        {
            Assert.Equal(peer.Decoded[index], tokenizer.Decode(peer.Ids[index]));
        }

        for (int index = 0; index < answer.IdLists.Count; index++)
        {
            int[] wrapped = [.. answer.IdLists[index].Select(id => id % tokenizer.VocabularySize)];
            Assert.Equal(peer.DecodedExtra[index], tokenizer.Decode(wrapped));
        }

        for (int id = 0; id < tokenizer.VocabularySize; id++)
        {
            Assert.Equal(peer.DecodedEach[id], tokenizer.Decode([id]));
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public async Task Encode_AddsBeginningAndEndOfSentence_WhenAsked(string name)
    {
        PeerAnswer answer = await SentencePiecePeer.AnswerAsync();
        SentencePieceTokenizer tokenizer = SentencePieceTokenizer.Load(answer.Models[name].File);

        int[] ids = tokenizer.Encode("pick up the red cube", addBeginningOfSentence: true, addEndOfSentence: true);

        Assert.Equal(tokenizer.BeginningOfSentenceId, ids[0]);
        Assert.Equal(tokenizer.EndOfSentenceId, ids[^1]);
        Assert.Equal(answer.Models[name].Ids[0], ids[1..^1]);
        Assert.Equal(SentencePieceType.Control, tokenizer.GetPieceType(ids[0]));
        Assert.Equal("<s>", tokenizer.IdToPiece(ids[0]));
    }

    [Fact]
    public async Task Load_ReadsTheTrainersSettings()
    {
        PeerAnswer answer = await SentencePiecePeer.AnswerAsync();

        SentencePieceTokenizer gemmaLike = SentencePieceTokenizer.Load(answer.Models["bpe_gemma_like"].File);
        SentencePieceTokenizer unigram = SentencePieceTokenizer.Load(answer.Models["unigram_nmt_nfkc"].File);

        Assert.Equal(SentencePieceModelType.BytePairEncoding, gemmaLike.ModelType);
        Assert.Equal("identity", gemmaLike.NormalizerName);
        Assert.True(gemmaLike.ByteFallback);
        Assert.Equal((3, 2, 1, 0), (gemmaLike.UnknownId, gemmaLike.BeginningOfSentenceId, gemmaLike.EndOfSentenceId, gemmaLike.PaddingId));
        Assert.Equal(SentencePieceType.Byte, gemmaLike.GetPieceType(gemmaLike.PieceToId("<0x41>")));
        Assert.Equal(SentencePieceType.UserDefined, gemmaLike.GetPieceType(gemmaLike.PieceToId("<ctrl7>")));
        Assert.Equal(SentencePieceType.Control, gemmaLike.GetPieceType(gemmaLike.PieceToId("<start_of_turn>")));
        Assert.Equal(SentencePieceModelType.Unigram, unigram.ModelType);
        Assert.Equal("nmt_nfkc", unigram.NormalizerName);
        Assert.Equal(unigram.UnknownId, unigram.PieceToId("no such piece"));
        Assert.Equal(-1, unigram.PaddingId);
    }

    [Theory]
    [InlineData("bpe_nmt_nfkc")]
    [InlineData("unigram_nmt_nfkc_cf_suffix")]
    public async Task RestrictedVocabulary_MarksPiecesUnused_AndChangesSomeEncodings(string name)
    {
        PeerAnswer answer = await SentencePiecePeer.AnswerAsync();
        PeerModel full = answer.Models[name];
        PeerModel restricted = answer.Models[name + "_restricted"];
        SentencePieceTokenizer tokenizer = SentencePieceTokenizer.Load(restricted.File);

        int unused = Enumerable.Range(0, tokenizer.VocabularySize).Count(id => tokenizer.GetPieceType(id) == SentencePieceType.Unused);
        int changed = Enumerable.Range(0, answer.Texts.Count).Count(index => !full.Ids[index].SequenceEqual(restricted.Ids[index]));

        Assert.True(unused > 10, $"{unused} unused pieces");
        Assert.True(changed > 10, $"{changed} texts encode differently");
    }

    private static string Escape(string text)
    {
        var builder = new StringBuilder();
        foreach (char character in text)
        {
            builder.Append(character < ' ' || character > '~' ? $"\\u{(int)character:x4}" : character.ToString());
        }

        return builder.ToString();
    }
}
