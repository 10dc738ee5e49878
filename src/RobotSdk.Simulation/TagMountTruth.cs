using RobotSdk.Geometry;

namespace RobotSdk.Simulation;

/// <summary>Where an AprilTag on the arm is meant to sit (its MJCF site) and where it truly sits (<see cref="ArmImprecision.MaxTagMountPositionErrorMillimeters"/>).</summary>
/// <param name="Site">The site's name (<c>apriltag_tag36h11_&lt;id&gt;</c>).</param>
/// <param name="Body">The body the site is in, whose frame both poses are in.</param>
/// <param name="Nominal">The site's frame as the MJCF authors it (MJCF site convention: the tag's face along +z, image top along +y).</param>
/// <param name="Truth">The site's frame as the world was built.</param>
public sealed record TagMountTruth(string Site, string Body, Pose Nominal, Pose Truth);
