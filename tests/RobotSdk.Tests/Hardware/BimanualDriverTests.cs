using RobotSdk.Hardware;

namespace RobotSdk.Tests.Hardware;

public sealed class BimanualDriverTests
{
    [Fact]
    public void TheDescription_PrefixesEachArmsJointsAndGrippers_LeftFirst()
    {
        using var pair = new BimanualDriver(new MirrorDriver(DemoArm.Description), new MirrorDriver(DemoArm.Description));

        RobotDescription description = pair.Description;

        Assert.Equal(12, description.Joints.Count);
        Assert.Equal(("left_shoulder_pan", "left_gripper", "right_shoulder_pan", "right_gripper"),
            (description.Joints[0].Name, description.Joints[5].Name, description.Joints[6].Name, description.Joints[11].Name));
        Assert.Equal(["left_gripper", "right_gripper"], description.Grippers.Select(g => g.JointName));
        Assert.Equal("left: demo-arm; right: demo-arm", description.Identity);
        Assert.Null(description.Kinematics);
        Assert.Empty(description.Validate());
    }

    [Fact]
    public void ARobotOverThePair_WritesEachArmItsHalfOfTheCommand()
    {
        var left = new MirrorDriver(DemoArm.Description, new MirrorDriverOptions { LagMs = 0 });
        var right = new MirrorDriver(DemoArm.Description, new MirrorDriverOptions { LagMs = 0 });
        using var robot = new Robot(new BimanualDriver(left, right), new RobotOptions { ControlRateHz = 200 });
        robot.Connect();
        robot.Activate();

        robot.Arm.SetTargetPositions([0.01, 0, 0, 0, 0, -0.01, 0, 0, 0, 0]);
        Poll.Until(() => left.LatestCommandedPositions[0] == 0.01 && right.LatestCommandedPositions[0] == -0.01, "both arms to take their targets");

        var measured = new double[10];
        robot.Arm.ReadPositions(measured);
        Assert.Equal(0.01, measured[0], 9);
        Assert.Equal(-0.01, measured[5], 9);
    }

    [Fact]
    public void OneArmUnplugged_FaultsTheRobot_WithThatArmsFault_AndDeactivatesBoth()
    {
        var left = new MirrorDriver(DemoArm.Description);
        var right = new MirrorDriver(DemoArm.Description);
        var pair = new BimanualDriver(left, right);
        using var robot = new Robot(pair, new RobotOptions { ControlRateHz = 200 });
        robot.Connect();
        robot.Activate();

        right.Unplug();
        Poll.Until(() => robot.State == RobotState.Faulted, "the robot to fault");

        Assert.Contains("the simulated device was unplugged", robot.Fault!.Message, StringComparison.Ordinal);
        Assert.Same(right.Diagnostics.LastFault, robot.Fault);
        Assert.Equal(DriverState.Inactive, left.State);
    }

    [Fact]
    public void TheSameDriverTwice_IsRefused()
    {
        using var one = new MirrorDriver(DemoArm.Description);

        Assert.Throws<ArgumentException>(() => new BimanualDriver(one, one));
    }
}
