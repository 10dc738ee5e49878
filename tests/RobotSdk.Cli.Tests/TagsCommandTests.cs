using System.Xml.Linq;

namespace RobotSdk.Cli.Tests;

public sealed class TagsCommandTests
{
    [Fact]
    public void Tags_WritesAnA4SvgSheet_WithOneDrawingPerTag()
    {
        string path = Path.Combine(Path.GetTempPath(), $"robotsdk-tags-{Guid.NewGuid():N}.svg");
        try
        {
            (int exitCode, string output, string error) = RobotProcess.Run("tags", "--ids", "0", "1", "10", "--size-mm", "40", "--out", path);

            Assert.True(exitCode == 0, error);
            Assert.Contains("black square 40 mm", output, StringComparison.Ordinal);
            XDocument sheet = XDocument.Load(path);
            XNamespace svg = "http://www.w3.org/2000/svg";
            Assert.Equal("210mm", sheet.Root!.Attribute("width")!.Value);
            Assert.Equal(3, sheet.Root.Elements(svg + "g").Count());
            Assert.Contains(sheet.Root.Elements(svg + "text"), t => t.Value.Contains("id 10: black square 40 mm", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Tags_RefusesAnIdOutsideTheFamily_NamingTheRange()
    {
        (int exitCode, _, string error) = RobotProcess.Run("tags", "--ids", "600", "--size-mm", "40", "--out", Path.Combine(Path.GetTempPath(), "never.svg"));

        Assert.Equal(2, exitCode);
        Assert.Contains("ids 0 to 586; 600 is not one of them", error, StringComparison.Ordinal);
    }
}
