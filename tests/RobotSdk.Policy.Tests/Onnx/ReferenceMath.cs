namespace RobotSdk.Policy.Tests.Onnx;

/// <summary>Plain loops the ONNX results are compared with (row-major, accumulated in double).</summary>
internal static class ReferenceMath
{
    public static float[] MatMul(float[] left, float[] right, int rows, int inner, int columns)
    {
        var result = new float[rows * columns];
        for (var row = 0; row < rows; row++)
        {
            for (var column = 0; column < columns; column++)
            {
                double sum = 0;
                for (var k = 0; k < inner; k++)
                {
                    sum += (double)left[(row * inner) + k] * right[(k * columns) + column];
                }

                result[(row * columns) + column] = (float)sum;
            }
        }

        return result;
    }

    /// <summary>Adds <paramref name="row"/> to every row of <paramref name="matrix"/> (ONNX broadcasting of a [columns] bias).</summary>
    public static float[] AddRow(float[] matrix, float[] row)
    {
        var result = new float[matrix.Length];
        for (var index = 0; index < matrix.Length; index++)
        {
            result[index] = matrix[index] + row[index % row.Length];
        }

        return result;
    }

    public static float[] Relu(float[] values) => [.. values.Select(value => Math.Max(0f, value))];

    public static void AssertClose(float[] expected, ReadOnlySpan<float> actual, float tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var index = 0; index < expected.Length; index++)
        {
            Assert.True(
                Math.Abs(expected[index] - actual[index]) <= tolerance * Math.Max(1f, Math.Abs(expected[index])),
                $"{what}[{index}]: expected {expected[index]}, got {actual[index]}");
        }
    }
}
