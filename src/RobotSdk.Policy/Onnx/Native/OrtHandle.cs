using System.Runtime.InteropServices;

namespace RobotSdk.Policy.Onnx.Native;

/// <summary>
/// Owns one ONNX Runtime object (a pointer the C API created) and releases it exactly once with
/// the object's own Release function. The SafeHandle reference count keeps the object alive while
/// a call that added a reference (a run) is still using it.
/// </summary>
internal abstract class OrtHandle : SafeHandle
{
    protected OrtHandle(IntPtr handle)
        : base(IntPtr.Zero, ownsHandle: true)
    {
        SetHandle(handle);
    }

    public override bool IsInvalid => handle == IntPtr.Zero;
}
