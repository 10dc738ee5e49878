using MathNet.Numerics.LinearAlgebra;
using RobotSdk.Geometry;

namespace RobotSdk.Calibration;

/// <summary>
/// Camera intrinsics from several views of a known planar board (Zhang's method): a homography per view,
/// the image of the absolute conic B = K⁻ᵀK⁻¹ from their constraints by SVD (zero skew imposed), K and
/// each view's pose from it, then Levenberg-Marquardt over fx, fy, cx, cy, k1, k2 (k3 optional), p1, p2
/// and all poses on the pixel reprojection error.
/// </summary>
/// <remarks>
/// Good data: 10-20 views with the board filling a good part of the image, tilted 20-45 degrees in
/// different directions, its corners reaching the image edges in some views (distortion is largest there).
/// </remarks>
public static class IntrinsicsCalibration
{
    /// <summary>Fewest views accepted: with zero skew two views fix K in theory, a third makes it overdetermined.</summary>
    public const int MinimumViews = 3;

    /// <summary>Fewest points per view (a homography needs 4).</summary>
    public const int MinimumPointsPerView = 4;

    /// <summary>Smallest spread of board orientations (degrees) accepted between views.</summary>
    public const double MinimumTiltSpreadDegrees = 3;

    /// <summary>Calibrates a camera of <paramref name="width"/> x <paramref name="height"/> pixels from board views.</summary>
    /// <param name="width">Image width in pixels.</param>
    /// <param name="height">Image height in pixels.</param>
    /// <param name="views">Views of the board: its points on z = 0 (metres) and their detected pixels.</param>
    /// <param name="options">What to estimate; defaults when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="views"/> or a view is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive.</exception>
    /// <exception cref="ArgumentException">
    /// Too few views or points, mismatched counts, points off the plane, or views that do not determine the
    /// camera (every view at the same board orientation); the message says what to capture.
    /// </exception>
    public static IntrinsicsCalibrationResult Calibrate(int width, int height, IReadOnlyList<IntrinsicsCalibrationView> views, IntrinsicsCalibrationOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentNullException.ThrowIfNull(views);
        options ??= new IntrinsicsCalibrationOptions();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxIterations);
        Validate(views);

        double[] k = InitialIntrinsics(width, height, views);
        CameraModel initialCamera = new(IntrinsicsProblem.ToIntrinsics(width, height, k));
        Pose[] poses = views.Select(v => PerspectivePose.EstimatePlanar(initialCamera, v.BoardPoints, v.ImagePoints).CameraFromObject).ToArray();
        CheckTiltSpread(poses);

        int[] free = [0, 1, 2, 3, 4, 5, .. options.EstimateK3 ? new[] { 6 } : [], .. options.EstimateTangentialDistortion ? new[] { 7, 8 } : []];
        var problem = new IntrinsicsProblem(width, height, views, free, k, poses);
        LevenbergMarquardtOutcome outcome = LevenbergMarquardt.Minimize(problem, options.MaxIterations, options.HuberThresholdPixels);

        double[] residuals = new double[problem.ResidualCount];
        var parameters = new double[problem.ParameterCount];
        problem.GetParameters(parameters);
        problem.Residuals(parameters, residuals);
        var viewRms = new double[views.Count];
        double total = 0;
        int offset = 0;
        for (int v = 0; v < views.Count; v++)
        {
            double sum = 0;
            for (int i = 0; i < 2 * views[v].BoardPoints.Count; i++)
            {
                sum += residuals[offset + i] * residuals[offset + i];
            }

            offset += 2 * views[v].BoardPoints.Count;
            total += sum;
            viewRms[v] = Math.Sqrt(sum / views[v].BoardPoints.Count);
        }

