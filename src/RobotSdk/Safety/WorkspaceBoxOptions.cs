using RobotSdk.Geometry;

namespace RobotSdk.Safety;

/// <summary>Configuration form of a <see cref="WorkspaceBox"/>: two corners as three numbers each, metres.</summary>
public sealed class WorkspaceBoxOptions
{
    /// <summary>Lowest corner [x, y, z].</summary>
    public double[] Min { get; set; } = [];

    /// <summary>Highest corner [x, y, z].</summary>
    public double[] Max { get; set; } = [];

    /// <summary>The box; call only after validation (three numbers each, Min below Max).</summary>
    public WorkspaceBox ToBox() => new(new Vector3D(Min[0], Min[1], Min[2]), new Vector3D(Max[0], Max[1], Max[2]));
}
