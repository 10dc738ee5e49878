using MathNet.Numerics.LinearAlgebra;
using RobotSdk.Geometry;

namespace RobotSdk.Calibration;

/// <summary>
/// Levenberg-Marquardt over a rigid pose minimizing the squared pixel reprojection error. The rotation is
/// updated multiplicatively (R ← exp(δ) R) so there is no singular parameterization; the Jacobian is
/// taken by central differences, which is exact enough for 6 parameters and keeps distortion generic.
/// </summary>
internal static class ReprojectionMinimizer
{
    private const int MaxIterations = 100;
    private const double Step = 1e-7;

    /// <summary>The refined pose and its reprojection RMS in pixels.</summary>
    public static (Pose Pose, double RmsPixels) Minimize(CameraModel camera, Pose initial, IReadOnlyList<Vector3D> objectPoints, IReadOnlyList<PixelPoint> imagePoints)
    {
        int n = objectPoints.Count;
        var residual = new double[2 * n];
        var shifted = new double[2 * n];
        Pose pose = initial;
        double cost = Residuals(camera, pose, objectPoints, imagePoints, residual);
        double lambda = 1e-3;
        Matrix<double> jacobian = Matrix<double>.Build.Dense(2 * n, 6);
        for (int iteration = 0; iteration < MaxIterations; iteration++)
        {
            for (int k = 0; k < 6; k++)
            {
                Residuals(camera, Perturb(pose, k, Step), objectPoints, imagePoints, shifted);
                double[] plus = (double[])shifted.Clone();
                Residuals(camera, Perturb(pose, k, -Step), objectPoints, imagePoints, shifted);
                for (int i = 0; i < 2 * n; i++)
                {
                    jacobian[i, k] = (plus[i] - shifted[i]) / (2 * Step);
                }
            }

            Matrix<double> normal = jacobian.TransposeThisAndMultiply(jacobian);
            Vector<double> gradient = jacobian.TransposeThisAndMultiply(Vector<double>.Build.DenseOfArray(residual));
            bool improved = false;
            Vector<double> delta = gradient;
            while (lambda < 1e12)
            {
                Matrix<double> damped = normal.Clone();
                for (int k = 0; k < 6; k++)
                {
                    damped[k, k] += lambda * Math.Max(normal[k, k], 1e-12);
                }

                delta = damped.Solve(-gradient);
                Pose candidate = Apply(pose, delta);
                double candidateCost = Residuals(camera, candidate, objectPoints, imagePoints, shifted);
                if (candidateCost <= cost)
                {
                    improved = candidateCost < cost;
                    double previous = cost;
                    pose = candidate;
                    cost = candidateCost;
                    Array.Copy(shifted, residual, residual.Length);
                    lambda = Math.Max(lambda / 10, 1e-12);
                    if (previous - candidateCost <= 1e-14 * Math.Max(previous, 1e-30))
                    {
                        improved = false;
                    }

                    break;
                }

                lambda *= 10;
            }

            if (!improved || delta.L2Norm() < 1e-12)
            {
                break;
            }
        }

        return (pose, Math.Sqrt(cost / n));
    }

    /// <summary>Sum of squared pixel residuals; fills <paramref name="residual"/> with projected minus observed.</summary>
    public static double Residuals(CameraModel camera, Pose pose, IReadOnlyList<Vector3D> objectPoints, IReadOnlyList<PixelPoint> imagePoints, double[] residual)
    {
        double sum = 0;
        for (int i = 0; i < objectPoints.Count; i++)
        {
            Vector3D p = pose.Transform(objectPoints[i]);
            if (p.Z <= 1e-9)
            {
                // Behind the camera: a large, smooth penalty steers the search back in front.
                residual[2 * i] = 1e6;
                residual[(2 * i) + 1] = 1e6;
            }
            else
            {
                PixelPoint projected = camera.Project(p);
                residual[2 * i] = projected.X - imagePoints[i].X;
                residual[(2 * i) + 1] = projected.Y - imagePoints[i].Y;
            }

            sum += (residual[2 * i] * residual[2 * i]) + (residual[(2 * i) + 1] * residual[(2 * i) + 1]);
        }

        return sum;
    }

    private static Pose Perturb(Pose pose, int parameter, double amount)
    {
        var delta = new double[6];
        delta[parameter] = amount;
        return Apply(pose, Vector<double>.Build.DenseOfArray(delta));
    }

    private static Pose Apply(Pose pose, Vector<double> delta)
    {
        Rotation rotation = RotationMatrices.Normalized(RotationMatrices.Exp(new Vector3D(delta[0], delta[1], delta[2])) * pose.Orientation);
        return new Pose(pose.Position + new Vector3D(delta[3], delta[4], delta[5]), rotation);
    }
}
