using RobotSdk.Geometry;

namespace RobotSdk.Safety;

/// <summary>An axis-aligned box in the world frame that the tool point must stay inside, metres.</summary>
/// <param name="Min">Lowest corner.</param>
/// <param name="Max">Highest corner.</param>
public readonly record struct WorkspaceBox(Vector3D Min, Vector3D Max)
{
    /// <summary>Distance from <paramref name="point"/> to the box; 0 inside.</summary>
    public double DistanceOutside(Vector3D point)
    {
        double dx = Math.Max(0, Math.Max(Min.X - point.X, point.X - Max.X));
        double dy = Math.Max(0, Math.Max(Min.Y - point.Y, point.Y - Max.Y));
        double dz = Math.Max(0, Math.Max(Min.Z - point.Z, point.Z - Max.Z));
        return Math.Sqrt((dx * dx) + (dy * dy) + (dz * dz));
    }

    /// <summary>Whether <paramref name="point"/> is inside or on the box.</summary>
    public bool Contains(Vector3D point) => DistanceOutside(point) == 0;
}
