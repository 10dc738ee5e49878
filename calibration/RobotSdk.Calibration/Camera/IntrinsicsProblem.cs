using RobotSdk.Geometry;

namespace RobotSdk.Calibration;

/// <summary>
/// Reprojection error of all views over the free intrinsics (additive) and every view's pose (rotation
/// updated multiplicatively, R ← exp(δ) R, as in <see cref="ReprojectionMinimizer"/>), for
/// <see cref="LevenbergMarquardt"/>. Parameters: the free entries of (fx, fy, cx, cy, k1, k2, k3, p1, p2),
/// then 6 per view (rotation increment, translation increment). Analytic Jacobian.
/// </summary>
internal sealed class IntrinsicsProblem : ILeastSquaresProblem
{
    /// <summary>Full intrinsic vector length: fx, fy, cx, cy, k1, k2, k3, p1, p2.</summary>
    public const int IntrinsicCount = 9;

    private const double BehindCameraResidual = 1e6;

    private readonly int width;
    private readonly int height;
    private readonly IReadOnlyList<IntrinsicsCalibrationView> views;
    private readonly int[] freeIntrinsics;
    private readonly int[] viewOffsets;
    private readonly double[] intrinsics;
    private readonly Pose[] poses;

    public IntrinsicsProblem(int width, int height, IReadOnlyList<IntrinsicsCalibrationView> views, int[] freeIntrinsics, double[] initialIntrinsics, Pose[] initialPoses)
    {
        this.width = width;
        this.height = height;
        this.views = views;
        this.freeIntrinsics = freeIntrinsics;
        intrinsics = (double[])initialIntrinsics.Clone();
        poses = (Pose[])initialPoses.Clone();
        viewOffsets = new int[views.Count];
        int points = 0;
        for (int v = 0; v < views.Count; v++)
        {
            viewOffsets[v] = points;
            points += views[v].BoardPoints.Count;
        }

        ResidualCount = 2 * points;
    }

    public int ParameterCount => freeIntrinsics.Length + (6 * views.Count);

    public int ResidualCount { get; }

    public int GroupSize => 2;

    public IReadOnlyList<double> Intrinsics => intrinsics;

    public IReadOnlyList<Pose> Poses => poses;

    public static CameraIntrinsics ToIntrinsics(int width, int height, ReadOnlySpan<double> k) =>
        new(width, height, k[0], k[1], k[2], k[3]) { Distortion = [k[4], k[5], k[6], k[7], k[8]] };

    public void GetParameters(Span<double> parameters)
    {
        for (int i = 0; i < freeIntrinsics.Length; i++)
        {
            parameters[i] = intrinsics[freeIntrinsics[i]];
        }

        parameters[freeIntrinsics.Length..].Clear();
    }

    public void Residuals(ReadOnlySpan<double> parameters, Span<double> residuals)
    {
        Span<double> k = stackalloc double[IntrinsicCount];
        CameraModel? camera = Camera(parameters, k);
        for (int v = 0; v < views.Count; v++)
        {
            Pose pose = ViewPose(v, parameters);
            IntrinsicsCalibrationView view = views[v];
            for (int i = 0; i < view.BoardPoints.Count; i++)
            {
                int row = 2 * (viewOffsets[v] + i);
                if (camera is not null && camera.TryProject(pose.Transform(view.BoardPoints[i]), out PixelPoint projected))
                {
                    residuals[row] = projected.X - view.ImagePoints[i].X;
                    residuals[row + 1] = projected.Y - view.ImagePoints[i].Y;
                }
                else
                {
                    residuals[row] = BehindCameraResidual;
                    residuals[row + 1] = BehindCameraResidual;
                }
            }
        }
    }

