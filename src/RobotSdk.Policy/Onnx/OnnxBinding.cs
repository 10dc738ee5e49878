using System.Buffers;
using RobotSdk.Policy.Onnx.Native;

namespace RobotSdk.Policy.Onnx;

/// <summary>
/// Caller buffers bound to an <see cref="OnnxSession"/>'s inputs and outputs through an ONNX Runtime
/// io binding. Each bound buffer is pinned and wrapped as a tensor without copying, so a run reads
/// the inputs where the caller wrote them and writes the outputs where the caller reads them; a run
/// allocates nothing on the managed heap.
/// </summary>
/// <remarks>
/// Native lifetime: the binding owns its <c>OrtIoBinding</c>, its <c>OrtRunOptions</c> (the terminate
/// flag) and one <c>OrtValue</c> per bound name; it keeps each caller buffer pinned until that name is
/// rebound or the binding is disposed. The caller must not resize or free a bound buffer's storage
/// (a pooled array returned early, for instance) while it is bound.
/// </remarks>
public sealed class OnnxBinding : IInferenceBinding
{
    private readonly OnnxSession session;
    private readonly OrtIoBindingHandle binding;
    private readonly OrtRunOptionsHandle runOptions;
    private readonly Lock lifetimeGate = new();
    private readonly BoundTensor?[] inputs;
    private readonly BoundTensor?[] outputs;
    private int boundInputCount;
    private int boundOutputCount;
    private int terminateRequested;
    private bool disposed;

    internal OnnxBinding(OnnxSession session)
    {
        this.session = session;
        binding = new OrtIoBindingHandle(OnnxRuntimeNative.CreateIoBinding(session.Handle.DangerousGetHandle()));
        runOptions = new OrtRunOptionsHandle(OnnxRuntimeNative.CreateRunOptions());
        inputs = new BoundTensor?[session.Inputs.Count];
        outputs = new BoundTensor?[session.Outputs.Count];
    }

    /// <inheritdoc/>
    public void BindInput<T>(string name, Memory<T> buffer, ReadOnlySpan<long> shape)
        where T : unmanaged => Bind(name, buffer, shape, isInput: true);

    /// <inheritdoc/>
    public void BindOutput<T>(string name, Memory<T> buffer, ReadOnlySpan<long> shape)
        where T : unmanaged => Bind(name, buffer, shape, isInput: false);

    /// <inheritdoc/>
    public void Run()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (boundInputCount != inputs.Length || boundOutputCount == 0)
        {
            throw new InvalidOperationException(DescribeMissingBindings());
        }