        double rms = Math.Sqrt(total / (residuals.Length / 2));
        CameraIntrinsics intrinsics = IntrinsicsProblem.ToIntrinsics(width, height, problem.Intrinsics.ToArray());
        return new IntrinsicsCalibrationResult(intrinsics, [.. problem.Poses], rms, viewRms, Uncertainty(problem, parameters, total, free), outcome.Iterations, outcome.Converged);
    }

    private static void Validate(IReadOnlyList<IntrinsicsCalibrationView> views)
    {
        if (views.Count < MinimumViews)
        {
            throw new ArgumentException($"Intrinsics calibration needs at least {MinimumViews} views of the board, got {views.Count}; capture 10-20 with the board tilted 20-45 degrees in different directions.", nameof(views));
        }

        for (int v = 0; v < views.Count; v++)
        {
            IntrinsicsCalibrationView view = views[v] ?? throw new ArgumentNullException(nameof(views), $"View {v} is null.");
            ArgumentNullException.ThrowIfNull(view.BoardPoints, nameof(views));
            ArgumentNullException.ThrowIfNull(view.ImagePoints, nameof(views));
            if (view.BoardPoints.Count != view.ImagePoints.Count)
            {
                throw new ArgumentException($"View {v} has {view.BoardPoints.Count} board points but {view.ImagePoints.Count} image points.", nameof(views));
            }

            if (view.BoardPoints.Count < MinimumPointsPerView)
            {
                throw new ArgumentException($"View {v} has {view.BoardPoints.Count} points, at least {MinimumPointsPerView} are needed; drop the view or detect more of the board (two or more tags).", nameof(views));
            }

            double extent = view.BoardPoints.Max(p => Math.Max(Math.Abs(p.X), Math.Abs(p.Y)));
            if (view.BoardPoints.Any(p => Math.Abs(p.Z) > 1e-9 * Math.Max(extent, 1)))
            {
                throw new ArgumentException($"View {v} has board points off z = 0; Zhang's method needs a planar board in its own z = 0 plane.", nameof(views));
            }

            if (view.ImagePoints.Any(p => !double.IsFinite(p.X) || !double.IsFinite(p.Y)))
            {
                throw new ArgumentException($"View {v} has a non-finite image point.", nameof(views));
            }
        }
    }

    /// <summary>
    /// Zhang's closed form on pixels scaled to about ±1 (centre of the image, divided by the mean size) so
    /// the 6-column constraint matrix is well conditioned; distortion starts at zero.
    /// </summary>
    private static double[] InitialIntrinsics(int width, int height, IReadOnlyList<IntrinsicsCalibrationView> views)
    {
        double scale = (width + height) / 2.0;
        double centreX = width / 2.0, centreY = height / 2.0;
        Matrix<double> constraints = Matrix<double>.Build.Dense((2 * views.Count) + 1, 6);
        for (int v = 0; v < views.Count; v++)
        {
            var plane = views[v].BoardPoints.Select(p => (p.X, p.Y)).ToArray();
            var image = views[v].ImagePoints.Select(p => ((p.X - centreX) / scale, (p.Y - centreY) / scale)).ToArray();
            Matrix<double> h = PlanarHomography.Fit(plane, image);
            h /= h.FrobeniusNorm();
            double[] v12 = ConicRow(h, 0, 1), v11 = ConicRow(h, 0, 0), v22 = ConicRow(h, 1, 1);
            for (int c = 0; c < 6; c++)
            {
                constraints[2 * v, c] = v12[c];
                constraints[(2 * v) + 1, c] = v11[c] - v22[c];
            }
        }

        // Zero skew: B12 = 0. Cheap cameras have square pixel axes, and it removes one unknown.
        constraints[2 * views.Count, 1] = 1;

        var svd = constraints.Svd(computeVectors: true);
        if (svd.S[4] < 1e-9 * svd.S[0])
        {
            throw Degenerate();
        }

        Vector<double> b = svd.VT.Row(5);
        if (b[0] < 0)
        {
            b = -b;
        }

        double b11 = b[0], b12 = b[1], b22 = b[2], b13 = b[3], b23 = b[4], b33 = b[5];
        double denominator = (b11 * b22) - (b12 * b12);
        double v0 = ((b12 * b13) - (b11 * b23)) / denominator;
        double lambda = b33 - (((b13 * b13) + (v0 * ((b12 * b13) - (b11 * b23)))) / b11);
        double alpha = Math.Sqrt(lambda / b11);
        double beta = Math.Sqrt(lambda * b11 / denominator);
        double u0 = -b13 * alpha * alpha / lambda;
        if (!(denominator > 0) || !double.IsFinite(alpha) || !double.IsFinite(beta) || !(alpha > 0) || !(beta > 0))
        {
            throw Degenerate();
        }

        return [alpha * scale, beta * scale, (u0 * scale) + centreX, (v0 * scale) + centreY, 0, 0, 0, 0, 0];
    }

    /// <summary>Zhang's v_ij: hᵢᵀ B hⱼ = v_ij · (B11, B12, B22, B13, B23, B33) for columns i, j of H.</summary>
    private static double[] ConicRow(Matrix<double> h, int i, int j) =>
    [
        h[0, i] * h[0, j],
        (h[0, i] * h[1, j]) + (h[1, i] * h[0, j]),
        h[1, i] * h[1, j],
        (h[2, i] * h[0, j]) + (h[0, i] * h[2, j]),
        (h[2, i] * h[1, j]) + (h[1, i] * h[2, j]),
        h[2, i] * h[2, j],
    ];

    private static void CheckTiltSpread(Pose[] poses)
    {
        double spread = 0;
        Vector3D first = poses[0].Orientation.Rotate(new Vector3D(0, 0, 1));
        foreach (Pose pose in poses)
        {
            Vector3D normal = pose.Orientation.Rotate(new Vector3D(0, 0, 1));
            spread = Math.Max(spread, Math.Acos(Math.Clamp(Vector3D.Dot(first, normal), -1, 1)) * 180 / Math.PI);
        }

        if (spread < MinimumTiltSpreadDegrees)
        {
            throw Degenerate();
        }
    }

    private static ArgumentException Degenerate() => new(
        "The views do not determine the camera: the board has (nearly) the same orientation in all of them, so focal length and distance trade off. " +
        "Tilt the board 20-45 degrees about different axes between views (left, right, up, down) rather than only moving or turning it in its own plane.",
        "views");

    private static IntrinsicsUncertainty Uncertainty(IntrinsicsProblem problem, double[] parameters, double squaredSum, int[] free)
    {
        int p = problem.ParameterCount, m = problem.ResidualCount;
        var sigma = new double[IntrinsicsProblem.IntrinsicCount];
        if (m > p)
        {
            var jacobian = new double[m * p];
            problem.Jacobian(parameters, jacobian);
            Matrix<double> j = Matrix<double>.Build.DenseOfRowMajor(m, p, jacobian);
            Matrix<double> information = j.TransposeThisAndMultiply(j);
            Matrix<double> covariance = information.Inverse() * (squaredSum / (m - p));
            for (int i = 0; i < free.Length; i++)
            {
                double variance = covariance[i, i];
                sigma[free[i]] = variance > 0 && double.IsFinite(variance) ? Math.Sqrt(variance) : double.PositiveInfinity;
            }
        }

        return new IntrinsicsUncertainty(sigma[0], sigma[1], sigma[2], sigma[3], [sigma[4], sigma[5], sigma[6], sigma[7], sigma[8]]);
    }
}
