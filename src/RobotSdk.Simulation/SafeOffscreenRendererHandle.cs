using Microsoft.Win32.SafeHandles;

namespace RobotSdk.Simulation;

/// <summary>
/// Owns one shim renderer (an OSMesa context with MuJoCo's mjrContext and mjvScene) and frees it
/// exactly once; it references its model until then, because freeing the GL context reads it.
/// </summary>
internal sealed class SafeOffscreenRendererHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    private readonly SafeMujocoModelHandle model;

    /// <summary>Takes ownership of <paramref name="renderer"/>, made for <paramref name="model"/>, and references the model.</summary>
    public SafeOffscreenRendererHandle(nint renderer, SafeMujocoModelHandle model)
        : base(ownsHandle: true)
    {
        this.model = model;
        bool added = false;
        model.DangerousAddRef(ref added);
        SetHandle(renderer);
    }

    protected override bool ReleaseHandle()
    {
        NativeMethods.FreeRenderer(handle);
        model.DangerousRelease();
        return true;
    }
}
