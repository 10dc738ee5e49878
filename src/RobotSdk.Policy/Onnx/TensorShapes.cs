namespace RobotSdk.Policy.Onnx;

/// <summary>Formatting and element counts of shapes, for bind-time checks and their messages.</summary>
internal static class TensorShapes
{
    public static string Format(IReadOnlyList<TensorDimension> dimensions) =>
        "[" + string.Join(", ", dimensions) + "]";

    public static string Format(ReadOnlySpan<long> shape) =>
        "[" + string.Join(", ", shape.ToArray()) + "]";

    /// <summary>The number of elements of <paramref name="shape"/>; -1 when a dimension is negative or it overflows.</summary>
    public static long ElementCount(ReadOnlySpan<long> shape)
    {
        long count = 1;
        foreach (var size in shape)
        {
            if (size < 0)
            {
                return -1;
            }

            try
            {
                count = checked(count * size);
            }
            catch (OverflowException)
            {
                return -1;
            }
        }

        return count;
    }
}
