namespace RobotSdk.Policy.Onnx.Native;

/// <summary>Owns an <c>OrtTypeInfo</c> (the type of one model input or output), read once at load time.</summary>
internal sealed class OrtTypeInfoHandle : OrtHandle
{
    public OrtTypeInfoHandle(IntPtr handle)
        : base(handle)
    {
    }

    protected override bool ReleaseHandle()
    {
        OnnxRuntimeNative.ReleaseTypeInfo(handle);
        return true;
    }
}
