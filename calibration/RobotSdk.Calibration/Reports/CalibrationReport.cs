using System.Globalization;
using System.Text;
using System.Xml.Linq;
using static RobotSdk.Calibration.Reports.Markup;

namespace RobotSdk.Calibration.Reports;

/// <summary>
/// Writes a kinematic calibration report: one self-contained HTML page (inline CSS, inline SVG, the
/// camera frame as a data: URI, no scripts) that parses as XML too. It holds a summary table, per-pose
/// residuals before and after, per-joint offsets, a histogram of held-out tool errors, the
/// identifiability findings and an overlay of predicted and detected tag corners.
/// </summary>
public static class CalibrationReport
{
    private const string Style =
        "body{font-family:system-ui,sans-serif;margin:2em;max-width:60em;color:#222}" +
        "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left}" +
        "td.value{text-align:right;font-variant-numeric:tabular-nums}" +
        "svg{max-width:100%;height:auto;display:block;margin:.5em 0}" +
        ".plot-area{fill:#fafafa;stroke:#ddd}.axis{stroke:#444}" +
        ".tick,.unit,.category,.legend,.value{font-size:11px;fill:#444}" +
        ".series-0{fill:#b0b0b0}.series-1{fill:#2b7bb9}.offsets .series-0{fill:#2b7bb9}" +
        ".frame{fill:#333}.error-line{stroke:#ff0;stroke-width:1}" +
        ".detected{fill:none;stroke:#0f0;stroke-width:1.5}.predicted{stroke:#f0f;stroke-width:1.5;fill:none}";

