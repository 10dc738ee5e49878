using System.Xml.Linq;
using static RobotSdk.Calibration.Reports.Markup;

namespace RobotSdk.Calibration.Reports;

/// <summary>
/// A grouped bar chart as SVG: one group per category, one bar per series, bars drawn from zero so
/// negative values (joint offsets) hang below the axis. Each bar carries its exact value in
/// <c>data-value</c>.
/// </summary>
internal static class SvgBarChart
{
    public const double Width = 640;
    public const double Height = 260;
    public const double Left = 60;
    public const double Right = 12;
    public const double Top = 28;
    public const double Bottom = 44;

    private const int MaximumLabels = 24;

    /// <param name="kind">A class naming the chart (CSS and tests find it by it).</param>
    /// <param name="label">What the chart shows, for screen readers.</param>
    /// <param name="categories">Category labels along x.</param>
    /// <param name="series">One or more series, each with one value per category.</param>
    /// <param name="unit">Unit of the values, for the axis.</param>
    /// <param name="valueLabels">Whether to print each bar's value above it (for few bars).</param>
    public static XElement Render(string kind, string label, IReadOnlyList<string> categories, IReadOnlyList<ChartSeries> series, string unit, bool valueLabels = false)
    {
        double minimum = 0;
        double maximum = 0;
        foreach (ChartSeries s in series)
        {
            foreach (double value in s.Values)
            {
                minimum = Math.Min(minimum, value);
                maximum = Math.Max(maximum, value);
            }
        }

        // All zero (or no data): keep a unit range so nothing divides by zero and the axis still reads.
        if (maximum - minimum <= 0)
        {
            maximum = 1;
        }

        if (valueLabels)
        {
            // Headroom on the sides that hold bars, so a label never runs into the axis labels.
            double headroom = 0.12 * (maximum - minimum);
            maximum += maximum > 0 ? headroom : 0;
            minimum -= minimum < 0 ? headroom : 0;
        }

        double plotWidth = Width - Left - Right;
        double plotHeight = Height - Top - Bottom;
        double Y(double value) => Top + ((maximum - value) / (maximum - minimum) * plotHeight);
        double zero = Y(0);

        var svg = SvgRoot(Width, Height, label, new XAttribute("class", "chart " + kind));
        svg.Add(S("rect", new XAttribute("class", "plot-area"), new XAttribute("x", N(Left)), new XAttribute("y", N(Top)), new XAttribute("width", N(plotWidth)), new XAttribute("height", N(plotHeight))));
        foreach (double tick in minimum < 0 ? [minimum, 0, maximum] : (double[])[0, maximum])
        {
            svg.Add(S("text", new XAttribute("class", "tick"), new XAttribute("x", N(Left - 4)), new XAttribute("y", N(Y(tick) + 4)), new XAttribute("text-anchor", "end"), Readable(tick)));
        }

        svg.Add(S("text", new XAttribute("class", "unit"), new XAttribute("x", N(Left - 4)), new XAttribute("y", N(Top - 10)), new XAttribute("text-anchor", "end"), unit));

        int count = Math.Max(1, categories.Count);
        double group = plotWidth / count;
        double bar = group * 0.8 / Math.Max(1, series.Count);
        int labelEvery = (int)Math.Ceiling(count / (double)MaximumLabels);
        for (int c = 0; c < categories.Count; c++)
        {
            double groupLeft = Left + (c * group) + (group * 0.1);
            for (int s = 0; s < series.Count; s++)
            {
                double value = series[s].Values[c];
                double top = Math.Min(Y(value), zero);
                double x = groupLeft + (s * bar);
                svg.Add(S(
                    "rect",
                    new XAttribute("class", $"bar series-{s}"),
                    new XAttribute("x", N(x)),
                    new XAttribute("y", N(top)),
                    new XAttribute("width", N(bar)),
                    new XAttribute("height", N(Math.Abs(Y(value) - zero))),
                    new XAttribute("data-value", Exact(value)),
                    S("title", $"{series[s].Name}, {categories[c]}: {Readable(value)} {unit}")));
                if (valueLabels)
                {
                    double labelY = value >= 0 ? top - 3 : top + Math.Abs(Y(value) - zero) + 11;
                    svg.Add(S("text", new XAttribute("class", "value"), new XAttribute("x", N(x + (bar / 2))), new XAttribute("y", N(labelY)), new XAttribute("text-anchor", "middle"), Readable(value)));
                }
            }

            if (c % labelEvery == 0)
            {
                svg.Add(S("text", new XAttribute("class", "category"), new XAttribute("x", N(Left + ((c + 0.5) * group))), new XAttribute("y", N(Height - Bottom + 14)), new XAttribute("text-anchor", "middle"), categories[c]));
            }
        }

        svg.Add(S("line", new XAttribute("class", "axis"), new XAttribute("x1", N(Left)), new XAttribute("x2", N(Left + plotWidth)), new XAttribute("y1", N(zero)), new XAttribute("y2", N(zero))));
        for (int s = 0; s < series.Count && series.Count > 1; s++)
        {
            double x = Left + plotWidth - 150 + (s * 80);
            svg.Add(S("rect", new XAttribute("class", $"legend series-{s}"), new XAttribute("x", N(x)), new XAttribute("y", "6"), new XAttribute("width", "10"), new XAttribute("height", "10")));
            svg.Add(S("text", new XAttribute("class", "legend"), new XAttribute("x", N(x + 14)), new XAttribute("y", "15"), series[s].Name));
        }

        return svg;
    }
}
