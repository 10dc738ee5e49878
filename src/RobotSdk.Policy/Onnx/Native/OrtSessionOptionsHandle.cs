namespace RobotSdk.Policy.Onnx.Native;

/// <summary>Owns an <c>OrtSessionOptions</c>; a session copies what it needs, so options are released right after creating it.</summary>
internal sealed class OrtSessionOptionsHandle : OrtHandle
{
    public OrtSessionOptionsHandle(IntPtr handle)
        : base(handle)
    {
    }

    protected override bool ReleaseHandle()
    {
        OnnxRuntimeNative.ReleaseSessionOptions(handle);
        return true;
    }
}
