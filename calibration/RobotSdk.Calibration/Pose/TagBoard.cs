using RobotSdk.Calibration.Fiducials;
using RobotSdk.Geometry;

namespace RobotSdk.Calibration;

/// <summary>
/// A rigid set of tags with known poses in a board frame (a printed grid, or tags on several faces of
/// an object). The board pose uses every corner of every detected board tag at once, which averages
/// corner noise and removes the single-tag planar ambiguity.
/// </summary>
public sealed class TagBoard
{
    private readonly Dictionary<(AprilTagFamily Family, int Id), BoardTag> tags = [];

    /// <summary>Creates a board.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="tags"/> is null.</exception>
    /// <exception cref="ArgumentException">No tags, or a family and id appear twice.</exception>
    public TagBoard(IEnumerable<BoardTag> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        foreach (BoardTag tag in tags)
        {
            if (!this.tags.TryAdd((tag.Family, tag.Id), tag))
            {
                throw new ArgumentException($"Tag {tag.Family} {tag.Id} appears twice on the board.", nameof(tags));
            }
        }

        if (this.tags.Count == 0)
        {
            throw new ArgumentException("A board needs at least one tag.", nameof(tags));
        }

        Tags = [.. this.tags.Values];
    }

    /// <summary>The board's tags.</summary>
    public IReadOnlyList<BoardTag> Tags { get; }

    /// <summary>
    /// A planar grid of same-size tags on the board's z = 0 plane: ids <paramref name="firstId"/>,
    /// +1, ... row by row, tag centres <paramref name="pitchMetres"/> apart along +x then +y, the first
    /// tag's centre at the origin, every tag frame aligned with the board frame.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A count or length is not positive.</exception>
    public static TagBoard Grid(AprilTagFamily family, int columns, int rows, double tagSizeMetres, double pitchMetres, int firstId = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tagSizeMetres);
        ArgumentOutOfRangeException.ThrowIfLessThan(pitchMetres, tagSizeMetres);
        var list = new List<BoardTag>();
        for (int row = 0; row < rows; row++)
        {
            for (int column = 0; column < columns; column++)
            {
                var centre = new Vector3D(column * pitchMetres, row * pitchMetres, 0);
                list.Add(new BoardTag(family, firstId + (row * columns) + column, tagSizeMetres, new Pose(centre, Rotation.Identity)));
            }
        }

        return new TagBoard(list);
    }

    /// <summary>
    /// The camera-from-board pose from the detections of board tags (others are ignored); null when no
    /// board tag was detected. Each detected tag gives a candidate; the one that best explains all
    /// corners seeds Levenberg-Marquardt over all of them.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public PoseEstimate? EstimatePose(CameraModel camera, IEnumerable<AprilTagDetection> detections)
    {
        ArgumentNullException.ThrowIfNull(camera);
        ArgumentNullException.ThrowIfNull(detections);
        var objectPoints = new List<Vector3D>();
        var imagePoints = new List<PixelPoint>();
        var seen = new List<(BoardTag Tag, AprilTagDetection Detection)>();
        foreach (AprilTagDetection detection in detections)
        {
            if (!tags.TryGetValue((detection.Family, detection.Id), out BoardTag? tag) || seen.Any(s => s.Tag == tag))
            {
                continue;
            }

            seen.Add((tag, detection));
            Vector3D[] corners = AprilTagGeometry.Corners(tag.SizeMetres);
            for (int k = 0; k < 4; k++)
            {
                objectPoints.Add(tag.BoardFromTag.Transform(corners[k]));
                imagePoints.Add(detection.Corners[k]);
            }
        }

        if (seen.Count == 0)
        {
            return null;
        }

        Pose best = Pose.Identity;
        double bestRms = double.PositiveInfinity;
        foreach ((BoardTag tag, AprilTagDetection detection) in seen)
        {
            PoseEstimate single = TagPoseEstimator.Estimate(camera, detection, tag.SizeMetres);
            Pose candidate = single.CameraFromObject * tag.BoardFromTag.Inverse();
            double rms = PerspectivePose.ReprojectionRms(camera, candidate, objectPoints, imagePoints);
            if (rms < bestRms)
            {
                (best, bestRms) = (candidate, rms);
            }
        }

        return PerspectivePose.Refine(camera, best, objectPoints, imagePoints);
    }
}
