using RobotSdk.Geometry;
using RobotSdk.Virtual.Tasks;

namespace RobotSdk.PolicyTraining;

/// <summary>
/// The demonstrator: knows where the red cube is and plans the tool's path to it, a chunk of
/// <see cref="TouchCubePolicyShape.ChunkLength"/> absolute tool positions from the measured one.
/// The tool follows a funnel: it aims at a point over the cube that is higher the further away the
/// tool is horizontally (so it comes down on the cube from above rather than sweeping into it), ends
/// 10 mm below the cube's top face (so the touch is firm, not grazing) and moves at most
/// <see cref="SpeedMetersPerSecond"/>. The plan is a function of the tool and cube positions only,
/// so consecutive chunks agree, and a chunk planned from any visited state is the right label for it.
/// </summary>
internal static class TouchCubeExpert
{
    /// <summary>Largest tool speed, metres per second.</summary>
    public const double SpeedMetersPerSecond = 0.1;

    /// <summary>How far below the cube's top face the path ends, metres.</summary>
    public const double PressDepth = 0.01;

    /// <summary>Height over the end point per metre of horizontal distance (the funnel's slope).</summary>
    public const double FunnelSlope = 1.5;

    /// <summary>The funnel's top: the aim point is at most this far above the end point, metres.</summary>
    public const double FunnelHeight = 0.08;

    /// <summary>Writes the chunk planned from tool position <paramref name="tool"/> for a cube centred at <paramref name="cube"/> (base frame) into <paramref name="chunk"/>: x, y, z per action.</summary>
    public static void Plan(Vector3D tool, Vector3D cube, Span<float> chunk)
    {
        double step = SpeedMetersPerSecond / TouchCubePolicyShape.ControlRateHertz;
        double endZ = cube.Z + TouchCubeTask.CubeHalfEdge - PressDepth;
        Vector3D position = tool;
        for (int k = 0; k < TouchCubePolicyShape.ChunkLength; k++)
        {
            double dx = cube.X - position.X, dy = cube.Y - position.Y;
            double horizontal = Math.Sqrt((dx * dx) + (dy * dy));
            var aim = new Vector3D(cube.X, cube.Y, endZ + Math.Min(FunnelHeight, FunnelSlope * horizontal));
            Vector3D toAim = aim - position;
            double length = toAim.Length;
            position = length <= step ? aim : position + (step / length * toAim);
            chunk[(k * 3) + 0] = (float)position.X;
            chunk[(k * 3) + 1] = (float)position.Y;
            chunk[(k * 3) + 2] = (float)position.Z;
        }
    }
}
