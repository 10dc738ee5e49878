namespace RobotSdk.Policy.Manifest;

/// <summary>How a vector is normalized before the model and restored after it (REFERENCE section 6).</summary>
public enum NormalizationMethod
{
    /// <summary><c>(x − mean) / (std + 1e-6)</c>, pi0's choice (manifest value <c>z-score</c>).</summary>
    ZScore,

    /// <summary><c>(x − q01) / (q99 − q01 + 1e-6) × 2 − 1</c>, pi0-FAST's and pi0.5's choice (manifest value <c>quantile</c>).</summary>
    Quantile,
}
