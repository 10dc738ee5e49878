using MathNet.Numerics.LinearAlgebra;
using RobotSdk.Geometry;

namespace RobotSdk.Calibration;

/// <summary>
/// Camera-from-object poses from 2D-3D point correspondences: an initial pose from the plane-to-image
/// homography (normalized DLT), then Levenberg-Marquardt on the pixel reprojection error with the full
/// distortion model.
/// </summary>
public static class PerspectivePose
{
    /// <summary>Solves the pose of points lying on the object's z = 0 plane (a tag, a flat board).</summary>
    /// <param name="camera">The camera model.</param>
    /// <param name="objectPoints">Points on the object's z = 0 plane, metres; 4 or more, no three collinear.</param>
    /// <param name="imagePoints">Their observed pixels, same order.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">Counts differ, fewer than 4 points, or a point is off the plane.</exception>
    public static PoseEstimate EstimatePlanar(CameraModel camera, IReadOnlyList<Vector3D> objectPoints, IReadOnlyList<PixelPoint> imagePoints)
    {
        Check(camera, objectPoints, imagePoints);
        double extent = objectPoints.Max(p => Math.Max(Math.Abs(p.X), Math.Abs(p.Y)));
        if (objectPoints.Any(p => Math.Abs(p.Z) > 1e-9 * Math.Max(extent, 1)))
        {
            throw new ArgumentException("Planar pose needs every object point on z = 0.", nameof(objectPoints));
        }

        var plane = objectPoints.Select(p => (p.X, p.Y)).ToArray();
        var rays = imagePoints.Select(camera.Normalize).ToArray();
        Pose initial = FromHomography(PlanarHomography.Fit(plane, rays));
        return Refine(camera, initial, objectPoints, imagePoints);
    }

    /// <summary>Refines <paramref name="initial"/> by Levenberg-Marquardt on the reprojection error.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">Counts differ or fewer than 4 points.</exception>
    public static PoseEstimate Refine(CameraModel camera, Pose initial, IReadOnlyList<Vector3D> objectPoints, IReadOnlyList<PixelPoint> imagePoints)
    {
        Check(camera, objectPoints, imagePoints);
        (Pose pose, double rms) = ReprojectionMinimizer.Minimize(camera, initial, objectPoints, imagePoints);
        return new PoseEstimate(pose, rms, objectPoints.Count);
    }

    /// <summary>Root-mean-square pixel distance between the projections of the points under a pose and the observations.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">Counts differ or fewer than 4 points.</exception>
    public static double ReprojectionRms(CameraModel camera, Pose cameraFromObject, IReadOnlyList<Vector3D> objectPoints, IReadOnlyList<PixelPoint> imagePoints)
    {
        Check(camera, objectPoints, imagePoints);
        double sum = ReprojectionMinimizer.Residuals(camera, cameraFromObject, objectPoints, imagePoints, new double[2 * objectPoints.Count]);
        return Math.Sqrt(sum / objectPoints.Count);
    }

    /// <summary>
    /// H = λ [r1 r2 t] for normalized coordinates: λ from the mean column norm, the sign that puts the
    /// plane in front of the camera, and the rotation projected onto SO(3).
    /// </summary>
    private static Pose FromHomography(Matrix<double> h)
    {
        double scale = 2 / (h.Column(0).L2Norm() + h.Column(1).L2Norm());
        if (h[2, 2] < 0)
        {
            scale = -scale;
        }

        Vector<double> r1 = h.Column(0) * scale;
        Vector<double> r2 = h.Column(1) * scale;
        Vector<double> t = h.Column(2) * scale;
        var r3 = Vector<double>.Build.DenseOfArray(
        [
            (r1[1] * r2[2]) - (r1[2] * r2[1]),
            (r1[2] * r2[0]) - (r1[0] * r2[2]),
            (r1[0] * r2[1]) - (r1[1] * r2[0]),
        ]);
        Matrix<double> approximate = Matrix<double>.Build.DenseOfColumnVectors(r1, r2, r3);
        return new Pose(new Vector3D(t[0], t[1], t[2]), RotationMatrices.FromApproximateMatrix(approximate));
    }

    private static void Check(CameraModel camera, IReadOnlyList<Vector3D> objectPoints, IReadOnlyList<PixelPoint> imagePoints)
    {
        ArgumentNullException.ThrowIfNull(camera);
        ArgumentNullException.ThrowIfNull(objectPoints);
        ArgumentNullException.ThrowIfNull(imagePoints);
        if (objectPoints.Count != imagePoints.Count)
        {
            throw new ArgumentException($"{objectPoints.Count} object points but {imagePoints.Count} image points.", nameof(imagePoints));
        }

        if (objectPoints.Count < 4)
        {
            throw new ArgumentException($"A pose needs at least 4 points, got {objectPoints.Count}.", nameof(objectPoints));
        }
    }
}
