using System.Globalization;
using RobotSdk.Calibration.Files;
using RobotSdk.Calibration.Procedure;
using RobotSdk.Calibration.Reports;

namespace RobotSdk.Cli.Calibration;

/// <summary>Writes what <c>robot calibrate</c> produces: the kinematic calibration file and the HTML report, in one folder.</summary>
internal static class CalibrationOutput
{
    /// <summary>Name of the calibration file in the output folder.</summary>
    public const string CalibrationFileName = "kinematic-calibration.json";

    /// <summary>Name of the report in the output folder.</summary>
    public const string ReportFileName = "report.html";

    /// <summary>The folder used without <c>--out</c>: <c>robot-output/calibration/ARM-LABEL</c> under the current directory.</summary>
    public static string DefaultFolder(string arm, string label) =>
        Path.Combine("robot-output", "calibration", string.Create(CultureInfo.InvariantCulture, $"{arm.ToLowerInvariant()}-{label}"));

    /// <summary>Writes both files into <paramref name="folder"/> (created if needed) and returns their full paths.</summary>
    public static (string CalibrationFile, string Report) Write(CalibrationProcedureResult procedure, string folder, string arm, string armIdentity, string cameraName, DateTimeOffset createdUtc)
    {
        string directory = Path.GetFullPath(folder);
        Directory.CreateDirectory(directory);
        string file = Path.Combine(directory, CalibrationFileName);
        string report = Path.Combine(directory, ReportFileName);
        KinematicCalibrationFile.Save(procedure.ToStoredCalibration(arm, armIdentity, cameraName, createdUtc), file);
        CalibrationReport.Write(procedure.ToReportData(arm, armIdentity, cameraName, createdUtc), report);
        return (file, report);
    }
}
