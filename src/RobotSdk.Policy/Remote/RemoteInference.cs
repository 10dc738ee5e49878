using RobotSdk.Policy.Msgpack;

namespace RobotSdk.Policy.Remote;

/// <summary>One answer of the policy server.</summary>
/// <param name="Actions">The <c>actions</c> array, [H, D], as float32.</param>
/// <param name="PolicyInferMilliseconds"><c>policy_timing.infer_ms</c>: the model's own time, if the server sent it.</param>
/// <param name="ServerInferMilliseconds"><c>server_timing.infer_ms</c>: the server's time in the policy call, if sent.</param>
/// <param name="ServerPreviousTotalMilliseconds"><c>server_timing.prev_total_ms</c>: the server's whole time for the previous request, including its send (absent on a connection's first request).</param>
/// <param name="RoundTrip">Time from sending the observation to having the whole reply, measured here.</param>
/// <param name="Response">The whole reply map, for keys beyond the ones above.</param>
public sealed record RemoteInference(
    ActionChunk Actions,
    double? PolicyInferMilliseconds,
    double? ServerInferMilliseconds,
    double? ServerPreviousTotalMilliseconds,
    TimeSpan RoundTrip,
    MsgpackMap Response);