    /// <summary>Writes the report for <paramref name="data"/> to <paramref name="path"/> (UTF-8).</summary>
    /// <exception cref="ArgumentException">A number is NaN or infinite, or lists that pair up differ in length; the message names the field.</exception>
    public static void Write(CalibrationReportData data, string path) =>
        File.WriteAllText(path, Render(data), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));

    /// <summary>The report's HTML for <paramref name="data"/>.</summary>
    /// <exception cref="ArgumentException">A number is NaN or infinite, or lists that pair up differ in length; the message names the field.</exception>
    public static string Render(CalibrationReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        Validate(data);
        string title = $"Kinematic calibration of {data.Arm} ({data.ArmIdentity})";
        var body = H(
            "body",
            H("h1", title),
            H("p", $"Camera '{data.CameraName}', calibrated {data.CreatedUtc.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)}."),
            H("h2", "Summary"),
            Summary(data),
            H("h2", "Reprojection residuals per pose"),
            H("p", "Root-mean-square distance between detected and predicted tag corners in each image, with the nominal kinematics (grey) and the calibrated kinematics (blue). Lower is better; about the detector's corner noise is the floor."),
            ResidualChart(data),
            H("h2", "Joint zero offsets"),
            H("p", "The identified offset of each joint's zero: true angle = measured angle + offset."),
            OffsetChart(data),
            H("h2", "Held-out tool errors"),
            HeldOut(data),
            H("h2", "What the data could determine"),
            H("ul", new XAttribute("class", "identifiability"), data.IdentifiabilityLines.Select(line => H("li", line))),
            H("h2", "Predicted and detected corners"),
            Overlay(data));
        var html = H(
            "html",
            new XAttribute("lang", "en"),
            H("head", new XElement(Html + "meta", new XAttribute("charset", "utf-8")), H("title", title), H("style", Style)),
            body);
        return "<!DOCTYPE html>\n" + html.ToString(SaveOptions.None) + "\n";
    }

    private static XElement Summary(CalibrationReportData data)
    {
        var table = H("table", new XAttribute("class", "summary"), H("tr", H("th", "Quantity"), H("th", "Value"), H("th", "Meaning")));
        void Row(string id, string quantity, double value, string unit, string meaning) =>
            table.Add(H(
                "tr",
                new XAttribute("id", id),
                H("td", quantity),
                H("td", new XAttribute("class", "value"), new XAttribute("data-value", Exact(value)), $"{Readable(value)} {unit}"),
                H("td", meaning)));

        Row("rms-before", "Reprojection RMS before", data.RmsBeforePixels, "px", "Corner error with the nominal kinematics (camera and tag poses fitted).");
        Row("rms-after", "Reprojection RMS after", data.RmsAfterPixels, "px", "Corner error with the calibrated kinematics; near the detector noise when the model fits.");
        Row("pose-count", "Poses", data.ResidualsAfterPixels.Count, string.Empty, "Images used to solve.");
        double largest = data.JointOffsetsRadians.Count == 0 ? 0 : data.JointOffsetsRadians.Max(Math.Abs);
        Row("largest-offset", "Largest joint offset", largest * 180 / Math.PI, "°", "The biggest zero correction; several degrees usually means a servo was homed off by a tooth or horn.");
        if (data.HeldOutToolErrorsAfterMillimetres.Count > 0)
        {
            Row("held-out-count", "Held-out poses", data.HeldOutToolErrorsAfterMillimetres.Count, string.Empty, "Poses kept out of the solve to check it.");
            Row("held-out-median-before", "Held-out tool error before, median", Percentile(data.HeldOutToolErrorsBeforeMillimetres, 0.5), "mm", "How far the tool really was from where the nominal kinematics put it.");
            Row("held-out-median-after", "Held-out tool error after, median", Percentile(data.HeldOutToolErrorsAfterMillimetres, 0.5), "mm", "The same with the calibrated kinematics: what to expect when positioning.");
            Row("held-out-p95-after", "Held-out tool error after, 95th percentile", Percentile(data.HeldOutToolErrorsAfterMillimetres, 0.95), "mm", "Nearly all poses are at least this good.");
            if (data.HeldOutReprojectionPixelsAfter.Count > 0)
            {
                Row("held-out-rms-before", "Held-out reprojection RMS before", RootMeanSquare(data.HeldOutReprojectionPixelsBefore), "px", "Corner error on poses the solve never saw, nominal kinematics.");
                Row("held-out-rms-after", "Held-out reprojection RMS after", RootMeanSquare(data.HeldOutReprojectionPixelsAfter), "px", "The same with the calibrated kinematics: near the calibration RMS when the model generalises.");
            }
        }

        return table;
    }

    private static XElement ResidualChart(CalibrationReportData data) => SvgBarChart.Render(
        "residuals",
        "Reprojection RMS per pose, before and after calibration",
        [.. Enumerable.Range(1, data.ResidualsAfterPixels.Count).Select(i => i.ToString(CultureInfo.InvariantCulture))],
        [new ChartSeries("before", data.ResidualsBeforePixels), new ChartSeries("after", data.ResidualsAfterPixels)],
        "px");

    private static XElement OffsetChart(CalibrationReportData data) => SvgBarChart.Render(
        "offsets",
        "Joint zero offsets in degrees",
        data.JointNames,
        [new ChartSeries("offset", [.. data.JointOffsetsRadians.Select(radians => radians * 180 / Math.PI)])],
        "°",
        valueLabels: true);

    private static XElement HeldOut(CalibrationReportData data)
    {
        IReadOnlyList<double> before = data.HeldOutToolErrorsBeforeMillimetres;
        IReadOnlyList<double> after = data.HeldOutToolErrorsAfterMillimetres;
        if (after.Count == 0)
        {
            return H("p", "No poses were held out, so there is no independent check of the tool position.");
        }

        // Shared bins for both series so their bars compare; a single value gets a unit-wide bin.
        double low = Math.Min(before.DefaultIfEmpty(after[0]).Min(), after.Min());
        double high = Math.Max(before.DefaultIfEmpty(after[0]).Max(), after.Max());
        if (high - low <= 0)
        {
            low -= 0.5;
            high += 0.5;
        }

        int bins = Math.Clamp((int)Math.Ceiling(Math.Sqrt(Math.Max(before.Count, after.Count))) + 1, 4, 20);
        double width = (high - low) / bins;
        double[] Count(IReadOnlyList<double> values)
        {
            var counts = new double[bins];
            foreach (double value in values)
            {
                counts[Math.Min(bins - 1, (int)((value - low) / width))]++;
            }

            return counts;
        }

        var section = H(
            "div",
            H("p", new XAttribute("class", "held-out-measurement"), data.HeldOutMeasurement),
            H("p", "How many held-out poses had each tool position error (millimetres, bin start shown), with the nominal (grey) and calibrated (blue) kinematics."),
            SvgBarChart.Render(
                "histogram",
                "Histogram of held-out tool position errors, before and after calibration",
                [.. Enumerable.Range(0, bins).Select(i => Readable(low + (i * width)))],
                [new ChartSeries("before", Count(before)), new ChartSeries("after", Count(after))],
                "poses"));
        if (data.HeldOutReprojectionPixelsAfter.Count > 0)
        {
            section.Add(
                H("p", "Reprojection RMS of each held-out pose, with the nominal (grey) and calibrated (blue) kinematics."),
                SvgBarChart.Render(
                    "held-out-residuals",
                    "Reprojection RMS per held-out pose, before and after calibration",
                    [.. Enumerable.Range(1, data.HeldOutReprojectionPixelsAfter.Count).Select(i => i.ToString(CultureInfo.InvariantCulture))],
                    [new ChartSeries("before", data.HeldOutReprojectionPixelsBefore), new ChartSeries("after", data.HeldOutReprojectionPixelsAfter)],
                    "px"));
        }

        return section;
    }

    private static double RootMeanSquare(IReadOnlyList<double> values) =>
        values.Count == 0 ? 0 : Math.Sqrt(values.Sum(v => v * v) / values.Count);

    private static XElement Overlay(CalibrationReportData data) => data.Overlay is null
        ? H("p", "No camera frame was given.")
        : H(
            "div",
            H("p", $"Detected corners (green circles, {data.Overlay.Detected.Count}) and corners the calibrated model predicts (magenta crosses, {data.Overlay.Predicted.Count}), joined by yellow lines."),
            SvgOverlay.Render(data.Overlay));

    private static double Percentile(IReadOnlyList<double> values, double fraction)
    {
        if (values.Count == 0)
        {
            return 0;
        }

        // Linear interpolation between closest ranks.
        double[] sorted = [.. values.Order()];
        double rank = fraction * (sorted.Length - 1);
        int below = (int)Math.Floor(rank);
        int above = Math.Min(sorted.Length - 1, below + 1);
        return sorted[below] + ((rank - below) * (sorted[above] - sorted[below]));
    }

    private static void Validate(CalibrationReportData data)
    {
        RequireFinite(data.RmsBeforePixels, nameof(data.RmsBeforePixels));
        RequireFinite(data.RmsAfterPixels, nameof(data.RmsAfterPixels));
        RequireFinite(data.ResidualsBeforePixels, nameof(data.ResidualsBeforePixels));
        RequireFinite(data.ResidualsAfterPixels, nameof(data.ResidualsAfterPixels));
        RequireFinite(data.JointOffsetsRadians, nameof(data.JointOffsetsRadians));
        RequireFinite(data.HeldOutToolErrorsBeforeMillimetres, nameof(data.HeldOutToolErrorsBeforeMillimetres));
        RequireFinite(data.HeldOutToolErrorsAfterMillimetres, nameof(data.HeldOutToolErrorsAfterMillimetres));
        RequireSameCount(data.ResidualsBeforePixels.Count, data.ResidualsAfterPixels.Count, nameof(data.ResidualsBeforePixels), nameof(data.ResidualsAfterPixels));
        RequireFinite(data.HeldOutReprojectionPixelsBefore, nameof(data.HeldOutReprojectionPixelsBefore));
        RequireFinite(data.HeldOutReprojectionPixelsAfter, nameof(data.HeldOutReprojectionPixelsAfter));
        RequireSameCount(data.HeldOutReprojectionPixelsBefore.Count, data.HeldOutReprojectionPixelsAfter.Count, nameof(data.HeldOutReprojectionPixelsBefore), nameof(data.HeldOutReprojectionPixelsAfter));
        RequireSameCount(data.JointNames.Count, data.JointOffsetsRadians.Count, nameof(data.JointNames), nameof(data.JointOffsetsRadians));
        if (data.Overlay is { } overlay)
        {
            if (overlay.Width <= 0 || overlay.Height <= 0)
            {
                throw new ArgumentException($"The overlay frame is {overlay.Width} x {overlay.Height}; both must be positive.", nameof(data));
            }

            if (!overlay.Rgb24.IsEmpty && overlay.Rgb24.Length != overlay.Width * overlay.Height * 3)
            {
                throw new ArgumentException($"The overlay frame of {overlay.Width} x {overlay.Height} needs {overlay.Width * overlay.Height * 3} RGB24 bytes, not {overlay.Rgb24.Length}.", nameof(data));
            }

            RequireFinite([.. overlay.Detected.SelectMany(p => (double[])[p.X, p.Y])], "Overlay.Detected");
            RequireFinite([.. overlay.Predicted.SelectMany(p => (double[])[p.X, p.Y])], "Overlay.Predicted");
        }
    }

    private static void RequireFinite(double value, string field)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentException($"{field} is {value.ToString(CultureInfo.InvariantCulture)}; a report needs finite numbers.");
        }
    }

    private static void RequireFinite(IReadOnlyList<double> values, string field)
    {
        for (int i = 0; i < values.Count; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentException($"{field}[{i}] is {values[i].ToString(CultureInfo.InvariantCulture)}; a report needs finite numbers.");
            }
        }
    }

    private static void RequireSameCount(int first, int second, string firstName, string secondName)
    {
        if (first != second)
        {
            throw new ArgumentException($"{firstName} has {first} entries but {secondName} has {second}; they pair up.");
        }
    }
}
