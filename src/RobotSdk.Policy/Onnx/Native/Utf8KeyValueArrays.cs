using System.Runtime.InteropServices;

namespace RobotSdk.Policy.Onnx.Native;

/// <summary>
/// Two parallel native arrays of NUL-terminated UTF-8 strings (keys and values), the form the C API
/// takes provider options in. Owns all of its native memory and frees it on dispose.
/// </summary>
internal sealed unsafe class Utf8KeyValueArrays : IDisposable
{
    public Utf8KeyValueArrays(IReadOnlyDictionary<string, string> pairs)
    {
        Count = pairs.Count;
        Keys = (byte**)NativeMemory.AllocZeroed((nuint)Math.Max(Count, 1), (nuint)sizeof(byte*));
        Values = (byte**)NativeMemory.AllocZeroed((nuint)Math.Max(Count, 1), (nuint)sizeof(byte*));
        var index = 0;
        foreach (var (key, value) in pairs)
        {
            Keys[index] = (byte*)Marshal.StringToCoTaskMemUTF8(key);
            Values[index] = (byte*)Marshal.StringToCoTaskMemUTF8(value);
            index++;
        }
    }

    public int Count { get; }

    public byte** Keys { get; private set; }

    public byte** Values { get; private set; }

    public void Dispose()
    {
        if (Keys == null)
        {
            return;
        }

        for (var index = 0; index < Count; index++)
        {
            Marshal.FreeCoTaskMem((IntPtr)Keys[index]);
            Marshal.FreeCoTaskMem((IntPtr)Values[index]);
        }

        NativeMemory.Free(Keys);
        NativeMemory.Free(Values);
        Keys = null;
        Values = null;
    }
}
