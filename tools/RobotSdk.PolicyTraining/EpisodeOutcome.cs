namespace RobotSdk.PolicyTraining;

/// <summary>How one evaluated episode ended.</summary>
/// <param name="Seed">The episode's seed.</param>
/// <param name="Succeeded">Whether the arm touched the red cube in time.</param>
/// <param name="Seconds">Simulated seconds until the touch or the time limit.</param>
/// <param name="FinalDistanceMeters">Distance from the tool point to the cube's centre at the end.</param>
internal sealed record EpisodeOutcome(int Seed, bool Succeeded, double Seconds, double FinalDistanceMeters);
