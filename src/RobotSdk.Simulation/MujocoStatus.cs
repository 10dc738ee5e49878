using System.Runtime.InteropServices;

namespace RobotSdk.Simulation;

/// <summary>The one place where the shim's status codes become exceptions.</summary>
internal static unsafe class MujocoStatus
{
    /// <summary>Throws unless <paramref name="status"/> is <see cref="NativeMethods.Ok"/>; allocates only when it throws.</summary>
    /// <param name="status">What the shim returned.</param>
    /// <param name="operation">The MuJoCo operation, for the message (a literal: no allocation).</param>
    public static void ThrowIfFailed(int status, string operation)
    {
        if (status != NativeMethods.Ok)
        {
            Throw(status, operation);
        }
    }

    /// <summary>MuJoCo's last fatal error message on this thread (the shim keeps one per thread).</summary>
    public static string LastError() => Marshal.PtrToStringUTF8((nint)NativeMethods.LastError()) ?? string.Empty;

    /// <summary>Copies a NUL-terminated error buffer the shim filled.</summary>
    public static string FromBuffer(ReadOnlySpan<byte> buffer)
    {
        int end = buffer.IndexOf((byte)0);
        return System.Text.Encoding.UTF8.GetString(end < 0 ? buffer : buffer[..end]).Trim();
    }

    private static void Throw(int status, string operation) => throw (status == NativeMethods.BadArgument
        ? new InvalidOperationException($"{operation}: the shim rejected an index or buffer length (a binding bug; managed checks should have caught it).")
        : new SimulationException($"{operation} failed: {LastError()}", LastError()));
}
