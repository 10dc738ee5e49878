using System.Collections.ObjectModel;
using RobotSdk.Geometry;
using RobotSdk.Simulation;

namespace RobotSdk.Virtual.Tasks;

/// <summary>
/// The tabletop task of the bundled learned policy: bring the tool to the red cube and touch it.
/// Each episode's seed places the red cube at a random spot of <see cref="CubeRegionMinimum"/> ..
/// <see cref="CubeRegionMaximum"/> (the arm's base frame, so the same for every arm) with a random
/// yaw, the green and blue cubes as distractors at seeded spots of a strip beyond that region
/// (<see cref="DistractorRegionMinimum"/> .. <see cref="DistractorRegionMaximum"/>: in the camera's
/// view, never on the red cube's spot), apart from each other, and picks a start point for the tool
/// above the table. The
/// episode succeeds when MuJoCo reports a contact between any geom of the arm and the red cube.
/// The policy sees the scene through the <see cref="CameraName"/> camera, which sits at the same
/// pose relative to the base in every supported arm's world.
/// </summary>
/// <remarks>
/// Works on a world that runs in real time (behind a virtual arm and its real driver: every read
/// and placement goes through <see cref="VirtualWorld.Access"/>) and on one stepped by hand.
/// </remarks>
public sealed class TouchCubeTask
{
    /// <summary>The camera the policy sees through: straight down over the cube region, 0.5 m above the base.</summary>
    public const string CameraName = "overhead";

    /// <summary>Width the <see cref="CameraName"/> camera is rendered at for the bundled policy, pixels.</summary>
    public const int CameraWidth = 64;

    /// <summary>Height the <see cref="CameraName"/> camera is rendered at for the bundled policy, pixels.</summary>
    public const int CameraHeight = 64;

    /// <summary>The body (and geom) of the cube to touch.</summary>
    public const string TargetCube = "red_cube";

    /// <summary>Half the cube's edge, metres.</summary>
    public const double CubeHalfEdge = 0.0125;

    /// <summary>Least distance between two cube centres, metres (a cube's diagonal plus a gap).</summary>
    public const double MinimumCubeSpacing = 0.055;

    private const int PlacementAttempts = 1000;

    private readonly int _baseBody;
    private readonly int _targetBody;
    private readonly int[] _cubeJoints;
    private readonly int[] _cubeBodies;

    /// <summary>Sets the task up for <paramref name="arm"/>'s world.</summary>
    /// <param name="arm">One of <see cref="SupportedArms"/> (<see cref="SimulatedArms.Get"/>).</param>
    /// <param name="model">The compiled model of the arm's world (for example <see cref="VirtualWorld.Model"/>).</param>
    /// <exception cref="ArgumentException">The arm is not supported, or its world lacks the camera or a cube.</exception>
    public TouchCubeTask(SimulatedArmModel arm, MujocoModel model)
    {
        ArgumentNullException.ThrowIfNull(arm);
        ArgumentNullException.ThrowIfNull(model);
        if (!ReadyPoses.TryGetValue(arm.Name, out double[]? ready))
        {
            throw new ArgumentException($"The touch-cube task supports {string.Join(", ", SupportedArms)}, not '{arm.Name}'.", nameof(arm));
        }

        if (!model.CameraNames.Contains(CameraName))
        {
            throw new ArgumentException($"The world of '{arm.Name}' ({model.Source}) has no '{CameraName}' camera.", nameof(model));
        }

        Arm = arm;
        ReadyPose = Array.AsReadOnly(ready);
        _baseBody = model.GetBodyIndex("base");
        _targetBody = model.GetBodyIndex(TargetCube);
        _cubeBodies = [_targetBody, .. Distractors.Select(model.GetBodyIndex)];
        _cubeJoints = [.. new[] { TargetCube }.Concat(Distractors).Select(model.GetJointIndex)];
    }

    /// <summary>The arms whose worlds have the task's camera, with a ready pose.</summary>
    public static IReadOnlyList<string> SupportedArms { get; } = Array.AsReadOnly(["so101", "wx250s"]);

