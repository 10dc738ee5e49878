using RobotSdk.Policy.Msgpack;

namespace RobotSdk.Policy.Tests.Msgpack;

/// <summary>openpi's numpy convention: maps with the bin keys __ndarray__, data, dtype, shape (and __npgeneric__ scalars).</summary>
public sealed class NumpyConventionTests
{
    [Fact]
    public void Float32Array_RoundTrips_WithDtypeAndShape()
    {
        var writer = new MsgpackWriter();
        NumpyMsgpack.WriteFloat32Array(writer, [1f, -2f, 3.5f, 4f, 5f, 6f], [3, 2]);
        var array = Assert.IsType<NumpyArray>(MsgpackReader.Read(writer.WrittenSpan));
        Assert.Same(NumpyDtype.Float32, array.Dtype);
        Assert.Equal([3, 2], array.Shape);
        Assert.Equal([1f, -2f, 3.5f, 4f, 5f, 6f], array.ToSingleArray());
        Assert.Equal([1d, -2d, 3.5d, 4d, 5d, 6d], array.ToDoubleArray());
    }

    [Fact]
    public void Float64Array_ConvertsToSingles()
    {
        var writer = new MsgpackWriter();
        byte[] data = [.. new[] { 0.5, -0.125 }.SelectMany(BitConverter.GetBytes)];
        NumpyMsgpack.WriteArray(writer, NumpyDtype.Float64, data, [1, 2]);
        var array = Assert.IsType<NumpyArray>(MsgpackReader.Read(writer.WrittenSpan));
        Assert.Equal([0.5f, -0.125f], array.ToSingleArray());
    }

    [Fact]
    public void UInt8Array_IsNotReadAsFloats()
    {
        var writer = new MsgpackWriter();
        NumpyMsgpack.WriteUInt8Array(writer, [1, 2, 3], [3]);
        var array = Assert.IsType<NumpyArray>(MsgpackReader.Read(writer.WrittenSpan));
        Assert.Equal(new byte[] { 1, 2, 3 }, array.AsBytes().ToArray());
        var error = Assert.Throws<FormatException>(() => array.ToSingleArray());
        Assert.Contains("got dtype |u1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WritingAShapeThatDoesNotMatchTheData_IsRefused()
    {
        var writer = new MsgpackWriter();
        var error = Assert.Throws<ArgumentException>(() => NumpyMsgpack.WriteFloat32Array(writer, [1f, 2f, 3f], [2, 2]));
        Assert.Contains("shape (2, 2) has 4 elements, but 3 were given", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(">f4", "numpy dtype '>f4' is big-endian")]
    [InlineData("<c8", "numpy dtype '<c8' is not supported")]
    [InlineData("|S3", "numpy dtype '|S3' is not supported")]
    public void UnsupportedDtypes_AreRejected_ByName(string dtype, string problem)
    {
        byte[] message = ArrayMap(dtype: dtype);
        var error = Assert.Throws<MsgpackFormatException>(() => MsgpackReader.Read(message));
        Assert.Equal(0, error.Offset);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DataOfTheWrongLength_IsRejected()
    {
        var error = Assert.Throws<MsgpackFormatException>(() => MsgpackReader.Read(ArrayMap(shape: [3])));
        Assert.Contains("needs 12 bytes of data, got 8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingOrExtraKey_IsRejected()
    {
        var writer = new MsgpackWriter();
        writer.WriteMapHeader(3);
        writer.WriteBinary("__ndarray__"u8);
        writer.WriteBoolean(true);
        writer.WriteBinary("data"u8);
        writer.WriteBinary(new byte[4]);
        writer.WriteBinary("dtype"u8);
        writer.WriteString("<f4");
        var error = Assert.Throws<MsgpackFormatException>(() => MsgpackReader.Read(writer.WrittenSpan));
        Assert.Contains("expected exactly the bin keys b\"__ndarray__\", b\"data\", b\"dtype\", b\"shape\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShapeThatIsNotAnArrayOfSizes_IsRejected()
    {
        var error = Assert.Throws<MsgpackFormatException>(() => MsgpackReader.Read(ArrayMap(shape: [-2])));
        Assert.Contains("b\"shape\" is an array of 1, expected an array of non-negative integers", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StrKeysThatLookLikeTheConvention_StayAnOrdinaryMap()
    {
        // The convention's keys are bin; a str "__ndarray__" is an ordinary key, as in openpi's hook.
        var writer = new MsgpackWriter();
        writer.WriteMapHeader(1);
        writer.WriteString("__ndarray__");
        writer.WriteBoolean(true);
        var map = Assert.IsType<MsgpackMap>(MsgpackReader.Read(writer.WrittenSpan));
        Assert.Equal(true, map["__ndarray__"]);
    }

    [Fact]
    public void NumpyScalar_IsReadWithItsDtype()
    {
        var writer = new MsgpackWriter();
        writer.WriteMapHeader(3);
        writer.WriteBinary("__npgeneric__"u8);
        writer.WriteBoolean(true);
        writer.WriteBinary("data"u8);
        writer.WriteDouble(1.5);
        writer.WriteBinary("dtype"u8);
        writer.WriteString("<f4");
        var scalar = Assert.IsType<NumpyScalar>(MsgpackReader.Read(writer.WrittenSpan));
        Assert.Same(NumpyDtype.Float32, scalar.Dtype);
        Assert.Equal(1.5, scalar.ToDouble());
    }

    private static byte[] ArrayMap(string dtype = "<f4", int[]? shape = null)
    {
        var writer = new MsgpackWriter();
        writer.WriteMapHeader(4);
        writer.WriteBinary("__ndarray__"u8);
        writer.WriteBoolean(true);
        writer.WriteBinary("data"u8);
        writer.WriteBinary(new byte[8]);
        writer.WriteBinary("dtype"u8);
        writer.WriteString(dtype);
        writer.WriteBinary("shape"u8);
        shape ??= [2];
        writer.WriteArrayHeader(shape.Length);
        foreach (int dimension in shape)
        {
            writer.WriteInteger(dimension);
        }

        return writer.WrittenSpan.ToArray();
    }
}
