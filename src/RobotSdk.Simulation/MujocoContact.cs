using RobotSdk.Geometry;

namespace RobotSdk.Simulation;

/// <summary>One contact MuJoCo found in the last step (or forward pass).</summary>
/// <param name="Geom1">Index of the first geom.</param>
/// <param name="Geom2">Index of the second geom.</param>
/// <param name="Body1">Body of the first geom (0 is the world).</param>
/// <param name="Body2">Body of the second geom.</param>
/// <param name="Position">Contact point in world coordinates, metres.</param>
/// <param name="DistanceMetres">Signed distance between the geoms: negative when they penetrate.</param>
public readonly record struct MujocoContact(int Geom1, int Geom2, int Body1, int Body2, Vector3D Position, double DistanceMetres);
