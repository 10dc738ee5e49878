namespace RobotSdk.Simulation.Tests;

/// <summary>One tag the real detector found: its id, bits corrected, and its black-border corners in image pixels.</summary>
/// <param name="Id">The tag's id.</param>
/// <param name="Hamming">Bits the decoder corrected.</param>
/// <param name="Corners">Left-bottom, right-bottom, right-top, left-top of the tag image (apriltag's p[0..3]), pixels, pixel (0,0) covering 0..1.</param>
internal sealed record DetectedTag(int Id, int Hamming, (double X, double Y)[] Corners);
