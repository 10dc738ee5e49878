using Microsoft.Win32.SafeHandles;

namespace RobotSdk.Simulation;

/// <summary>
/// Owns one <c>mjData*</c> and frees it with <c>mj_deleteData</c> exactly once. It keeps a reference
/// on its model's handle until then: MuJoCo's data must never outlive the model it was made for.
/// </summary>
internal sealed class SafeMujocoDataHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    private readonly SafeMujocoModelHandle model;

    /// <summary>Takes ownership of <paramref name="data"/>, made for <paramref name="model"/>, and references the model.</summary>
    public SafeMujocoDataHandle(nint data, SafeMujocoModelHandle model)
        : base(ownsHandle: true)
    {
        this.model = model;
        bool added = false;
        model.DangerousAddRef(ref added);
        SetHandle(data);
    }

    protected override bool ReleaseHandle()
    {
        NativeMethods.FreeData(handle);
        model.DangerousRelease();
        return true;
    }
}
