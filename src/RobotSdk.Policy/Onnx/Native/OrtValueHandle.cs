namespace RobotSdk.Policy.Onnx.Native;

/// <summary>Owns an <c>OrtValue</c>. For tensors created over caller memory the value does not own that memory, which must stay pinned while the value lives.</summary>
internal sealed class OrtValueHandle : OrtHandle
{
    public OrtValueHandle(IntPtr handle)
        : base(handle)
    {
    }

    protected override bool ReleaseHandle()
    {
        OnnxRuntimeNative.ReleaseValue(handle);
        return true;
    }
}
