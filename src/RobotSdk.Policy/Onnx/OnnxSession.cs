using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RobotSdk.Policy.Onnx.Native;

namespace RobotSdk.Policy.Onnx;

/// <summary>
/// An ONNX model loaded into the native ONNX Runtime (<c>libonnxruntime.so.1</c>, bound through its
/// C API). Create it with <see cref="Load(string, OnnxSessionOptions?, ILogger?)"/>, bind caller
/// buffers with <see cref="CreateBinding"/>, then run. Runs of different bindings may proceed
/// concurrently; <see cref="Terminate"/> stops them all from any thread.
/// </summary>
/// <remarks>
/// Native lifetime: the session owns its <c>OrtSession</c>; each binding owns its io binding, run
/// options and tensor values, and pins the caller's buffers until rebound or disposed. Disposing the
/// session disposes its bindings first. Dispose only after runs have returned.
/// </remarks>
public sealed class OnnxSession : IInferenceSession
{
    private readonly Lock bindingsGate = new();
    private readonly List<OnnxBinding> bindings = [];
    private readonly OrtSessionHandle session;
    private bool disposed;

    private OnnxSession(OrtSessionHandle session, string executionProvider, string? fallbackReason)
    {
        this.session = session;
        ExecutionProvider = executionProvider;
        ExecutionProviderFallbackReason = fallbackReason;
        var handle = session.DangerousGetHandle();
        Inputs = ReadMetadata(handle, isInput: true);
        Outputs = ReadMetadata(handle, isInput: false);
    }

    /// <inheritdoc/>
    public IReadOnlyList<TensorMetadata> Inputs { get; }

    /// <inheritdoc/>
    public IReadOnlyList<TensorMetadata> Outputs { get; }

    /// <inheritdoc/>
    public string ExecutionProvider { get; }

    /// <summary>
    /// Why the session runs on CPU instead of the requested provider (not compiled into the loaded
    /// library, or it failed to start), or null when it runs on the provider that was asked for.
    /// </summary>
    public string? ExecutionProviderFallbackReason { get; }

    internal OrtSessionHandle Handle => session;

    /// <summary>Loads a model file.</summary>
    /// <param name="modelPath">The .onnx file.</param>
    /// <param name="options">Threads, optimization, provider, library path; defaults when null.</param>
    /// <param name="logger">Receives the load summary and any provider fallback warning.</param>
    /// <exception cref="FileNotFoundException">The model file does not exist.</exception>
    /// <exception cref="OnnxRuntimeException">The runtime rejected the model or the options.</exception>
    /// <exception cref="OnnxRuntimeLibraryNotFoundException">The native library was not found.</exception>
    public static OnnxSession Load(string modelPath, OnnxSessionOptions? options = null, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelPath);
        if (!File.Exists(modelPath))
        {
            throw new FileNotFoundException($"The ONNX model file {Path.GetFullPath(modelPath)} does not exist.", modelPath);
        }

