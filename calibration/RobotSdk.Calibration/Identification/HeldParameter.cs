namespace RobotSdk.Calibration.Identification;

/// <summary>A parameter the data cannot observe, held at its nominal value.</summary>
/// <param name="Parameter">The parameter.</param>
/// <param name="AbsorbedInto">What takes up its effect: "the camera pose", "the tag pose", another parameter's name, or "nothing" when it has no effect.</param>
/// <param name="IndependentFraction">The part of its effect (normalised Jacobian column) the estimated parameters cannot reproduce; near 0 means unobservable.</param>
public sealed record HeldParameter(KinematicParameter Parameter, string AbsorbedInto, double IndependentFraction);
