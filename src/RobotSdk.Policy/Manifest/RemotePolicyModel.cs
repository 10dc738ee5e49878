namespace RobotSdk.Policy.Manifest;

/// <summary>
/// A policy served by openpi's WebSocket server (manifest <c>"kind": "remote"</c>); the inputs'
/// names are the observation keys, and the server normalizes and tokenizes itself.
/// </summary>
/// <param name="Address">The server, for example <c>ws://gpu-box:8000</c>; null when the caller supplies it.</param>
public sealed record RemotePolicyModel(Uri? Address) : PolicyModel;
