using Microsoft.Win32.SafeHandles;

namespace RobotSdk.Simulation;

/// <summary>
/// Owns one <c>mjModel*</c> from the shim's loaders and frees it with <c>mj_deleteModel</c> exactly
/// once. Data and renderers made from the model hold a reference on this handle, so the model
/// outlives them whatever order callers dispose in.
/// </summary>
internal sealed class SafeMujocoModelHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    /// <summary>Takes ownership of <paramref name="model"/> (0 gives an invalid handle).</summary>
    public SafeMujocoModelHandle(nint model)
        : base(ownsHandle: true)
    {
        SetHandle(model);
    }

    protected override bool ReleaseHandle()
    {
        NativeMethods.FreeModel(handle);
        return true;
    }
}
