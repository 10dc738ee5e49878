using RobotSdk.Policy.Onnx;
using RobotSdk.Policy.Onnx.Native;

namespace RobotSdk.Policy.Tests.Onnx;

/// <summary>
/// The function table slots and the status check, against the real library: a wrong slot index
/// would call a different function and fail these (or crash the test host).
/// </summary>
public sealed class OnnxRuntimeNativeTests
{
    [Fact]
    public void Library_ReportsVersion_1_30_0()
    {
        OnnxRuntimeLibrary.Load();

        Assert.Equal(OnnxRuntimeLibrary.ExpectedVersion, OnnxRuntimeLibrary.Version);
        Assert.EndsWith(OnnxRuntimeLibrary.LibraryFileName, OnnxRuntimeLibrary.LibraryPath, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(OnnxRuntimeErrorCode.InvalidArgument, "shape is wrong")]
    [InlineData(OnnxRuntimeErrorCode.NoSuchFile, "café.onnx missing")]
    public void Check_OfAFailedStatus_ThrowsItsCodeAndMessage(OnnxRuntimeErrorCode code, string message)
    {
        OnnxRuntimeLibrary.Load();
        var status = OnnxRuntimeNative.CreateStatus(code, message);

        var exception = Assert.Throws<OnnxRuntimeException>(() => OnnxRuntimeNative.Check(status, "testing the status path"));

        Assert.Equal(code, exception.ErrorCode);
        Assert.Equal(message, exception.NativeMessage);
        Assert.Equal($"ONNX Runtime failed testing the status path: {message} ({code})", exception.Message);
    }

    [Fact]
    public void Check_OfSuccess_DoesNothing()
    {
        OnnxRuntimeNative.Check(IntPtr.Zero, "nothing");
    }

    [Fact]
    public void Load_WithAnotherLibraryPathAfterLoading_Throws_NamingBothPaths()
    {
        var loaded = OnnxRuntimeLibrary.Load();

        var exception = Assert.Throws<InvalidOperationException>(() => OnnxRuntimeLibrary.Load("/opt/other/libonnxruntime.so.1"));

        Assert.Contains(loaded, exception.Message, StringComparison.Ordinal);
        Assert.Contains("/opt/other/libonnxruntime.so.1", exception.Message, StringComparison.Ordinal);
    }
}
