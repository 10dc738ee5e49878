using System.Globalization;
using System.Text.RegularExpressions;

namespace RobotSdk.Drivers.UFactory.Protocol;

/// <summary>
/// What <see cref="XArmFunction.GetVersion"/> says about the arm: <c>axes,type,robot SN,control box SN,firmware</c>,
/// for example <c>6,9,LI1006...,AC1303...,v2.5.0</c>. A Lite 6 reports 6 axes and type 9
/// (xArm-Python-SDK <c>XArmAPI.is_lite6</c>).
/// </summary>
/// <param name="Text">The text as received.</param>
/// <param name="Axes">Number of joints, or 0 when the text has no such field.</param>
/// <param name="RobotType">Arm type, or 0 when unknown.</param>
/// <param name="RobotSerialNumber">The arm's serial number, or empty.</param>
/// <param name="ControlBoxSerialNumber">The control box's serial number, or empty.</param>
/// <param name="Firmware">Firmware version, or null when none is found.</param>
public sealed partial record ControllerVersion(string Text, int Axes, int RobotType, string RobotSerialNumber, string ControlBoxSerialNumber, Version? Firmware)
{
    /// <summary>The type number of the Lite 6 (<c>XCONF.Robot.Type.XARM6_X9</c>).</summary>
    public const int Lite6Type = 9;

    /// <summary>Whether this is a Lite 6 (6 axes, type 9).</summary>
    public bool IsLite6 => Axes == 6 && RobotType == Lite6Type;

    /// <summary>Whether the firmware is at least <paramref name="minimum"/>; false when unknown.</summary>
    public bool FirmwareIsAtLeast(Version minimum) => Firmware is { } firmware && firmware >= minimum;

    /// <summary>
    /// Parses the version text. Fields that are missing stay 0 or empty, as the SDK falls back to
    /// the bare firmware number for old controllers.
    /// </summary>
    public static ControllerVersion Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string[] fields = text.Split(',');
        int axes = 0;
        int type = 0;
        string robot = string.Empty;
        string box = string.Empty;
        if (fields.Length >= 5
            && int.TryParse(fields[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int parsedAxes)
            && int.TryParse(fields[1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int parsedType))
        {
            axes = parsedAxes;
            type = parsedType;
            robot = fields[2].Trim();
            box = fields[3].Trim();
        }

        Match match = FirmwarePattern().Match(text);
        Version? firmware = match.Success
            ? new Version(
                int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture),
                int.Parse(match.Groups[2].ValueSpan, CultureInfo.InvariantCulture),
                int.Parse(match.Groups[3].ValueSpan, CultureInfo.InvariantCulture))
            : null;
        return new ControllerVersion(text, axes, type, robot, box, firmware);
    }

    /// <summary>The last x.y.z in the text: the firmware comes last.</summary>
    [GeneratedRegex(@"(\d{1,5})\.(\d{1,5})\.(\d{1,5})(?!.*\d+\.\d+\.\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex FirmwarePattern();
}
