namespace RobotSdk.Simulation;

/// <summary>
/// The joint-side imprecision a <see cref="MujocoJointBackend"/> applies, in MJCF units of a hinge
/// (radians); the backend scales them into device units and ignores them on slide joints.
/// </summary>
/// <param name="ZeroOffsetRadians">Per backend joint: encoder zero offset.</param>
/// <param name="BacklashRadians">The whole gear play, every hinge.</param>
/// <param name="NoiseRadians">Standard deviation of the noise on reported positions, every hinge.</param>
/// <param name="NoiseSeed">Seeds the noise; the stream restarts on reset.</param>
internal sealed record JointImprecision(IReadOnlyList<double> ZeroOffsetRadians, double BacklashRadians, double NoiseRadians, int NoiseSeed)
{
    /// <summary>Per backend joint, the motor side's inertia within the play, kg m^2 (the MJCF armature); null or 0 for the backend's estimate.</summary>
    public IReadOnlyList<double>? MotorInertia { get; init; }

    /// <summary>Draws the joint errors of <paramref name="figures"/> for <paramref name="jointCount"/> joints (all zero when null).</summary>
    public static JointImprecision Draw(ArmImprecision? figures, int jointCount)
    {
        if (figures is null)
        {
            return new JointImprecision(new double[jointCount], 0, 0, 0);
        }

        var draws = new ImprecisionDraws(figures.Seed);
        var random = new Random(draws.JointSeed);
        double maximum = figures.MaxJointZeroOffsetDegrees * Math.PI / 180;
        double[] offsets = new double[jointCount];
        for (int i = 0; i < jointCount; i++)
        {
            offsets[i] = ImprecisionDraws.Uniform(random, maximum);
        }

        return new JointImprecision(offsets, figures.BacklashDegrees * Math.PI / 180, figures.EncoderNoiseDegrees * Math.PI / 180, draws.NoiseSeed);
    }
}
