using RobotSdk.Hardware;

namespace RobotSdk.Drivers.Dynamixel.Tests.Arms;

/// <summary>
/// End to end for every arm: a <see cref="Robot"/> over a <see cref="DynamixelArmDriver"/> over a
/// real pty, against a <see cref="Emulation.DynamixelArmEmulator"/> whose joints are the truth.
/// </summary>
public sealed class DynamixelArmRobotTests
{
    public static TheoryData<string> Models => ["koch", "koch-leader", "wx250s", "vx300s"];

    [Theory]
    [MemberData(nameof(Models))]
    public void ConnectAndActivate_HoldTheMeasuredPosition_WithTorqueOnEveryServo(string model)
    {
        using var rig = new ArmRig(DynamixelArms.Find(model)!);
        Robot robot = rig.CreateRobot();

        robot.Connect();
        if (rig.Arm.Gripper?.TriggerOpenFraction is not null)
        {
            // A leader's trigger springs to half open (0 rad) on Connect; let it settle first.
            Poll.Until(() => Math.Abs(rig.Backend.GetPresentPosition(rig.Arm.IndexOf("gripper"))) < 0.001, "the trigger settled");
        }

        robot.Activate();
        double[] atActivation = [.. Enumerable.Range(0, rig.Arm.Joints.Count).Select(rig.Backend.GetPresentPosition)];
        ArmRig.WaitCycles(robot, 20);

        var state = new JointFrame(rig.Arm.Joints.Count);
        robot.ReadState(state);
        double[] initial = ArmRig.InitialPositions(rig.Arm);
        for (int joint = 0; joint < initial.Length; joint++)
        {
            Assert.Equal(atActivation[joint], rig.Backend.GetPresentPosition(joint), 0.003);
            Assert.Equal(atActivation[joint], state.Positions[joint], 0.003);
            if (rig.Arm.Gripper?.TriggerOpenFraction is null || joint != rig.Arm.IndexOf(rig.Arm.Gripper.JointName))
            {
                Assert.Equal(initial[joint], atActivation[joint], 0.003);
            }
        }

        Assert.All(rig.Arm.Motors, motor => Assert.Equal(1, rig.Bus.ReadRegister(motor.Id, XSeriesControlTable.TorqueEnable)));
        Assert.Equal(RobotState.Active, robot.State);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public async Task MoveToAsync_ReachesTheGoal_AndTheEmulatedJointsAgree(string model)
    {
        using var rig = new ArmRig(DynamixelArms.Find(model)!);
        Robot robot = rig.CreateRobot();
        robot.Connect();
        robot.Activate();
        double[] goal = [.. Enumerable.Range(0, robot.Arm.Joints.Count).Select(index => (index % 2 == 0 ? 0.3 : -0.25) + (0.02 * index))];

        await robot.Arm.MoveToAsync(goal, speedFraction: 1);

        var measured = new double[goal.Length];
        robot.Arm.ReadPositions(measured);
        double[] truth = rig.BackendArmPositions(robot);
        for (int index = 0; index < goal.Length; index++)
        {
            Assert.Equal(goal[index], measured[index], 0.011);
            Assert.Equal(goal[index], truth[index], 0.012);
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void TheGripper_OpensToTheFractionAsked(string model)
    {
        using var rig = new ArmRig(DynamixelArms.Find(model)!);
        Robot robot = rig.CreateRobot();
        robot.Connect();
        robot.Activate();
        GripperDescription gripper = robot.Description.Grippers[0];
        double expected = gripper.ClosedPosition + (0.75 * (gripper.OpenPosition - gripper.ClosedPosition));
        int joint = rig.Arm.IndexOf(gripper.JointName);

        robot.Gripper!.SetOpenFraction(0.75);

        Poll.Until(() => Math.Abs(rig.Backend.GetPresentPosition(joint) - expected) < 0.005, "the gripper joint at 75 % open");
        Poll.Until(() => Math.Abs(robot.Gripper.OpenFraction - 0.75) < 0.01, "the measured open fraction at 75 %");
    }

    [Theory]
    [InlineData("wx250s")]
    [InlineData("vx300s")]
    public async Task ShadowServos_TrackTheirPrimaries_ThroughTheMove(string model)
    {
        using var rig = new ArmRig(DynamixelArms.Find(model)!);
        Robot robot = rig.CreateRobot();
        robot.Connect();
        robot.Activate();
        double[] goal = [0.2, -0.6, 0.8, 0.1, 0.3, -0.2];

        await robot.Arm.MoveToAsync(goal, speedFraction: 1);

        foreach (DynamixelJoint joint in rig.Arm.Joints.Where(joint => joint.ShadowId is not null))
        {
            byte shadow = joint.ShadowId!.Value;
            Assert.Equal(rig.Bus.ReadRegister(joint.Id, XSeriesControlTable.GoalPosition), rig.Bus.ReadRegister(shadow, XSeriesControlTable.GoalPosition));
            Assert.InRange(rig.Bus.ReadRegister(shadow, XSeriesControlTable.PresentPosition) - rig.Bus.ReadRegister(joint.Id, XSeriesControlTable.PresentPosition), -1, 1);
            Assert.NotEqual(rig.Bus.ReadRegister(joint.Id, XSeriesControlTable.DriveMode) & 1, rig.Bus.ReadRegister(shadow, XSeriesControlTable.DriveMode) & 1);
            Assert.Equal(1, rig.Bus.ReadRegister(shadow, XSeriesControlTable.TorqueEnable));
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void ARunningRobot_SendsOneGroupReadAndOneSyncWritePerCycle_AndNothingElse(string model)
    {
        using var rig = new ArmRig(DynamixelArms.Find(model)!);
        Robot robot = rig.CreateRobot();
        robot.Connect();
        robot.Activate();
        ArmRig.WaitCycles(robot, 5);
        long cyclesBefore = robot.GetDiagnostics().Cycles;
        IReadOnlyDictionary<Instruction, long> before = rig.Bus.GetInstructionCounts();

        ArmRig.WaitCycles(robot, 30);

        IReadOnlyDictionary<Instruction, long> after = rig.Bus.GetInstructionCounts();
        long cycles = robot.GetDiagnostics().Cycles - cyclesBefore;
        Dictionary<Instruction, long> sent = after.ToDictionary(pair => pair.Key, pair => pair.Value - before.GetValueOrDefault(pair.Key));
        long retries = robot.DriverDiagnostics.Retries;

        // Read then write, cycle after cycle: at any instant the two counts differ by at most one.
        Assert.InRange(sent[Instruction.FastSyncRead] - sent[Instruction.SyncWrite], -1, 1 + retries);
        Assert.InRange(sent[Instruction.FastSyncRead], 25, cycles + 1 + retries);
        Assert.All(sent.Where(pair => pair.Key is not (Instruction.FastSyncRead or Instruction.SyncWrite)), pair => Assert.Equal(0, pair.Value));
    }

    [Fact]
    public void ALeaderArm_HoldsItsGripperAsATrigger_WhileConnected_AndReleasesItOnDispose()
    {
        using var rig = new ArmRig(DynamixelArms.KochLeader);
        Robot robot = rig.CreateRobot();

        robot.Connect();

        Assert.Equal(1, rig.Bus.ReadRegister(6, XSeriesControlTable.TorqueEnable));
        Assert.Equal(2048, rig.Bus.ReadRegister(6, XSeriesControlTable.GoalPosition));
        Assert.All(rig.Arm.Motors.Where(motor => motor.Id != 6), motor => Assert.Equal(0, rig.Bus.ReadRegister(motor.Id, XSeriesControlTable.TorqueEnable)));
        Poll.Until(() => Math.Abs(rig.Backend.GetPresentPosition(5)) < 0.002, "the trigger at half open (0 rad)");

        robot.Dispose();

        Poll.Until(() => rig.Bus.ReadRegister(6, XSeriesControlTable.TorqueEnable) == 0, "the trigger released");
    }
}