        var fullPath = Path.GetFullPath(modelPath);
        return Create(fullPath, options, logger, (environment, sessionOptions) => OnnxRuntimeNative.CreateSession(environment, fullPath, sessionOptions));
    }

    /// <summary>Loads a model from its bytes (for example generated in memory or embedded).</summary>
    /// <param name="model">The serialized ONNX ModelProto.</param>
    /// <param name="options">Threads, optimization, provider, library path; defaults when null.</param>
    /// <param name="logger">Receives the load summary and any provider fallback warning.</param>
    /// <exception cref="ArgumentException"><paramref name="model"/> is empty.</exception>
    /// <exception cref="OnnxRuntimeException">The runtime rejected the model or the options.</exception>
    /// <exception cref="OnnxRuntimeLibraryNotFoundException">The native library was not found.</exception>
    public static OnnxSession Load(ReadOnlyMemory<byte> model, OnnxSessionOptions? options = null, ILogger? logger = null)
    {
        if (model.IsEmpty)
        {
            throw new ArgumentException("The ONNX model is empty (0 bytes).", nameof(model));
        }

        return Create($"({model.Length} bytes)", options, logger, (environment, sessionOptions) => OnnxRuntimeNative.CreateSessionFromBytes(environment, model.Span, sessionOptions));
    }

    /// <inheritdoc/>
    IInferenceBinding IInferenceSession.CreateBinding() => CreateBinding();

    /// <summary>Creates a binding of caller buffers to this session's inputs and outputs.</summary>
    public OnnxBinding CreateBinding()
    {
        lock (bindingsGate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            var binding = new OnnxBinding(this);
            bindings.Add(binding);
            return binding;
        }
    }

    /// <inheritdoc/>
    public void Terminate()
    {
        lock (bindingsGate)
        {
            foreach (var binding in bindings)
            {
                binding.RequestTerminate();
            }
        }
    }

    /// <summary>Disposes the bindings, then releases the native session.</summary>
    public void Dispose()
    {
        OnnxBinding[] remaining;
        lock (bindingsGate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            remaining = [.. bindings];
        }

        foreach (var binding in remaining)
        {
            binding.Dispose();
        }

        session.Dispose();
    }

    internal void Forget(OnnxBinding binding)
    {
        lock (bindingsGate)
        {
            bindings.Remove(binding);
        }
    }

    private static OnnxSession Create(string model, OnnxSessionOptions? options, ILogger? logger, Func<IntPtr, IntPtr, IntPtr> createSession)
    {
        options ??= new OnnxSessionOptions();
        options.Validate();
        logger ??= NullLogger.Instance;
        var library = OnnxRuntimeLibrary.EnsureLoaded(options.LibraryPath);
        var environment = library.Environment.DangerousGetHandle();
        var requested = ExecutionProviderNames.ShortName(options.ExecutionProvider);

        string? fallbackReason = null;
        if (!ExecutionProviderNames.Same(requested, ExecutionProviderNames.Cpu))
        {
            var registered = library.Providers.FirstOrDefault(provider => ExecutionProviderNames.Same(provider, requested));
            if (registered is null)
            {
                fallbackReason = $"execution provider '{requested}' is not in ONNX Runtime {library.Version} at {library.Path} "
                    + $"(it has: {string.Join(", ", library.Providers.Select(ExecutionProviderNames.ShortName))}); "
                    + "a provider missing from this build needs an ONNX Runtime build that includes it (point OnnxSessionOptions.LibraryPath or "
                    + $"{OnnxRuntimeLibrary.LibraryPathVariable} at it)";
            }
            else
            {
                try
                {
                    using var providerOptions = CreateOptions(options, registered);
                    var created = new OrtSessionHandle(createSession(environment, providerOptions.DangerousGetHandle()));
                    return Loaded(Wrap(created, ExecutionProviderNames.ShortName(registered), null), model, library, logger);
                }
                catch (OnnxRuntimeException exception) when (!options.RequireExecutionProvider)
                {
                    fallbackReason = $"execution provider '{requested}' failed to start: {exception.Message}";
                }
            }

            if (options.RequireExecutionProvider)
            {
                throw new OnnxRuntimeException(OnnxRuntimeErrorCode.ExecutionProviderFailure, fallbackReason!, $"loading the model {model} on the required provider '{requested}'");
            }

            OnnxSessionLog.ExecutionProviderFallback(logger, fallbackReason!);
        }

        using var cpuOptions = CreateOptions(options, ExecutionProviderNames.Cpu);
        var cpuSession = new OrtSessionHandle(createSession(environment, cpuOptions.DangerousGetHandle()));
        return Loaded(Wrap(cpuSession, ExecutionProviderNames.Cpu, fallbackReason), model, library, logger);
    }

    /// <summary>Reads the metadata of a new native session; releases the session if that fails.</summary>
    private static OnnxSession Wrap(OrtSessionHandle created, string executionProvider, string? fallbackReason)
    {
        try
        {
            return new OnnxSession(created, executionProvider, fallbackReason);
        }
        catch
        {
            created.Dispose();
            throw;
        }
    }

    private static OnnxSession Loaded(OnnxSession session, string model, OnnxRuntimeLibrary.LoadedLibrary library, ILogger logger)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            var inputs = string.Join(", ", session.Inputs);
            var outputs = string.Join(", ", session.Outputs);
            OnnxSessionLog.Loaded(logger, model, session.ExecutionProvider, library.Version, inputs, outputs);
        }

        return session;
    }

    /// <summary>Session options for <paramref name="provider"/>, given by the name the library registered it under.</summary>
    private static OrtSessionOptionsHandle CreateOptions(OnnxSessionOptions options, string provider)
    {
        var handle = new OrtSessionOptionsHandle(OnnxRuntimeNative.CreateSessionOptions());
        try
        {
            var native = handle.DangerousGetHandle();
            OnnxRuntimeNative.SetGraphOptimizationLevel(native, (int)options.OptimizationLevel);
            OnnxRuntimeNative.SetIntraOpThreadCount(native, options.IntraOpThreadCount);
            OnnxRuntimeNative.SetInterOpThreadCount(native, options.InterOpThreadCount);
            foreach (var (key, value) in options.ConfigurationEntries)
            {
                OnnxRuntimeNative.AddSessionConfigEntry(native, key, value);
            }

            var providerOptions = options.ExecutionProviderOptions.AsReadOnly();
            if (ExecutionProviderNames.Same(provider, "CUDA"))
            {
                OnnxRuntimeNative.AppendCudaExecutionProvider(native, providerOptions);
            }
            else if (ExecutionProviderNames.Same(provider, "Tensorrt"))
            {
                OnnxRuntimeNative.AppendTensorRtExecutionProvider(native, providerOptions);
            }
            else if (!ExecutionProviderNames.Same(provider, ExecutionProviderNames.Cpu))
            {
                OnnxRuntimeNative.AppendExecutionProvider(native, provider, providerOptions);
            }

            return handle;
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    private static TensorMetadata[] ReadMetadata(IntPtr session, bool isInput)
    {
        var count = isInput ? OnnxRuntimeNative.GetInputCount(session) : OnnxRuntimeNative.GetOutputCount(session);
        var metadata = new TensorMetadata[count];
        for (var index = 0; index < count; index++)
        {
            var name = OnnxRuntimeNative.GetName(session, index, isInput);
            using var typeInfo = new OrtTypeInfoHandle(OnnxRuntimeNative.GetTypeInfo(session, index, isInput));
            var tensorInfo = OnnxRuntimeNative.CastToTensorInfo(typeInfo.DangerousGetHandle());
            metadata[index] = tensorInfo == IntPtr.Zero
                ? new TensorMetadata(name, TensorElementType.Undefined, [])
                : new TensorMetadata(name, OnnxRuntimeNative.GetElementType(tensorInfo), OnnxRuntimeNative.GetDimensions(tensorInfo));
        }

        return metadata;
    }
}
