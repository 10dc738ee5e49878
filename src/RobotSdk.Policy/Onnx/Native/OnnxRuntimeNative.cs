using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace RobotSdk.Policy.Onnx.Native;

/// <summary>
/// Every ONNX Runtime C API call this project makes, in one place. Calls go through the function
/// pointers of the <c>OrtApi</c> table (cdecl, see <see cref="OrtApiSlot"/>); every function that
/// returns an <c>OrtStatus*</c> is checked by <see cref="Check"/>, which frees the status and throws
/// <see cref="OnnxRuntimeException"/>. All arguments are blittable (pointers and integers), so the
/// calls marshal nothing and allocate nothing on the managed heap.
/// </summary>
/// <remarks>
/// Native memory ownership: objects created here (env, session, options, values, run options,
/// memory info, io bindings, type infos) are owned by the SafeHandle the caller wraps them in and
/// released by its matching Release function. Strings the runtime allocates (input/output names)
/// are copied and freed at once with the default allocator. Strings the runtime lends (error
/// messages, version) are copied before the status that owns them is released.
/// </remarks>
internal static unsafe class OnnxRuntimeNative
{
    /// <summary>ORT_LOGGING_LEVEL_ERROR: the runtime's own log (stderr) shows errors only.</summary>
    private const int LoggingLevelError = 3;

    /// <summary>OrtArenaAllocator, OrtMemTypeDefault: how tensors over caller memory are described.</summary>
    private const int ArenaAllocator = 1;
    private const int MemoryTypeDefault = 0;

    private static IntPtr* api;

    /// <summary>Whether <see cref="Initialize"/> has run.</summary>
    public static bool IsInitialized => api != null;

    /// <summary>Makes the table returned by <c>GetApi</c> the one every call goes through.</summary>
    public static void Initialize(IntPtr apiTable) => api = (IntPtr*)apiTable;

