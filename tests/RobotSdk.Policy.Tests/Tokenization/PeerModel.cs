namespace RobotSdk.Policy.Tests.Tokenization;

/// <summary>One trained model: its file, and per text its ids, pieces and the decoding of those ids; decodings of the extra id lists (wrapped into the vocabulary) and of each single id.</summary>
internal sealed record PeerModel(string File, int[][] Ids, string[][] Pieces, string[] Decoded, string[] DecodedExtra, string[] DecodedEach);
