using System.Globalization;
using System.Text.RegularExpressions;

namespace RobotSdk.Cli.Tests;

/// <summary>What <c>robot move</c> prints per joint: <c>0.2003 rad (goal 0.2000)</c>, read back from the arm.</summary>
internal static partial class MoveOutput
{
    /// <summary>Asserts the move succeeded and every joint of <paramref name="goal"/> (comma-separated radians) was read back within <paramref name="tolerance"/>.</summary>
    public static void AssertReached((int ExitCode, string Output, string Error) move, string goal, double tolerance = 0.011)
    {
        Assert.True(move.ExitCode == 0, move.Error + move.Output);
        MatchCollection joints = JointLine().Matches(move.Output);
        Assert.Equal(goal.Split(',').Length, joints.Count);
        Assert.All(joints, m => Assert.InRange(
            Math.Abs(double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) - double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)), 0, tolerance));
        Assert.Contains("torque off.", move.Output, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"(-?[0-9.]+) rad \(goal (-?[0-9.]+)\)")]
    private static partial Regex JointLine();
}