    public void Jacobian(ReadOnlySpan<double> parameters, Span<double> jacobian)
    {
        jacobian.Clear();
        Span<double> k = stackalloc double[IntrinsicCount];
        CameraModel? camera = Camera(parameters, k);
        if (camera is null)
        {
            return;
        }

        int p = ParameterCount;
        int free = freeIntrinsics.Length;
        Span<double> projection = stackalloc double[6];
        Span<double> du = stackalloc double[IntrinsicCount];
        Span<double> dv = stackalloc double[IntrinsicCount];
        for (int v = 0; v < views.Count; v++)
        {
            Pose pose = ViewPose(v, parameters);
            int poseColumn = free + (6 * v);
            IntrinsicsCalibrationView view = views[v];
            for (int i = 0; i < view.BoardPoints.Count; i++)
            {
                int row = 2 * (viewOffsets[v] + i);
                Span<double> rowU = jacobian.Slice(row * p, p);
                Span<double> rowV = jacobian.Slice((row + 1) * p, p);
                Vector3D q = pose.Transform(view.BoardPoints[i]);
                if (!camera.TryProject(q, out _, projection))
                {
                    continue;
                }

                IntrinsicDerivatives(k, q.X / q.Z, q.Y / q.Z, du, dv);
                for (int j = 0; j < free; j++)
                {
                    rowU[j] = du[freeIntrinsics[j]];
                    rowV[j] = dv[freeIntrinsics[j]];
                }

                // Same pose derivative as ReprojectionMinimizer: δ_r turns r = R P, δ_t moves q.
                Vector3D r = q - pose.Position;
                for (int a = 0; a < 3; a++)
                {
                    Vector3D m = a switch
                    {
                        0 => new Vector3D(0, -r.Z, r.Y),
                        1 => new Vector3D(r.Z, 0, -r.X),
                        _ => new Vector3D(-r.Y, r.X, 0),
                    };
                    rowU[poseColumn + a] = (projection[0] * m.X) + (projection[1] * m.Y) + (projection[2] * m.Z);
                    rowV[poseColumn + a] = (projection[3] * m.X) + (projection[4] * m.Y) + (projection[5] * m.Z);
                    rowU[poseColumn + 3 + a] = projection[a];
                    rowV[poseColumn + 3 + a] = projection[3 + a];
                }
            }
        }
    }

    public void Commit(ReadOnlySpan<double> parameters)
    {
        for (int i = 0; i < freeIntrinsics.Length; i++)
        {
            intrinsics[freeIntrinsics[i]] = parameters[i];
        }

        for (int v = 0; v < views.Count; v++)
        {
            poses[v] = ViewPose(v, parameters);
        }
    }

    /// <summary>d(u, v) / d(fx, fy, cx, cy, k1, k2, k3, p1, p2) at undistorted normalized (x, y).</summary>
    private static void IntrinsicDerivatives(ReadOnlySpan<double> k, double x, double y, Span<double> du, Span<double> dv)
    {
        double r2 = (x * x) + (y * y);
        double r4 = r2 * r2;
        double radial = 1 + (k[4] * r2) + (k[5] * r4) + (k[6] * r4 * r2);
        double xd = (x * radial) + (2 * k[7] * x * y) + (k[8] * (r2 + (2 * x * x)));
        double yd = (y * radial) + (k[7] * (r2 + (2 * y * y))) + (2 * k[8] * x * y);
        double fx = k[0], fy = k[1];
        du.Clear();
        dv.Clear();
        du[0] = xd;
        dv[1] = yd;
        du[2] = 1;
        dv[3] = 1;
        du[4] = fx * x * r2;
        dv[4] = fy * y * r2;
        du[5] = fx * x * r4;
        dv[5] = fy * y * r4;
        du[6] = fx * x * r4 * r2;
        dv[6] = fy * y * r4 * r2;
        du[7] = fx * 2 * x * y;
        dv[7] = fy * (r2 + (2 * y * y));
        du[8] = fx * (r2 + (2 * x * x));
        dv[8] = fy * 2 * x * y;
    }

    /// <summary>The camera at <paramref name="parameters"/>; null while a trial step makes a focal length non-positive.</summary>
    private CameraModel? Camera(ReadOnlySpan<double> parameters, Span<double> k)
    {
        intrinsics.CopyTo(k);
        for (int i = 0; i < freeIntrinsics.Length; i++)
        {
            k[freeIntrinsics[i]] = parameters[i];
        }

        return k[0] > 0 && k[1] > 0 ? new CameraModel(ToIntrinsics(width, height, k)) : null;
    }

    private Pose ViewPose(int view, ReadOnlySpan<double> parameters)
    {
        ReadOnlySpan<double> delta = parameters.Slice(freeIntrinsics.Length + (6 * view), 6);
        Pose pose = poses[view];
        Rotation rotation = RotationMatrices.Normalized(RotationMatrices.Exp(new Vector3D(delta[0], delta[1], delta[2])) * pose.Orientation);
        return new Pose(pose.Position + new Vector3D(delta[3], delta[4], delta[5]), rotation);
    }
}
