using RobotSdk.Drivers.Dynamixel;
using RobotSdk.Drivers.Feetech;
using RobotSdk.Hardware;
using RobotSdk.Simulation;
using RobotSdk.Testing;
using Xunit.Abstractions;

namespace RobotSdk.Virtual.Tests;

/// <summary>
/// <see cref="VirtualArm"/>: every served arm is reached at its <see cref="VirtualArm.Port"/> by the
/// real driver, and what the robot commands moves the simulated joints.
/// </summary>
public sealed class VirtualArmTests(ITestOutputHelper output)
{
    public static TheoryData<string> Arms => new(VirtualArm.Names);

    [Theory]
    [MemberData(nameof(Arms))]
    public async Task TheRealDriver_AtThePort_MovesTheSimulatedArm(string name)
    {
        using VirtualArm arm = VirtualArm.Start(name);
        IRobotDriver driver = arm.CreateDriver();
        double rate = Math.Min(100, driver.Description.MaxControlRateHz ?? 100);
        using var robot = new Robot(driver, new RobotOptions { ControlRateHz = rate }, "virtual-" + name);
        robot.Connect();
        robot.Activate();
        Poll.Until(() => Math.Abs(arm.World.Joints.GetPresentVelocity(0)) < 0.01, $"the {name}'s base joint to hold still");

        // Turn the base joint 0.3 rad (the first joint of every supported arm is its base yaw, free of gravity).
        // A limp arm rests on its hard stops, a fraction of a milliradian past the limits: ask for the limits.
        double[] goal = new double[robot.Arm.Joints.Count];
        robot.Arm.ReadSentPositions(goal);
        for (int joint = 0; joint < goal.Length; joint++)
        {
            goal[joint] = Math.Clamp(goal[joint], robot.Arm.Joints[joint].Limits.MinPosition, robot.Arm.Joints[joint].Limits.MaxPosition);
        }

        double start = arm.World.Joints.GetPresentPosition(0);
        goal[0] += 0.3;
        await robot.Arm.MoveToAsync(goal, speedFraction: 1, toleranceRadians: 0.02);
        Poll.Until(() => Math.Abs(arm.World.Joints.GetPresentVelocity(0)) < 0.01, $"the {name}'s base joint to settle");

        double moved = arm.World.Joints.GetPresentPosition(0) - start;
        output.WriteLine($"{arm}: base joint moved {moved:F4} rad for 0.3 commanded");
        Assert.Equal(0.3, moved, 0.02);
        Assert.Equal(RobotState.Active, robot.State);
        Assert.Null(arm.World.Fault);
    }

    [Fact]
    public void AnApplication_OpensThePort_WithItsOwnDriver()
    {
        using VirtualArm arm = VirtualArm.Start("wx250s");
        Assert.Equal("dynamixel", arm.Driver);
        // A patient bus, as VirtualArm.CreateDriver makes: the emulator shares the cores with the physics.
        var options = new DynamixelArmDriverOptions { Bus = new DynamixelBusOptions { ReplyTimeoutMs = 50 }, MaxConsecutiveFailures = 5 };
        using var robot = new Robot(new DynamixelArmDriver(arm.Port, DynamixelArms.Find("wx250s")!, options));
        robot.Connect();
        var state = new JointFrame(robot.Description.Joints.Count);
        Poll.Until(() =>
        {
            robot.ReadState(state);
            return double.IsFinite(state.Positions[0]);
        }, "the first state read");
        for (int joint = 0; joint < 6; joint++)
        {
            Assert.Equal(arm.World.Joints.GetPresentPosition(joint), state.Positions[joint], 0.01);
        }
    }

    [Fact]
    public void ALinkPath_NamesThePort_AndGoesAwayWithTheArm()
    {
        string directory = Directory.CreateTempSubdirectory("robotsdk-virtual-arm-").FullName;
        try
        {
            string link = Path.Combine(directory, "so101");
            using (VirtualArm arm = VirtualArm.Start("so101", new VirtualArmOptions { LinkPath = link }))
            {
                Assert.Equal(link, arm.Port);
                Assert.StartsWith("/dev/pts/", new FileInfo(link).LinkTarget, StringComparison.Ordinal);
                Assert.IsType<FeetechArmDriver>(arm.CreateDriver());
            }

            Assert.False(File.Exists(link) || new FileInfo(link).LinkTarget is not null, "the link outlived the arm");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void AnUnknownArm_IsRefused_WithTheKnownNames()
    {
        var exception = Assert.Throws<KeyNotFoundException>(() => VirtualArm.Start("ur5"));
        Assert.Contains("'ur5'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("so101", exception.Message, StringComparison.Ordinal);
        Assert.Contains("wx250s", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ACamera_OfTheArm_RendersTheScene_AndAnUnknownCameraIsRefused()
    {
        using VirtualArm arm = VirtualArm.Start("so101", new VirtualArmOptions { RealTime = false });
        SimulatedCamera camera = arm.OpenCamera("scene", 320, 240);
        CameraFrame frame = camera.RenderOnce();
        Assert.Equal((320, 240, 320 * 240 * 3), (frame.Width, frame.Height, frame.Pixels.Length));
        Assert.True(frame.Pixels.Span.ToArray().Distinct().Count() > 10, "the rendered frame is uniform");
        Assert.ThrowsAny<ArgumentException>(() => arm.OpenCamera("ceiling"));
    }
}
