namespace RobotSdk.Policy.Manifest;

/// <summary>
/// The float values a float32 image input holds for black (pixel 0) and full intensity (pixel 255);
/// pixel p becomes <c>Black + p / 255 × (White − Black)</c>. <c>[0, 1]</c> and <c>[-1, 1]</c>
/// (what pi0's SigLIP expects) are the usual choices. Padding is black, so it takes <see cref="Black"/>.
/// </summary>
/// <param name="Black">Value of pixel 0.</param>
/// <param name="White">Value of pixel 255.</param>
public sealed record ImageValueRange(double Black, double White);
