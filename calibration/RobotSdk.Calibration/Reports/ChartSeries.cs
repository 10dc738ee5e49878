namespace RobotSdk.Calibration.Reports;

/// <summary>One series of a bar chart: a name for the legend and one value per category.</summary>
internal sealed record ChartSeries(string Name, IReadOnlyList<double> Values);