    /// <summary>
    /// Throws <see cref="OnnxRuntimeException"/> when <paramref name="status"/> is an error, after
    /// copying its code and message and releasing it. A null status (success) costs one comparison.
    /// </summary>
    /// <param name="status">What a status-returning function returned.</param>
    /// <param name="operation">What was being done, for the message ("running the model").</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Check(IntPtr status, string operation)
    {
        if (status != IntPtr.Zero)
        {
            ThrowFromStatus(status, operation);
        }
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowFromStatus(IntPtr status, string operation)
    {
        var code = (OnnxRuntimeErrorCode)((delegate* unmanaged[Cdecl]<IntPtr, int>)api[OrtApiSlot.GetErrorCode])(status);
        var message = Marshal.PtrToStringUTF8(((delegate* unmanaged[Cdecl]<IntPtr, IntPtr>)api[OrtApiSlot.GetErrorMessage])(status)) ?? string.Empty;
        ((delegate* unmanaged[Cdecl]<IntPtr, void>)api[OrtApiSlot.ReleaseStatus])(status);
        throw new OnnxRuntimeException(code, message, operation);
    }

    /// <summary>Creates a status the way a failing runtime call would (used to prove the error path).</summary>
    public static IntPtr CreateStatus(OnnxRuntimeErrorCode code, string message)
    {
        var utf8 = Utf8(message);
        fixed (byte* text = utf8)
        {
            return ((delegate* unmanaged[Cdecl]<int, byte*, IntPtr>)api[OrtApiSlot.CreateStatus])((int)code, text);
        }
    }

    public static IntPtr CreateEnvironment(string logIdentifier)
    {
        IntPtr environment;
        var utf8 = Utf8(logIdentifier);
        fixed (byte* identifier = utf8)
        {
            Check(((delegate* unmanaged[Cdecl]<int, byte*, IntPtr*, IntPtr>)api[OrtApiSlot.CreateEnv])(LoggingLevelError, identifier, &environment), "creating the environment");
        }

        return environment;
    }

    public static IntPtr CreateCpuMemoryInfo()
    {
        IntPtr memoryInfo;
        Check(((delegate* unmanaged[Cdecl]<int, int, IntPtr*, IntPtr>)api[OrtApiSlot.CreateCpuMemoryInfo])(ArenaAllocator, MemoryTypeDefault, &memoryInfo), "describing CPU memory");
        return memoryInfo;
    }

    public static IntPtr CreateSessionOptions()
    {
        IntPtr options;
        Check(((delegate* unmanaged[Cdecl]<IntPtr*, IntPtr>)api[OrtApiSlot.CreateSessionOptions])(&options), "creating session options");
        return options;
    }

    public static void SetGraphOptimizationLevel(IntPtr options, int level) =>
        Check(((delegate* unmanaged[Cdecl]<IntPtr, int, IntPtr>)api[OrtApiSlot.SetSessionGraphOptimizationLevel])(options, level), "setting the graph optimization level");

    public static void SetIntraOpThreadCount(IntPtr options, int threadCount) =>
        Check(((delegate* unmanaged[Cdecl]<IntPtr, int, IntPtr>)api[OrtApiSlot.SetIntraOpNumThreads])(options, threadCount), "setting the intra-op thread count");

    public static void SetInterOpThreadCount(IntPtr options, int threadCount) =>
        Check(((delegate* unmanaged[Cdecl]<IntPtr, int, IntPtr>)api[OrtApiSlot.SetInterOpNumThreads])(options, threadCount), "setting the inter-op thread count");

    public static void AddSessionConfigEntry(IntPtr options, string key, string value)
    {
        var keyUtf8 = Utf8(key);
        var valueUtf8 = Utf8(value);
        fixed (byte* keyText = keyUtf8)
        fixed (byte* valueText = valueUtf8)
        {
            Check(((delegate* unmanaged[Cdecl]<IntPtr, byte*, byte*, IntPtr>)api[OrtApiSlot.AddSessionConfigEntry])(options, keyText, valueText), $"setting session configuration entry '{key}'");
        }
    }

    /// <summary>Appends the CUDA provider through its V2 options (key/value strings such as device_id).</summary>
    public static void AppendCudaExecutionProvider(IntPtr options, IReadOnlyDictionary<string, string> providerOptions)
    {
        IntPtr cudaOptions;
        Check(((delegate* unmanaged[Cdecl]<IntPtr*, IntPtr>)api[OrtApiSlot.CreateCudaProviderOptions])(&cudaOptions), "creating CUDA provider options");
        try
        {
            using var pairs = new Utf8KeyValueArrays(providerOptions);
            Check(((delegate* unmanaged[Cdecl]<IntPtr, byte**, byte**, nuint, IntPtr>)api[OrtApiSlot.UpdateCudaProviderOptions])(cudaOptions, pairs.Keys, pairs.Values, (nuint)pairs.Count), "setting CUDA provider options");
            Check(((delegate* unmanaged[Cdecl]<IntPtr, IntPtr, IntPtr>)api[OrtApiSlot.SessionOptionsAppendExecutionProviderCudaV2])(options, cudaOptions), "adding the CUDA execution provider");
        }
        finally
        {
            ((delegate* unmanaged[Cdecl]<IntPtr, void>)api[OrtApiSlot.ReleaseCudaProviderOptions])(cudaOptions);
        }
    }

    /// <summary>Appends the TensorRT provider through its V2 options (key/value strings such as device_id, trt_fp16_enable).</summary>
    public static void AppendTensorRtExecutionProvider(IntPtr options, IReadOnlyDictionary<string, string> providerOptions)
    {
        IntPtr tensorRtOptions;
        Check(((delegate* unmanaged[Cdecl]<IntPtr*, IntPtr>)api[OrtApiSlot.CreateTensorRtProviderOptions])(&tensorRtOptions), "creating TensorRT provider options");
        try
        {
            using var pairs = new Utf8KeyValueArrays(providerOptions);
            Check(((delegate* unmanaged[Cdecl]<IntPtr, byte**, byte**, nuint, IntPtr>)api[OrtApiSlot.UpdateTensorRtProviderOptions])(tensorRtOptions, pairs.Keys, pairs.Values, (nuint)pairs.Count), "setting TensorRT provider options");
            Check(((delegate* unmanaged[Cdecl]<IntPtr, IntPtr, IntPtr>)api[OrtApiSlot.SessionOptionsAppendExecutionProviderTensorRtV2])(options, tensorRtOptions), "adding the TensorRT execution provider");
        }
        finally
        {
            ((delegate* unmanaged[Cdecl]<IntPtr, void>)api[OrtApiSlot.ReleaseTensorRtProviderOptions])(tensorRtOptions);
        }
    }

    /// <summary>Appends a provider by a name the generic API knows ("WebGpuExecutionProvider", "XNNPACK", "OpenVINO", ...).</summary>
    public static void AppendExecutionProvider(IntPtr options, string providerName, IReadOnlyDictionary<string, string> providerOptions)
    {
        var nameUtf8 = Utf8(providerName);
        using var pairs = new Utf8KeyValueArrays(providerOptions);
        fixed (byte* name = nameUtf8)
        {
            Check(((delegate* unmanaged[Cdecl]<IntPtr, byte*, byte**, byte**, nuint, IntPtr>)api[OrtApiSlot.SessionOptionsAppendExecutionProvider])(options, name, pairs.Keys, pairs.Values, (nuint)pairs.Count), $"adding the {providerName} execution provider");
        }
    }

    public static IntPtr CreateSession(IntPtr environment, string modelPath, IntPtr options)
    {
        IntPtr session;
        var pathUtf8 = Utf8(modelPath);
        fixed (byte* path = pathUtf8)
        {
            Check(((delegate* unmanaged[Cdecl]<IntPtr, byte*, IntPtr, IntPtr*, IntPtr>)api[OrtApiSlot.CreateSession])(environment, path, options, &session), $"loading the model {modelPath}");
        }

        return session;
    }

    public static IntPtr CreateSessionFromBytes(IntPtr environment, ReadOnlySpan<byte> model, IntPtr options)
    {
        IntPtr session;
        fixed (byte* data = model)
        {
            Check(((delegate* unmanaged[Cdecl]<IntPtr, byte*, nuint, IntPtr, IntPtr*, IntPtr>)api[OrtApiSlot.CreateSessionFromArray])(environment, data, (nuint)model.Length, options, &session), $"loading a model from {model.Length} bytes");
        }

        return session;
    }

    public static int GetInputCount(IntPtr session)
    {
        nuint count;
        Check(((delegate* unmanaged[Cdecl]<IntPtr, nuint*, IntPtr>)api[OrtApiSlot.SessionGetInputCount])(session, &count), "counting the model's inputs");
        return checked((int)count);
    }

    public static int GetOutputCount(IntPtr session)
    {
        nuint count;
        Check(((delegate* unmanaged[Cdecl]<IntPtr, nuint*, IntPtr>)api[OrtApiSlot.SessionGetOutputCount])(session, &count), "counting the model's outputs");
        return checked((int)count);
    }

    /// <summary>The name of input or output <paramref name="index"/>, copied and freed at once.</summary>
    public static string GetName(IntPtr session, int index, bool isInput)
    {
        IntPtr allocator;
        Check(((delegate* unmanaged[Cdecl]<IntPtr*, IntPtr>)api[OrtApiSlot.GetAllocatorWithDefaultOptions])(&allocator), "getting the default allocator");
        IntPtr name;
        var slot = isInput ? OrtApiSlot.SessionGetInputName : OrtApiSlot.SessionGetOutputName;
        Check(((delegate* unmanaged[Cdecl]<IntPtr, nuint, IntPtr, IntPtr*, IntPtr>)api[slot])(session, (nuint)index, allocator, &name), "reading a model input or output name");
        try
        {
            return Marshal.PtrToStringUTF8(name) ?? string.Empty;
        }
        finally
        {
            Check(((delegate* unmanaged[Cdecl]<IntPtr, IntPtr, IntPtr>)api[OrtApiSlot.AllocatorFree])(allocator, name), "freeing a name");
        }
    }

    /// <summary>Creates the type info of input or output <paramref name="index"/> (owned by the caller).</summary>
    public static IntPtr GetTypeInfo(IntPtr session, int index, bool isInput)
    {
        IntPtr typeInfo;
        var slot = isInput ? OrtApiSlot.SessionGetInputTypeInfo : OrtApiSlot.SessionGetOutputTypeInfo;
        Check(((delegate* unmanaged[Cdecl]<IntPtr, nuint, IntPtr*, IntPtr>)api[slot])(session, (nuint)index, &typeInfo), "reading a model input or output type");
        return typeInfo;
    }

    /// <summary>The tensor view of a type info, borrowed from it (never released), or zero for non-tensors.</summary>
    public static IntPtr CastToTensorInfo(IntPtr typeInfo)
    {
        IntPtr tensorInfo;
        Check(((delegate* unmanaged[Cdecl]<IntPtr, IntPtr*, IntPtr>)api[OrtApiSlot.CastTypeInfoToTensorInfo])(typeInfo, &tensorInfo), "reading tensor type information");
        return tensorInfo;
    }

    public static TensorElementType GetElementType(IntPtr tensorInfo)
    {
        int elementType;
        Check(((delegate* unmanaged[Cdecl]<IntPtr, int*, IntPtr>)api[OrtApiSlot.GetTensorElementType])(tensorInfo, &elementType), "reading a tensor element type");
        return (TensorElementType)elementType;
    }

    /// <summary>The dimensions of a tensor type: sizes (-1 where not fixed) and symbolic names ("" where none).</summary>
    public static TensorDimension[] GetDimensions(IntPtr tensorInfo)
    {
        nuint count;
        Check(((delegate* unmanaged[Cdecl]<IntPtr, nuint*, IntPtr>)api[OrtApiSlot.GetDimensionsCount])(tensorInfo, &count), "counting tensor dimensions");
        var sizes = new long[(int)count];
        var names = new IntPtr[(int)count];
        fixed (long* sizeArray = sizes)
        fixed (IntPtr* nameArray = names)
        {
            Check(((delegate* unmanaged[Cdecl]<IntPtr, long*, nuint, IntPtr>)api[OrtApiSlot.GetDimensions])(tensorInfo, sizeArray, count), "reading tensor dimensions");
            Check(((delegate* unmanaged[Cdecl]<IntPtr, IntPtr*, nuint, IntPtr>)api[OrtApiSlot.GetSymbolicDimensions])(tensorInfo, nameArray, count), "reading symbolic tensor dimensions");
        }

        var dimensions = new TensorDimension[sizes.Length];
        for (var axis = 0; axis < sizes.Length; axis++)
        {
            var name = names[axis] == IntPtr.Zero ? null : Marshal.PtrToStringUTF8(names[axis]);
            dimensions[axis] = sizes[axis] >= 0
                ? TensorDimension.Fixed(sizes[axis])
                : string.IsNullOrEmpty(name) ? TensorDimension.Unknown : TensorDimension.Symbolic(name);
        }

        return dimensions;
    }

    /// <summary>Wraps caller memory as a tensor without copying; the memory must stay pinned while the value lives.</summary>
    public static IntPtr CreateTensorOverMemory(IntPtr memoryInfo, void* data, long byteLength, ReadOnlySpan<long> shape, TensorElementType elementType, string operation)
    {
        IntPtr value;
        fixed (long* dimensions = shape)
        {
            Check(((delegate* unmanaged[Cdecl]<IntPtr, void*, nuint, long*, nuint, int, IntPtr*, IntPtr>)api[OrtApiSlot.CreateTensorWithDataAsOrtValue])(memoryInfo, data, (nuint)byteLength, dimensions, (nuint)shape.Length, (int)elementType, &value), operation);
        }

        return value;
    }

    public static IntPtr CreateRunOptions()
    {
        IntPtr runOptions;
        Check(((delegate* unmanaged[Cdecl]<IntPtr*, IntPtr>)api[OrtApiSlot.CreateRunOptions])(&runOptions), "creating run options");
        return runOptions;
    }

    public static void SetTerminate(IntPtr runOptions) =>
        Check(((delegate* unmanaged[Cdecl]<IntPtr, IntPtr>)api[OrtApiSlot.RunOptionsSetTerminate])(runOptions), "setting the terminate flag");

    public static void UnsetTerminate(IntPtr runOptions) =>
        Check(((delegate* unmanaged[Cdecl]<IntPtr, IntPtr>)api[OrtApiSlot.RunOptionsUnsetTerminate])(runOptions), "clearing the terminate flag");

    public static IntPtr CreateIoBinding(IntPtr session)
    {
        IntPtr binding;
        Check(((delegate* unmanaged[Cdecl]<IntPtr, IntPtr*, IntPtr>)api[OrtApiSlot.CreateIoBinding])(session, &binding), "creating an input/output binding");
        return binding;
    }

    /// <summary>Binds a value to a named input or output; the binding keeps its own reference to the value.</summary>
    public static void Bind(IntPtr binding, string name, IntPtr value, bool isInput)
    {
        var nameUtf8 = Utf8(name);
        var slot = isInput ? OrtApiSlot.BindInput : OrtApiSlot.BindOutput;
        fixed (byte* text = nameUtf8)
        {
            Check(((delegate* unmanaged[Cdecl]<IntPtr, byte*, IntPtr, IntPtr>)api[slot])(binding, text, value), isInput ? $"binding input '{name}'" : $"binding output '{name}'");
        }
    }

    /// <summary>Runs the session over bound values; allocates nothing on the managed heap.</summary>
    public static void RunWithBinding(IntPtr session, IntPtr runOptions, IntPtr binding) =>
        Check(((delegate* unmanaged[Cdecl]<IntPtr, IntPtr, IntPtr, IntPtr>)api[OrtApiSlot.RunWithBinding])(session, runOptions, binding), "running the model");

    /// <summary>The execution providers compiled into the loaded library ("CPUExecutionProvider", ...).</summary>
    public static string[] GetAvailableProviders()
    {
        IntPtr* providers;
        int count;
        Check(((delegate* unmanaged[Cdecl]<IntPtr**, int*, IntPtr>)api[OrtApiSlot.GetAvailableProviders])(&providers, &count), "listing execution providers");
        try
        {
            var names = new string[count];
            for (var index = 0; index < count; index++)
            {
                names[index] = Marshal.PtrToStringUTF8(providers[index]) ?? string.Empty;
            }

            return names;
        }
        finally
        {
            Check(((delegate* unmanaged[Cdecl]<IntPtr*, int, IntPtr>)api[OrtApiSlot.ReleaseAvailableProviders])(providers, count), "releasing the provider list");
        }
    }

    public static void ReleaseEnvironment(IntPtr handle) => Release(OrtApiSlot.ReleaseEnv, handle);

    public static void ReleaseMemoryInfo(IntPtr handle) => Release(OrtApiSlot.ReleaseMemoryInfo, handle);

    public static void ReleaseSession(IntPtr handle) => Release(OrtApiSlot.ReleaseSession, handle);

    public static void ReleaseSessionOptions(IntPtr handle) => Release(OrtApiSlot.ReleaseSessionOptions, handle);

    public static void ReleaseValue(IntPtr handle) => Release(OrtApiSlot.ReleaseValue, handle);

    public static void ReleaseRunOptions(IntPtr handle) => Release(OrtApiSlot.ReleaseRunOptions, handle);

    public static void ReleaseTypeInfo(IntPtr handle) => Release(OrtApiSlot.ReleaseTypeInfo, handle);

    public static void ReleaseIoBinding(IntPtr handle) => Release(OrtApiSlot.ReleaseIoBinding, handle);

    private static void Release(int slot, IntPtr handle) => ((delegate* unmanaged[Cdecl]<IntPtr, void>)api[slot])(handle);

    private static byte[] Utf8(string text)
    {
        var bytes = new byte[System.Text.Encoding.UTF8.GetByteCount(text) + 1];
        System.Text.Encoding.UTF8.GetBytes(text, bytes);
        return bytes;
    }
}
