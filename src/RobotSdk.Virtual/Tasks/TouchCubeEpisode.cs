using RobotSdk.Geometry;

namespace RobotSdk.Virtual.Tasks;

/// <summary>What <see cref="TouchCubeTask.Reset"/> set up for one episode.</summary>
/// <param name="Seed">The episode's seed.</param>
/// <param name="CubePosition">The red cube's centre in the arm's base frame, metres.</param>
/// <param name="CubeYawRadians">The red cube's turn about the vertical.</param>
/// <param name="StartToolPosition">
/// Where the tool point should be when the episode starts, in the base frame, metres: move the arm
/// there (position-only inverse kinematics seeded by <see cref="TouchCubeTask.ReadyPose"/>) before
/// the policy takes over.
/// </param>
public sealed record TouchCubeEpisode(int Seed, Vector3D CubePosition, double CubeYawRadians, Vector3D StartToolPosition);
