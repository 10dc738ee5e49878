namespace RobotSdk.Policy.Tokenization;

/// <summary>The kind of a vocabulary entry, as SentencePiece's model file stores it (values are the file's).</summary>
public enum SentencePieceType
{
    /// <summary>An ordinary piece the encoder may produce.</summary>
    Normal = 1,

    /// <summary>The single unknown piece (<c>&lt;unk&gt;</c>), produced for text no other piece covers.</summary>
    Unknown = 2,

    /// <summary>A control symbol such as <c>&lt;s&gt;</c> or <c>&lt;/s&gt;</c>: never produced from text, invisible when decoded.</summary>
    Control = 3,

    /// <summary>A user-defined symbol: always kept whole when it appears in the text.</summary>
    UserDefined = 4,

    /// <summary>A piece the encoder must not produce.</summary>
    Unused = 5,

    /// <summary>A byte piece <c>&lt;0xNN&gt;</c> used by byte fallback for text no other piece covers.</summary>
    Byte = 6,
}
