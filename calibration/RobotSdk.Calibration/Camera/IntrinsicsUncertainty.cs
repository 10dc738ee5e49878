namespace RobotSdk.Calibration;

/// <summary>
/// One-sigma standard deviations of calibrated intrinsics (pixels for focal lengths and principal point),
/// from the inverse of JᵀJ at the solution times the residual variance; 0 for a held parameter. They assume
/// independent, equal corner noise, so treat them as a lower bound when detections have systematic error.
/// </summary>
/// <param name="FocalLengthX">σ of fx, pixels.</param>
/// <param name="FocalLengthY">σ of fy, pixels.</param>
/// <param name="PrincipalPointX">σ of cx, pixels.</param>
/// <param name="PrincipalPointY">σ of cy, pixels.</param>
/// <param name="Distortion">σ of k1, k2, k3, p1, p2, in that order.</param>
public sealed record IntrinsicsUncertainty(double FocalLengthX, double FocalLengthY, double PrincipalPointX, double PrincipalPointY, IReadOnlyList<double> Distortion);
