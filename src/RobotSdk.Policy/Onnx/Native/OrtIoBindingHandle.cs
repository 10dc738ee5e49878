namespace RobotSdk.Policy.Onnx.Native;

/// <summary>Owns an <c>OrtIoBinding</c>: the inputs and outputs a run reads and writes, bound once and reused.</summary>
internal sealed class OrtIoBindingHandle : OrtHandle
{
    public OrtIoBindingHandle(IntPtr handle)
        : base(handle)
    {
    }

    protected override bool ReleaseHandle()
    {
        OnnxRuntimeNative.ReleaseIoBinding(handle);
        return true;
    }
}
