namespace RobotSdk.Calibration.Fiducials;

/// <summary>
/// Re-measures a detected tag's border edges on the full-resolution image and intersects them. Along
/// each edge, the intensity profile across it (bilinear samples, pixel centres at +0.5) is normalized
/// between the inside and outside levels and integrated: for a blurred step the integral places the
/// edge without bias, whatever the blur, as long as the window spans it. A total-least-squares line
/// through those edge points replaces libapriltag's whole-pixel gradient search.
/// </summary>
internal static class AprilTagCornerRefiner
{
    private const double NormalStep = 0.125;
    private const double AlongStep = 0.5;

    /// <summary>Refined corners in the same order, or null when an edge lacks contrast or leaves the image.</summary>
    public static PixelPoint[]? Refine(ReadOnlySpan<byte> pixels, int width, int height, int stride, IReadOnlyList<PixelPoint> corners, int borderCells)
    {
        double centreX = corners.Average(c => c.X), centreY = corners.Average(c => c.Y);
        Span<(double Nx, double Ny, double C)> lines = stackalloc (double, double, double)[4];
        for (int i = 0; i < 4; i++)
        {
            PixelPoint a = corners[i], b = corners[(i + 1) % 4];
            double length = a.DistanceTo(b);
            if (length < 8)
            {
                return null;
            }

            double dx = (b.X - a.X) / length, dy = (b.Y - a.Y) / length;
            double nx = -dy, ny = dx;
            if ((nx * (((a.X + b.X) / 2) - centreX)) + (ny * (((a.Y + b.Y) / 2) - centreY)) < 0)
            {
                (nx, ny) = (-nx, -ny);
            }

            // Half-window across the edge: under half a cell, so the next cell's bits stay outside it.
            double range = Math.Clamp(0.45 * length / borderCells, 1.5, 3.0);
            int steps = (int)Math.Round(2 * range / NormalStep);
            int count = (int)((0.7 * length) / AlongStep);
            var points = new List<(double X, double Y, double Integral)>(count);
            double inside = 0, outside = 0;
            for (int k = 0; k <= count; k++)
            {
                double t = (0.15 * length) + (k * AlongStep);
                double px = a.X + (t * dx), py = a.Y + (t * dy);
                double sum = 0, first = 0, last = 0;
                bool valid = true;
                for (int j = 0; j <= steps && valid; j++)
                {
                    double s = -range + (j * NormalStep);
                    double value = Bilinear(pixels, width, height, stride, px + (s * nx), py + (s * ny));
                    valid = !double.IsNaN(value);
                    double weight = j == 0 || j == steps ? 0.5 : 1.0;
                    sum += weight * value;
                    first = j == 0 ? value : first;
                    last = value;
                }

                if (valid)
                {
                    points.Add((px, py, sum * NormalStep));
                    inside += first;
                    outside += last;
                }
            }

            if (points.Count < 5)
            {
                return null;
            }

            inside /= points.Count;
            outside /= points.Count;
            double contrast = outside - inside;
            if (Math.Abs(contrast) < 10)
            {
                return null;
            }

            // ∫ (I - inside) / contrast ds over [-range, range] = range - e for a step at offset e.
            var edge = new (double X, double Y)[points.Count];
            for (int k = 0; k < points.Count; k++)
            {
                double integral = (points[k].Integral - (inside * 2 * range)) / contrast;
                double offset = range - integral;
                edge[k] = (points[k].X + (offset * nx), points[k].Y + (offset * ny));
            }

            lines[i] = FitLineRejectingOutliers(edge);
        }

        var refined = new PixelPoint[4];
        for (int i = 0; i < 4; i++)
        {
            (double n1x, double n1y, double c1) = lines[(i + 3) % 4];
            (double n2x, double n2y, double c2) = lines[i];
            double det = (n1x * n2y) - (n1y * n2x);
            if (Math.Abs(det) < 1e-6)
            {
                return null;
            }

            refined[i] = new PixelPoint(((c1 * n2y) - (n1y * c2)) / det, ((n1x * c2) - (c1 * n2x)) / det);

            // A corner that moved by more than a pixel measured something else (occlusion, a neighbour): keep libapriltag's.
            if (refined[i].DistanceTo(corners[i]) > 1.0)
            {
                return null;
            }
        }

        return refined;
    }

    /// <summary>Fits a line, drops points more than 3 median deviations (at least 0.1 px) off it, and fits again.</summary>
    private static (double Nx, double Ny, double C) FitLineRejectingOutliers((double X, double Y)[] points)
    {
        (double nx, double ny, double c) = FitLine(points);
        double[] residuals = points.Select(p => Math.Abs((nx * p.X) + (ny * p.Y) - c)).ToArray();
        double[] sorted = [.. residuals.Order()];
        double limit = Math.Max(0.1, 3 * 1.4826 * sorted[sorted.Length / 2]);
        (double X, double Y)[] kept = points.Where((_, k) => residuals[k] <= limit).ToArray();
        return kept.Length >= 5 && kept.Length < points.Length ? FitLine(kept) : (nx, ny, c);
    }

    /// <summary>Line n·p = c through the points, n the direction of least spread (total least squares).</summary>
    private static (double Nx, double Ny, double C) FitLine((double X, double Y)[] points)
    {
        double mx = points.Average(p => p.X), my = points.Average(p => p.Y);
        double sxx = 0, sxy = 0, syy = 0;
        foreach ((double x, double y) in points)
        {
            sxx += (x - mx) * (x - mx);
            sxy += (x - mx) * (y - my);
            syy += (y - my) * (y - my);
        }

        double angle = 0.5 * Math.Atan2(2 * sxy, sxx - syy);
        double nx = -Math.Sin(angle), ny = Math.Cos(angle);
        return (nx, ny, (nx * mx) + (ny * my));
    }

    private static double Bilinear(ReadOnlySpan<byte> pixels, int width, int height, int stride, double x, double y)
    {
        double fx = x - 0.5, fy = y - 0.5;
        int ix = (int)Math.Floor(fx), iy = (int)Math.Floor(fy);
        if (ix < 0 || iy < 0 || ix + 1 >= width || iy + 1 >= height)
        {
            return double.NaN;
        }

        double ax = fx - ix, ay = fy - iy;
        int row = iy * stride;
        double top = ((1 - ax) * pixels[row + ix]) + (ax * pixels[row + ix + 1]);
        double bottom = ((1 - ax) * pixels[row + stride + ix]) + (ax * pixels[row + stride + ix + 1]);
        return ((1 - ay) * top) + (ay * bottom);
    }
}
