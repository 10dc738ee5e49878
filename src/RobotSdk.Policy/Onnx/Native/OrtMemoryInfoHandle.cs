namespace RobotSdk.Policy.Onnx.Native;

/// <summary>Owns an <c>OrtMemoryInfo</c> describing where tensor memory lives (CPU here).</summary>
internal sealed class OrtMemoryInfoHandle : OrtHandle
{
    public OrtMemoryInfoHandle(IntPtr handle)
        : base(handle)
    {
    }

    protected override bool ReleaseHandle()
    {
        OnnxRuntimeNative.ReleaseMemoryInfo(handle);
        return true;
    }
}
