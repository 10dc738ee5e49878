namespace RobotSdk;

/// <summary>A gripper, commanded by how far it is open.</summary>
public interface IGripper
{
    /// <summary>Gripper name.</summary>
    string Name { get; }

    /// <summary>Measured opening, 0 closed to 1 fully open.</summary>
    double OpenFraction { get; }

    /// <summary>Measured distance between the fingers in metres, or null when the gripper's geometry is not known.</summary>
    double? WidthMeters { get; }

    /// <summary>Commands an opening from 0 (closed) to 1 (open).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The fraction is outside 0..1.</exception>
    void SetOpenFraction(double openFraction);

    /// <summary>Commands a finger distance in metres.</summary>
    /// <exception cref="NotSupportedException">The gripper's width is not known.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The width is outside 0..max width.</exception>
    void SetWidth(double widthMeters);
}
