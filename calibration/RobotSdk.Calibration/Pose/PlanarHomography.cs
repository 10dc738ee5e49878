using MathNet.Numerics.LinearAlgebra;

namespace RobotSdk.Calibration;

/// <summary>
/// The homography from a plane (z = 0) to normalized image coordinates by the normalized direct linear
/// transform (Hartley): both point sets are centred and scaled to mean distance √2 before the SVD,
/// which keeps the 9-column system well conditioned whatever the units.
/// </summary>
internal static class PlanarHomography
{
    /// <summary>H with (x, y, 1) ~ H (X, Y, 1) for each pair; needs 4 or more points, no three collinear.</summary>
    public static Matrix<double> Fit(IReadOnlyList<(double X, double Y)> plane, IReadOnlyList<(double X, double Y)> image)
    {
        Matrix<double> tPlane = Normalizer(plane);
        Matrix<double> tImage = Normalizer(image);
        Matrix<double> a = Matrix<double>.Build.Dense(2 * plane.Count, 9);
        for (int i = 0; i < plane.Count; i++)
        {
            (double px, double py) = Apply(tPlane, plane[i]);
            (double ix, double iy) = Apply(tImage, image[i]);
            int r = 2 * i;
            a.SetRow(r, new[] { -px, -py, -1, 0, 0, 0, ix * px, ix * py, ix });
            a.SetRow(r + 1, new[] { 0, 0, 0, -px, -py, -1, iy * px, iy * py, iy });
        }

        Vector<double> h = a.Svd(computeVectors: true).VT.Row(8);
        Matrix<double> normalized = Matrix<double>.Build.DenseOfRowMajor(3, 3, h.ToArray());
        return tImage.Inverse() * normalized * tPlane;
    }

    private static (double X, double Y) Apply(Matrix<double> t, (double X, double Y) p) =>
        ((t[0, 0] * p.X) + t[0, 2], (t[1, 1] * p.Y) + t[1, 2]);

    private static Matrix<double> Normalizer(IReadOnlyList<(double X, double Y)> points)
    {
        double cx = points.Average(p => p.X);
        double cy = points.Average(p => p.Y);
        double mean = points.Average(p => Math.Sqrt(((p.X - cx) * (p.X - cx)) + ((p.Y - cy) * (p.Y - cy))));
        double s = Math.Sqrt(2) / mean;
        return Matrix<double>.Build.DenseOfArray(new[,] { { s, 0, -s * cx }, { 0, s, -s * cy }, { 0, 0, 1 } });
    }
}