    /// <summary>The cubes that are not the target.</summary>
    public static IReadOnlyList<string> Distractors { get; } = Array.AsReadOnly(["green_cube", "blue_cube"]);

    /// <summary>Lower corner (x, y) of the region the red cube is placed in, base frame, metres.</summary>
    public static Vector3D CubeRegionMinimum { get; } = new(0.16, -0.09, 0);

    /// <summary>Upper corner (x, y) of the region the red cube is placed in, base frame, metres.</summary>
    public static Vector3D CubeRegionMaximum { get; } = new(0.26, 0.09, 0);

    /// <summary>Lower corner (x, y) of the strip beyond the red cube's region where the distractors are placed (in the camera's view), base frame, metres.</summary>
    public static Vector3D DistractorRegionMinimum { get; } = new(0.29, -0.12, 0);

    /// <summary>Upper corner (x, y) of the distractors' strip, base frame, metres.</summary>
    public static Vector3D DistractorRegionMaximum { get; } = new(0.33, 0.12, 0);

    /// <summary>
    /// Lower corner of the box the tool starts in, base frame, metres, with y the distance to the
    /// side (left or right, drawn per episode): the arm starts beside the cube's region, so it does
    /// not hide the cube from the overhead camera when the policy first looks.
    /// </summary>
    public static Vector3D StartRegionMinimum { get; } = new(0.15, 0.12, 0.10);

    /// <summary>Upper corner of the box the tool starts in (y the distance to the side), base frame, metres.</summary>
    public static Vector3D StartRegionMaximum { get; } = new(0.20, 0.15, 0.15);

    /// <summary>Longest an episode may last before it counts as a failure, seconds of simulated time.</summary>
    public static double EpisodeSeconds => 12;

    /// <summary>The arm the task was set up for.</summary>
    public SimulatedArmModel Arm { get; }

    /// <summary>
    /// A posture of the arm (its driver's joint frame, radians) with the tool over the region and
    /// pointing down: the seed of the position-only inverse kinematics that finds the start pose, so
    /// every episode starts with the wrist the same way up.
    /// </summary>
    public ReadOnlyCollection<double> ReadyPose { get; }

    // Printed by `robotsdk-policy-training ready-pose --arm NAME` (tools/RobotSdk.PolicyTraining):
    // the position-only solve for the tool at (0.15, 0, 0.13) whose approach axis points most nearly
    // down (straight down for the WidowX; 38 degrees off for the 5-joint SO-101, wrist_flex at its limit).
    private static Dictionary<string, double[]> ReadyPoses { get; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["so101"] = [0, -1.4, 0.64, 1.66, 0.01, 0],
        ["wx250s"] = [0, -0.57, 0.81, 0, 1.33, 0, 0],
    };

    /// <summary>
    /// Places the cubes for episode <paramref name="seed"/> (at rest, on the table) and says where the
    /// tool should start. The arm is not moved: bring it to <see cref="TouchCubeEpisode.StartToolPosition"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The world is not the arm's.</exception>
    public TouchCubeEpisode Reset(VirtualWorld world, int seed)
    {
        ArgumentNullException.ThrowIfNull(world);
        var random = new Random(seed);
        var cubes = new (double X, double Y, double Yaw)[_cubeBodies.Length];
        cubes[0] = (Uniform(random, CubeRegionMinimum.X, CubeRegionMaximum.X), Uniform(random, CubeRegionMinimum.Y, CubeRegionMaximum.Y), Uniform(random, -Math.PI, Math.PI));
        for (int i = 1; i < cubes.Length; i++)
        {
            cubes[i] = PlaceDistractor(random, cubes.AsSpan(0, i));
        }

        double side = random.Next(2) == 0 ? -1 : 1;
        var start = new Vector3D(
            Uniform(random, StartRegionMinimum.X, StartRegionMaximum.X),
            side * Uniform(random, StartRegionMinimum.Y, StartRegionMaximum.Y),
            Uniform(random, StartRegionMinimum.Z, StartRegionMaximum.Z));
        world.Access(simulation => PlaceCubes(simulation, cubes));
        return new TouchCubeEpisode(seed, GetCubePosition(world), cubes[0].Yaw, start);
    }

