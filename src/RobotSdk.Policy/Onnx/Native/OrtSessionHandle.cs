namespace RobotSdk.Policy.Onnx.Native;

/// <summary>Owns an <c>OrtSession</c>: the loaded model, its optimized graph, kernels and thread pools.</summary>
internal sealed class OrtSessionHandle : OrtHandle
{
    public OrtSessionHandle(IntPtr handle)
        : base(handle)
    {
    }

    protected override bool ReleaseHandle()
    {
        OnnxRuntimeNative.ReleaseSession(handle);
        return true;
    }
}
