namespace RobotSdk.Hardware;

/// <summary>
/// Servo-level calibration of one arm: per motor homing offset, direction and range of
/// motion, plus which arm it was made on. Stored as a versioned JSON file by
/// <see cref="ServoCalibrationFile"/>.
/// </summary>
/// <param name="Arm">Arm model, for example <c>so101</c>.</param>
/// <param name="ArmId">The user's name or serial for this physical arm, for example <c>follower-left</c>.</param>
/// <param name="Bus">Bus protocol, <c>dynamixel</c> or <c>feetech</c>.</param>
/// <param name="Motors">Calibration per motor name.</param>
public sealed record ServoCalibration(string Arm, string ArmId, string Bus, IReadOnlyDictionary<string, MotorCalibration> Motors)
{
    /// <summary>When it was recorded.</summary>
    public DateTimeOffset CreatedUtc { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>
    /// Checks that this calibration was made for <paramref name="arm"/> with exactly these
    /// motors and IDs.
    /// </summary>
    /// <param name="arm">The arm model it is applied to.</param>
    /// <param name="motorIds">Motor names and bus IDs of that arm.</param>
    /// <param name="source">Where the calibration came from, for the message (a file path).</param>
    /// <exception cref="CalibrationMismatchException">It was made for another arm; the message says what differs.</exception>
    public void EnsureMatches(string arm, IReadOnlyDictionary<string, int> motorIds, string source)
    {
        ArgumentNullException.ThrowIfNull(motorIds);
        if (!string.Equals(Arm, arm, StringComparison.OrdinalIgnoreCase))
        {
            throw new CalibrationMismatchException($"{source}: this calibration was made for a '{Arm}' arm ('{ArmId}'), not a '{arm}'.");
        }

        var problems = new List<string>();
        foreach ((string name, int id) in motorIds)
        {
            if (!Motors.TryGetValue(name, out MotorCalibration? motor))
            {
                problems.Add($"motor '{name}' is missing");
            }
            else if (motor.Id != id)
            {
                problems.Add($"motor '{name}' has ID {motor.Id} in the file but ID {id} on the arm");
            }
        }

        problems.AddRange(Motors.Keys.Where(name => !motorIds.ContainsKey(name)).Select(name => $"motor '{name}' is not part of a '{arm}'"));
        if (problems.Count > 0)
        {
            throw new CalibrationMismatchException($"{source}: calibration '{ArmId}' does not fit this '{arm}': {string.Join("; ", problems)}.");
        }
    }
}
