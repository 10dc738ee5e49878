using RobotSdk.Calibration.Fiducials;
using RobotSdk.Geometry;

namespace RobotSdk.Calibration;

/// <summary>One image of a planar calibration board for <see cref="IntrinsicsCalibration"/>.</summary>
/// <param name="BoardPoints">Points on the board's z = 0 plane, metres, in the board frame (4 or more, not all on one line).</param>
/// <param name="ImagePoints">Their observed pixels, same order (RobotSdk convention: pixel centres at +0.5).</param>
public sealed record IntrinsicsCalibrationView(IReadOnlyList<Vector3D> BoardPoints, IReadOnlyList<PixelPoint> ImagePoints)
{
    /// <summary>
    /// The view made of every corner of every detected tag of <paramref name="board"/> (other tags are
    /// ignored, a repeated tag is used once); null when the board's plane is not z = 0 or fewer than
    /// two board tags were seen (one tag's 4 corners constrain a view too weakly to be worth keeping).
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IntrinsicsCalibrationView? FromDetections(TagBoard board, IEnumerable<AprilTagDetection> detections)
    {
        ArgumentNullException.ThrowIfNull(board);
        ArgumentNullException.ThrowIfNull(detections);
        var boardPoints = new List<Vector3D>();
        var imagePoints = new List<PixelPoint>();
        var seen = new HashSet<(AprilTagFamily, int)>();
        foreach (AprilTagDetection detection in detections)
        {
            BoardTag? tag = board.Tags.FirstOrDefault(t => t.Family == detection.Family && t.Id == detection.Id);
            if (tag is null || !seen.Add((tag.Family, tag.Id)))
            {
                continue;
            }

            Vector3D[] corners = AprilTagGeometry.Corners(tag.SizeMetres);
            for (int k = 0; k < AprilTagGeometry.CornerCount; k++)
            {
                boardPoints.Add(tag.BoardFromTag.Transform(corners[k]));
                imagePoints.Add(detection.Corners[k]);
            }
        }

        if (seen.Count < 2 || boardPoints.Any(p => Math.Abs(p.Z) > 1e-9))
        {
            return null;
        }

        return new IntrinsicsCalibrationView(boardPoints, imagePoints);
    }
}
