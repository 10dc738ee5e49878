namespace RobotSdk.Policy.Onnx;

/// <summary>
/// The error codes of ONNX Runtime's C API (<c>OrtErrorCode</c>), with the same numbers.
/// </summary>
public enum OnnxRuntimeErrorCode
{
    /// <summary>No error (never carried by an exception).</summary>
    Ok = 0,

    /// <summary>A general failure; also what a run stopped by its terminate flag reports.</summary>
    Fail = 1,

    /// <summary>An argument was invalid (for example a tensor of the wrong shape).</summary>
    InvalidArgument = 2,

    /// <summary>A file (the model, an external data file) does not exist.</summary>
    NoSuchFile = 3,

    /// <summary>There is no model.</summary>
    NoModel = 4,

    /// <summary>The inference engine failed.</summary>
    EngineError = 5,

    /// <summary>A runtime exception inside a kernel.</summary>
    RuntimeException = 6,

    /// <summary>The model bytes are not a valid ONNX protobuf.</summary>
    InvalidProtobuf = 7,

    /// <summary>A model was already loaded.</summary>
    ModelLoaded = 8,

    /// <summary>An operator or feature is not implemented.</summary>
    NotImplemented = 9,

    /// <summary>The model's graph is invalid (unknown operator, type mismatch, dangling value).</summary>
    InvalidGraph = 10,

    /// <summary>An execution provider failed (for example a GPU provider whose libraries are missing).</summary>
    ExecutionProviderFailure = 11,

    /// <summary>Model loading was cancelled.</summary>
    ModelLoadCanceled = 12,

    /// <summary>The model must be compiled for its execution provider first.</summary>
    ModelRequiresCompilation = 13,

    /// <summary>Something looked up by name was not found.</summary>
    NotFound = 14,
}
