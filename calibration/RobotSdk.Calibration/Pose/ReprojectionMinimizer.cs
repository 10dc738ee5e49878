using RobotSdk.Geometry;

namespace RobotSdk.Calibration;

/// <summary>
/// Levenberg-Marquardt (the library's <see cref="LevenbergMarquardt"/>) over a rigid pose minimizing the
/// squared pixel reprojection error. The rotation is updated multiplicatively (R ← exp(δ) R) so there is
/// no singular parameterization; the Jacobian is analytic through <see cref="CameraModel"/>'s projection
/// derivative, distortion included.
/// </summary>
internal sealed class ReprojectionMinimizer : ILeastSquaresProblem
{
    private const int MaxIterations = 100;

    /// <summary>Residual pair of a point behind the camera: large, so the search steers back in front.</summary>
    private const double BehindCameraResidual = 1e6;

    private readonly CameraModel camera;
    private readonly IReadOnlyList<Vector3D> objectPoints;
    private readonly IReadOnlyList<PixelPoint> imagePoints;
    private Pose pose;

    internal ReprojectionMinimizer(CameraModel camera, Pose initial, IReadOnlyList<Vector3D> objectPoints, IReadOnlyList<PixelPoint> imagePoints)
    {
        this.camera = camera;
        this.objectPoints = objectPoints;
        this.imagePoints = imagePoints;
        pose = initial;
    }

    public int ParameterCount => 6;

    public int ResidualCount => 2 * objectPoints.Count;

    public int GroupSize => 2;

    /// <summary>The refined pose and its reprojection RMS in pixels.</summary>
    public static (Pose Pose, double RmsPixels) Minimize(CameraModel camera, Pose initial, IReadOnlyList<Vector3D> objectPoints, IReadOnlyList<PixelPoint> imagePoints)
    {
        var problem = new ReprojectionMinimizer(camera, initial, objectPoints, imagePoints);
        LevenbergMarquardtOutcome outcome = LevenbergMarquardt.Minimize(problem, MaxIterations, huberThreshold: 0);
        return (problem.pose, Math.Sqrt(2 * outcome.Cost / objectPoints.Count));
    }

    /// <summary>Sum of squared pixel residuals; fills <paramref name="residual"/> with projected minus observed.</summary>
    public static double Residuals(CameraModel camera, Pose pose, IReadOnlyList<Vector3D> objectPoints, IReadOnlyList<PixelPoint> imagePoints, Span<double> residual)
    {
        double sum = 0;
        for (int i = 0; i < objectPoints.Count; i++)
        {
            if (camera.TryProject(pose.Transform(objectPoints[i]), out PixelPoint projected))
            {
                residual[2 * i] = projected.X - imagePoints[i].X;
                residual[(2 * i) + 1] = projected.Y - imagePoints[i].Y;
            }
            else
            {
                residual[2 * i] = BehindCameraResidual;
                residual[(2 * i) + 1] = BehindCameraResidual;
            }

            sum += (residual[2 * i] * residual[2 * i]) + (residual[(2 * i) + 1] * residual[(2 * i) + 1]);
        }

        return sum;
    }

    public void GetParameters(Span<double> parameters) => parameters[..6].Clear();

    public void Residuals(ReadOnlySpan<double> parameters, Span<double> residuals) =>
        Residuals(camera, Apply(pose, parameters), objectPoints, imagePoints, residuals);

    /// <summary>
    /// At δ = 0 (where <see cref="Commit"/> leaves the parameters): a point q = R P + t moves by δ_r × (R P) for
    /// a rotation increment and by δ_t for a translation one; the projection's 2 x 3 derivative maps that to pixels.
    /// </summary>
    public void Jacobian(ReadOnlySpan<double> parameters, Span<double> jacobian)
    {
        Pose current = Apply(pose, parameters);
        Span<double> projection = stackalloc double[6];
        for (int i = 0; i < objectPoints.Count; i++)
        {
            Span<double> rowU = jacobian.Slice(12 * i, 6);
            Span<double> rowV = jacobian.Slice((12 * i) + 6, 6);
            Vector3D q = current.Transform(objectPoints[i]);
            if (!camera.TryProject(q, out _, projection))
            {
                rowU.Clear();
                rowV.Clear();
                continue;
            }

            // The rotation turns r = R P (q less the translation): d q / d δ_r has columns e_x × r, e_y × r, e_z × r.
            Vector3D r = q - current.Position;
            for (int k = 0; k < 3; k++)
            {
                Vector3D m = k switch
                {
                    0 => new Vector3D(0, -r.Z, r.Y),
                    1 => new Vector3D(r.Z, 0, -r.X),
                    _ => new Vector3D(-r.Y, r.X, 0),
                };
                rowU[k] = (projection[0] * m.X) + (projection[1] * m.Y) + (projection[2] * m.Z);
                rowV[k] = (projection[3] * m.X) + (projection[4] * m.Y) + (projection[5] * m.Z);
                rowU[3 + k] = projection[k];
                rowV[3 + k] = projection[3 + k];
            }
        }
    }

    public void Commit(ReadOnlySpan<double> parameters) => pose = Apply(pose, parameters);

    private static Pose Apply(Pose pose, ReadOnlySpan<double> delta)
    {
        Rotation rotation = RotationMatrices.Normalized(RotationMatrices.Exp(new Vector3D(delta[0], delta[1], delta[2])) * pose.Orientation);
        return new Pose(pose.Position + new Vector3D(delta[3], delta[4], delta[5]), rotation);
    }
}
