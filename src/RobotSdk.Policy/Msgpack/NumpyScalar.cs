namespace RobotSdk.Policy.Msgpack;

/// <summary>
/// A numpy scalar (<c>np.float32(1.5)</c>, <c>np.int64(3)</c>) as openpi's msgpack convention carries
/// it: the map <c>{__npgeneric__: true, data, dtype}</c> with bin keys, where <c>data</c> is the plain
/// msgpack value of <c>obj.item()</c>.
/// </summary>
/// <param name="Dtype">The numpy type of the scalar.</param>
/// <param name="Value">The value as the reader decoded it: <see cref="bool"/>, <see cref="long"/>, <see cref="ulong"/> or <see cref="double"/>/<see cref="float"/>.</param>
public sealed record NumpyScalar(NumpyDtype Dtype, object Value)
{
    /// <summary>The value as a double (booleans as 0 or 1).</summary>
    public double ToDouble() => Value switch
    {
        bool flag => flag ? 1 : 0,
        long integer => integer,
        ulong integer => integer,
        float single => single,
        double number => number,
        _ => throw new FormatException($"numpy scalar of dtype {Dtype} holds a {Value.GetType().Name}, not a number."),
    };
}
