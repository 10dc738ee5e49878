namespace RobotSdk;

/// <summary>A gripper whose opening maps linearly onto one joint of the driver's frame.</summary>
internal sealed class Gripper(Robot robot, GripperDescription description, int frameIndex) : IGripper
{
    private readonly int[] _frameIndices = [frameIndex];

    public string Name => description.Name;

    public double OpenFraction
    {
        get
        {
            Span<double> position = stackalloc double[1];
            robot.ReadPublished(_frameIndices, position, sent: false, velocities: false);
            return Math.Clamp((position[0] - description.ClosedPosition) / (description.OpenPosition - description.ClosedPosition), 0, 1);
        }
    }

    public double? WidthMeters => description.MaxWidthMeters * OpenFraction;

    public void SetOpenFraction(double openFraction)
    {
        if (!(openFraction >= 0 && openFraction <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(openFraction), openFraction, "The open fraction must be within [0, 1].");
        }

        double position = description.ClosedPosition + (openFraction * (description.OpenPosition - description.ClosedPosition));
        Span<double> target = [position];
        robot.SetTargets(_frameIndices, target, streaming: false, speedFraction: 1);
    }

    public void SetWidth(double widthMeters)
    {
        if (description.MaxWidthMeters is not { } maxWidth)
        {
            throw new NotSupportedException($"Gripper '{Name}' of model '{robot.Description.Model}' has no known width; use SetOpenFraction.");
        }

        if (!(widthMeters >= 0 && widthMeters <= maxWidth))
        {
            throw new ArgumentOutOfRangeException(nameof(widthMeters), widthMeters, $"The width must be within [0, {maxWidth}] metres.");
        }

        SetOpenFraction(widthMeters / maxWidth);
    }
}