        // A terminate that arrives before this point is for an earlier run: clear it. The managed
        // flag is cleared first so a terminate racing with this line is still reported as one.
        Volatile.Write(ref terminateRequested, 0);
        var sessionAdded = false;
        var bindingAdded = false;
        var runOptionsAdded = false;
        try
        {
            session.Handle.DangerousAddRef(ref sessionAdded);
            binding.DangerousAddRef(ref bindingAdded);
            runOptions.DangerousAddRef(ref runOptionsAdded);
            OnnxRuntimeNative.UnsetTerminate(runOptions.DangerousGetHandle());
            OnnxRuntimeNative.RunWithBinding(session.Handle.DangerousGetHandle(), runOptions.DangerousGetHandle(), binding.DangerousGetHandle());
        }
        catch (OnnxRuntimeException exception) when (Volatile.Read(ref terminateRequested) != 0)
        {
            throw new OnnxRunTerminatedException(exception);
        }
        finally
        {
            if (runOptionsAdded)
            {
                runOptions.DangerousRelease();
            }

            if (bindingAdded)
            {
                binding.DangerousRelease();
            }

            if (sessionAdded)
            {
                session.Handle.DangerousRelease();
            }
        }
    }

    /// <summary>Releases the native binding, run options and tensor values, and unpins the buffers.</summary>
    public void Dispose()
    {
        lock (lifetimeGate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
        }

        session.Forget(this);
        binding.Dispose();
        runOptions.Dispose();
        foreach (var bound in inputs.Concat(outputs))
        {
            bound?.Dispose();
        }
    }

    /// <summary>Sets this binding's terminate flag (called by <see cref="OnnxSession.Terminate"/>, any thread).</summary>
    internal void RequestTerminate()
    {
        lock (lifetimeGate)
        {
            if (disposed)
            {
                return;
            }

            Volatile.Write(ref terminateRequested, 1);
            OnnxRuntimeNative.SetTerminate(runOptions.DangerousGetHandle());
        }
    }

    private unsafe void Bind<T>(string name, Memory<T> buffer, ReadOnlySpan<long> shape, bool isInput)
        where T : unmanaged
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        ArgumentNullException.ThrowIfNull(name);
        var declared = isInput ? session.Inputs : session.Outputs;
        var kind = isInput ? "input" : "output";
        var index = IndexOf(declared, name);
        if (index < 0)
        {
            throw new ArgumentException(
                $"The model has no {kind} named '{name}'; its {kind}s are: {string.Join("; ", declared)}.", nameof(name));
        }

        var metadata = declared[index];
        var given = TensorElementTypes.Of<T>();
        if (given == TensorElementType.Undefined)
        {
            throw new ArgumentException($"{typeof(T).Name} buffers cannot be bound: it has no ONNX tensor element type.", nameof(buffer));
        }

        if (given != metadata.ElementType)
        {
            throw new ArgumentException(
                $"The model's {kind} '{name}' expects {metadata.ElementType} elements; the buffer given holds {given} ({typeof(T).Name}).", nameof(buffer));
        }

        if (!ShapeFits(metadata.Dimensions, shape))
        {
            throw new ArgumentException(
                $"The model's {kind} '{name}' expects shape {metadata.ShapeText}; the shape given is {TensorShapes.Format(shape)}.", nameof(shape));
        }

        var elementCount = TensorShapes.ElementCount(shape);
        if (elementCount != buffer.Length)
        {
            throw new ArgumentException(
                $"The {kind} '{name}' has shape {TensorShapes.Format(shape)} ({elementCount} elements) but the buffer holds {buffer.Length} elements.", nameof(buffer));
        }

        var pin = buffer.Pin();
        OrtValueHandle? value = null;
        try
        {
            value = new OrtValueHandle(OnnxRuntimeNative.CreateTensorOverMemory(
                OnnxRuntimeLibrary.CpuMemory.DangerousGetHandle(), pin.Pointer, elementCount * sizeof(T), shape, given, $"wrapping the buffer of {kind} '{name}'"));
            OnnxRuntimeNative.Bind(binding.DangerousGetHandle(), name, value.DangerousGetHandle(), isInput);
        }
        catch
        {
            value?.Dispose();
            pin.Dispose();
            throw;
        }

        var slots = isInput ? inputs : outputs;
        var previous = slots[index];
        slots[index] = new BoundTensor(value, pin);
        if (previous is null)
        {
            if (isInput)
            {
                boundInputCount++;
            }
            else
            {
                boundOutputCount++;
            }
        }
        else
        {
            previous.Dispose();
        }
    }

    private static bool ShapeFits(IReadOnlyList<TensorDimension> declared, ReadOnlySpan<long> shape)
    {
        if (declared.Count != shape.Length)
        {
            return false;
        }

        for (var axis = 0; axis < shape.Length; axis++)
        {
            if (!declared[axis].Accepts(shape[axis]))
            {
                return false;
            }
        }

        return true;
    }

    private static int IndexOf(IReadOnlyList<TensorMetadata> declared, string name)
    {
        for (var index = 0; index < declared.Count; index++)
        {
            if (string.Equals(declared[index].Name, name, StringComparison.Ordinal))
            {
                return index;
            }
        }

        return -1;
    }

    private string DescribeMissingBindings()
    {
        var missingInputs = session.Inputs.Where((_, index) => inputs[index] is null).Select(input => $"'{input.Name}'").ToArray();
        return missingInputs.Length > 0
            ? $"Cannot run: input {string.Join(", ", missingInputs)} is not bound (call BindInput first)."
            : $"Cannot run: no output is bound (call BindOutput for at least one of {string.Join(", ", session.Outputs.Select(output => $"'{output.Name}'"))}).";
    }

    /// <summary>One bound name: the tensor value over the caller's buffer and the pin that keeps it in place.</summary>
    private sealed class BoundTensor(OrtValueHandle value, MemoryHandle pin) : IDisposable
    {
        private MemoryHandle pin = pin;

        public void Dispose()
        {
            value.Dispose();
            pin.Dispose();
        }
    }
}
