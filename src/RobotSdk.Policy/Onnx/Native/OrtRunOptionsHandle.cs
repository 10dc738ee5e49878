namespace RobotSdk.Policy.Onnx.Native;

/// <summary>Owns an <c>OrtRunOptions</c>, which carries the terminate flag an emergency stop sets.</summary>
internal sealed class OrtRunOptionsHandle : OrtHandle
{
    public OrtRunOptionsHandle(IntPtr handle)
        : base(handle)
    {
    }

    protected override bool ReleaseHandle()
    {
        OnnxRuntimeNative.ReleaseRunOptions(handle);
        return true;
    }
}
