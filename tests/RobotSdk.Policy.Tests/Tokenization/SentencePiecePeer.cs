using System.Diagnostics;
using System.Text.Json;

namespace RobotSdk.Policy.Tests.Tokenization;

/// <summary>
/// Runs sentencepiece_peer.py with Debian's <c>/usr/bin/python3</c> (python3-sentencepiece 0.1.97):
/// it trains the test models from robot_instructions.txt into a temporary folder, then encodes the
/// texts and decodes the id lists it is given with each. One run per test process.
/// </summary>
internal static class SentencePiecePeer
{
    private static readonly Lazy<Task<PeerAnswer>> Shared = new(() => RunAsync(SentencePieceTestTexts.All, SentencePieceTestTexts.IdLists));

    /// <summary>The model names the peer trains, each exercising a different part of SentencePiece.</summary>
    public static readonly string[] ModelNames =
    [
        "unigram_nmt_nfkc", "unigram_identity_byte_fallback", "unigram_nmt_nfkc_cf_suffix", "bpe_gemma_like",
        "bpe_nmt_nfkc", "bpe_nfkc_keep_spaces", "unigram_custom_rules", "word_nmt_nfkc", "char_identity",
        "bpe_nmt_nfkc_restricted", "unigram_nmt_nfkc_cf_suffix_restricted",
    ];

    /// <summary>The peer's answer for the shared texts and id lists.</summary>
    public static Task<PeerAnswer> AnswerAsync() => Shared.Value;

    private static async Task<PeerAnswer> RunAsync(IReadOnlyList<string> texts, IReadOnlyList<int[]> idLists)
    {
        string directory = Directory.CreateTempSubdirectory("robotsdk-sentencepiece-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(directory, recursive: true);
        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.Combine(AppContext.BaseDirectory, "Tokenization"),
        };
        start.ArgumentList.Add("sentencepiece_peer.py");
        using Process process = Process.Start(start)!;
        string request = JsonSerializer.Serialize(new
        {
            corpus = "robot_instructions.txt",
            directory,
            texts,
            decode = idLists,
        });
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> errors = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(request);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"sentencepiece_peer.py failed ({process.ExitCode}): {await errors}");
        using JsonDocument answer = JsonDocument.Parse(await output);
        var models = new Dictionary<string, PeerModel>();
        foreach (JsonProperty model in answer.RootElement.EnumerateObject())
        {
            JsonElement value = model.Value;
            models[model.Name] = new PeerModel(
                value.GetProperty("file").GetString()!,
                value.GetProperty("ids").EnumerateArray().Select(ids => ids.EnumerateArray().Select(id => id.GetInt32()).ToArray()).ToArray(),
                value.GetProperty("pieces").EnumerateArray().Select(pieces => pieces.EnumerateArray().Select(piece => piece.GetString()!).ToArray()).ToArray(),
                value.GetProperty("decoded").EnumerateArray().Select(text => text.GetString()!).ToArray(),
                value.GetProperty("decoded_extra").EnumerateArray().Select(text => text.GetString()!).ToArray(),
                value.GetProperty("decoded_each").EnumerateArray().Select(text => text.GetString()!).ToArray());
        }

        return new PeerAnswer(texts, idLists, models);
    }
}
