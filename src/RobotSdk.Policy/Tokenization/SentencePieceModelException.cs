namespace RobotSdk.Policy.Tokenization;

/// <summary>A SentencePiece model file that cannot be read or is inconsistent; the message says what and where.</summary>
public sealed class SentencePieceModelException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SentencePieceModelException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public SentencePieceModelException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    public SentencePieceModelException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
