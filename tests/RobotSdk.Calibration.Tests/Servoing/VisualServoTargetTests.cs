using RobotSdk.Calibration.Fiducials;
using RobotSdk.Calibration.Servoing;
using RobotSdk.Geometry;

namespace RobotSdk.Calibration.Tests.Servoing;

/// <summary><see cref="VisualServoTarget"/>: a single tag is a one-tag board in its own frame; a board's tags may not include the gripper tag.</summary>
public sealed class VisualServoTargetTests
{
    private static readonly ServoTag Gripper = new(10, 0.036);

    [Fact]
    public void SingleTag_IsAOneTagBoard_AtTheTargetFramesOrigin()
    {
        var target = new VisualServoTarget(Gripper, Pose.Identity, new ServoTag(2, 0.06), Pose.Identity);

        BoardTag only = Assert.Single(target.TargetBoard.Tags);
        Assert.Equal(new BoardTag(AprilTagFamily.Tag36h11, 2, 0.06, Pose.Identity), only);
        Assert.Equal(new ServoTag(2, 0.06), target.TargetTag);
        Assert.Equal("target tag 2", target.TargetDescription);
    }

    [Fact]
    public void Board_HasNoSingleTargetTag_AndNamesItsTags()
    {
        var target = new VisualServoTarget(Gripper, Pose.Identity, TagBoard.Grid(AprilTagFamily.Tag36h11, 2, 2, 0.06, 0.1), Pose.Identity);

        target.Validate();
        Assert.Null(target.TargetTag);
        Assert.Equal("target board (tags 0, 1, 2, 3)", target.TargetDescription);
    }

    [Fact]
    public void Validate_RejectsTheGripperTag_AsTheTargetTag_OrOnTheBoard()
    {
        var single = new VisualServoTarget(Gripper, Pose.Identity, new ServoTag(10, 0.06), Pose.Identity);
        var board = new VisualServoTarget(Gripper, Pose.Identity, TagBoard.Grid(AprilTagFamily.Tag36h11, 3, 1, 0.06, 0.1, firstId: 9), Pose.Identity);

        ArgumentException sameTag = Assert.Throws<ArgumentException>(single.Validate);
        ArgumentException onBoard = Assert.Throws<ArgumentException>(board.Validate);

        Assert.Contains("the target tag are both tag 10", sameTag.Message, StringComparison.Ordinal);
        Assert.Contains("a tag of the target board are both tag 10", onBoard.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RejectsABoardTag_WithoutASize()
    {
        var target = new VisualServoTarget(Gripper, Pose.Identity, new TagBoard([new BoardTag(AprilTagFamily.Tag36h11, 4, 0, Pose.Identity)]), Pose.Identity);

        ArgumentOutOfRangeException error = Assert.Throws<ArgumentOutOfRangeException>(target.Validate);

        Assert.Contains("TargetBoard (tag 4): the size must be a positive number of metres; it is 0.", error.Message, StringComparison.Ordinal);
    }
}
