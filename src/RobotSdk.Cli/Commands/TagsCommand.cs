using System.CommandLine;
using System.Globalization;
using RobotSdk.Calibration.Fiducials;

namespace RobotSdk.Cli.Commands;

/// <summary><c>robot tags</c>: a printable A4 sheet of AprilTags for calibration (SVG, exact millimetres).</summary>
internal static class TagsCommand
{
    public static Command Create()
    {
        var ids = new Option<int[]>("--ids") { Description = "Tag ids to print (default: 10, the gripper tag of `robot calibrate`).", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => [10] };
        var size = new Option<double>("--size-mm") { Description = "Edge of each tag's black square, millimetres (36 suits an SO-101 gripper, 40 a WidowX).", Required = true };
        var family = new Option<AprilTagFamily>("--family") { Description = "Tag family.", DefaultValueFactory = _ => AprilTagFamily.Tag36h11 };
        var output = new Option<string>("--out") { Description = "SVG file to write.", DefaultValueFactory = _ => "tags.svg" };
        var command = new Command("tags", "Write a printable A4 sheet (SVG, exact millimetres) of AprilTags drawn by libapriltag, with a scale bar to check the print.")
        {
            ids, size, family, output,
        };
        command.SetAction(parse =>
        {
            try
            {
                AprilTagFamily chosen = parse.GetValue(family);
                int count = AprilTagFamilyInfo.IdCount(chosen);
                if (parse.GetValue(ids)!.FirstOrDefault(id => id < 0 || id >= count, -1) is var bad and not -1)
                {
                    Console.Error.WriteLine($"robot tags: {chosen} has ids 0 to {count - 1}; {bad} is not one of them.");
                    return 2;
                }

                AprilTagBitmap[] tags = [.. parse.GetValue(ids)!.Select(id => AprilTagBitmap.Create(chosen, id))];
                double sizeMm = parse.GetValue(size);
                string path = parse.GetValue(output)!;
                AprilTagSheet.Save(tags, sizeMm, path);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {path}: {tags.Length} {chosen} tag(s), black square {sizeMm} mm. Print at 100 % (actual size), check the 100 mm bar, measure each black square and pass that as --tag-size (metres) to robot calibrate."));
                return 0;
            }
            catch (AprilTagUnavailableException exception)
            {
                Console.Error.WriteLine($"robot tags: {exception.Message}");
                return 3;
            }
            catch (Exception exception) when (exception is ArgumentException or IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"robot tags: {exception.Message}");
                return 2;
            }
        });
        return command;
    }
}
