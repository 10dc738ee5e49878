namespace RobotSdk.Policy.Onnx.Native;

/// <summary>Owns the process-wide <c>OrtEnv</c> (logging and global state); created once, released only at process exit.</summary>
internal sealed class OrtEnvironmentHandle : OrtHandle
{
    public OrtEnvironmentHandle(IntPtr handle)
        : base(handle)
    {
    }

    protected override bool ReleaseHandle()
    {
        OnnxRuntimeNative.ReleaseEnvironment(handle);
        return true;
    }
}
