namespace RobotSdk.Policy.Tokenization;

/// <summary>A piece an encoder chose: its byte range in the normalized text and its id.</summary>
internal readonly record struct EncodedPiece(int Start, int Length, int Id);