    /// <summary>Whether a geom of the arm touches the red cube now (in the contacts of the last step).</summary>
    public bool IsSucceeded(VirtualWorld world)
    {
        ArgumentNullException.ThrowIfNull(world);
        return world.Access(IsTouching);
    }

    /// <summary>Whether a geom of the arm touches the red cube in <paramref name="simulation"/>'s last step (for code that already holds the world's lock).</summary>
    public bool IsTouching(MujocoSimulation simulation)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        for (int i = 0; i < simulation.ContactCount; i++)
        {
            MujocoContact contact = simulation.GetContact(i);
            int other = contact.Body1 == _targetBody ? contact.Body2 : contact.Body2 == _targetBody ? contact.Body1 : -1;

            // The table belongs to the world body (0); every other body that is not a cube is the arm's.
            if (other > 0 && Array.IndexOf(_cubeBodies, other) < 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The red cube's centre in the arm's base frame, metres, now.</summary>
    public Vector3D GetCubePosition(VirtualWorld world)
    {
        ArgumentNullException.ThrowIfNull(world);
        return world.Access(GetCubePosition);
    }

    /// <summary>The red cube's centre in the arm's base frame, metres, in <paramref name="simulation"/>.</summary>
    public Vector3D GetCubePosition(MujocoSimulation simulation)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        Pose basePose = simulation.GetBodyPose(_baseBody);
        return basePose.Inverse().Transform(simulation.GetBodyPose(_targetBody).Position);
    }

    private static double Uniform(Random random, double minimum, double maximum) => minimum + (random.NextDouble() * (maximum - minimum));

    private static (double X, double Y, double Yaw) PlaceDistractor(Random random, ReadOnlySpan<(double X, double Y, double Yaw)> placed)
    {
        for (int attempt = 0; attempt < PlacementAttempts; attempt++)
        {
            double x = Uniform(random, DistractorRegionMinimum.X, DistractorRegionMaximum.X);
            double y = Uniform(random, DistractorRegionMinimum.Y, DistractorRegionMaximum.Y);
            bool clear = true;
            foreach ((double X, double Y, double _) other in placed)
            {
                clear &= Math.Sqrt(((x - other.X) * (x - other.X)) + ((y - other.Y) * (y - other.Y))) >= MinimumCubeSpacing;
            }

            if (clear)
            {
                return (x, y, Uniform(random, -Math.PI, Math.PI));
            }
        }

        throw new InvalidOperationException("No clear spot for a distractor cube was found.");
    }

    private void PlaceCubes(MujocoSimulation simulation, (double X, double Y, double Yaw)[] cubes)
    {
        Pose basePose = simulation.GetBodyPose(_baseBody);
        var positions = new double[simulation.Model.PositionCount];
        var velocities = new double[simulation.Model.VelocityCount];
        simulation.CopyPositionsTo(positions);
        simulation.CopyVelocitiesTo(velocities);
        for (int i = 0; i < cubes.Length; i++)
        {
            MujocoJoint joint = simulation.Model.Joints[_cubeJoints[i]];

            // (x, y) in the base frame; resting on the table (world z = 0), whatever the base's height.
            Vector3D world = basePose.Transform(new Vector3D(cubes[i].X, cubes[i].Y, 0));
            int address = joint.PositionAddress;
            positions[address] = world.X;
            positions[address + 1] = world.Y;
            positions[address + 2] = CubeHalfEdge;
            positions[address + 3] = Math.Cos(cubes[i].Yaw / 2);
            positions[address + 4] = 0;
            positions[address + 5] = 0;
            positions[address + 6] = Math.Sin(cubes[i].Yaw / 2);
            velocities.AsSpan(joint.VelocityAddress, 6).Clear();
        }

        simulation.SetPositions(positions);
        simulation.SetVelocities(velocities);
        simulation.Forward();
    }
}
