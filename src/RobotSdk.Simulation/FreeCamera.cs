using RobotSdk.Geometry;

namespace RobotSdk.Simulation;

/// <summary>A camera not defined in the model, orbiting a point (MuJoCo's free camera).</summary>
/// <param name="LookAt">The point looked at, world coordinates in metres.</param>
/// <param name="DistanceMetres">Distance from the camera to <paramref name="LookAt"/>.</param>
/// <param name="AzimuthDegrees">Rotation about the world z axis; 90 looks along +y.</param>
/// <param name="ElevationDegrees">Angle above the horizontal; negative looks down.</param>
public readonly record struct FreeCamera(Vector3D LookAt, double DistanceMetres, double AzimuthDegrees, double ElevationDegrees);
