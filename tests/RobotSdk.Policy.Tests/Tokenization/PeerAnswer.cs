namespace RobotSdk.Policy.Tests.Tokenization;

/// <summary>What the peer produced for every model.</summary>
internal sealed record PeerAnswer(IReadOnlyList<string> Texts, IReadOnlyList<int[]> IdLists, IReadOnlyDictionary<string, PeerModel> Models);
