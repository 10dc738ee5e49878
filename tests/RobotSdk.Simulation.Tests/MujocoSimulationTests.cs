namespace RobotSdk.Simulation.Tests;

public sealed class MujocoSimulationTests
{
    [Fact]
    public void Step_IsDeterministic_SameControlsGiveBitIdenticalPositionsAfter1000Steps()
    {
        using var model = MujocoModel.LoadFromXml(TestModels.ArmAndBox);

        double[] first = RunScript(model);
        double[] second = RunScript(model);

        Assert.Equal(
            first.Select(BitConverter.DoubleToInt64Bits),
            second.Select(BitConverter.DoubleToInt64Bits));
        Assert.NotEqual(0.0, first[0]); // the arm did move
    }

    [Fact]
    public void Reset_ReturnsToTheStartState_SoARunRepeatsBitForBit()
    {
        using var model = MujocoModel.LoadFromXml(TestModels.ArmAndBox);
        using var simulation = new MujocoSimulation(model);
        double[] first = new double[model.PositionCount];
        double[] second = new double[model.PositionCount];

        simulation.SetControl("shoulder_servo", 0.7);
        simulation.Step(500);
        simulation.CopyPositionsTo(first);
        simulation.Reset();
        Assert.Equal(0.0, simulation.TimeSeconds);
        simulation.SetControl("shoulder_servo", 0.7);
        simulation.Step(500);
        simulation.CopyPositionsTo(second);

        Assert.Equal(first, second);
    }

    [Fact]
    public void PositionActuator_DrivesItsJointToTheGoal_Within0Point01Radian()
    {
        using var model = MujocoModel.LoadFromXml(TestModels.ArmAndBox);
        using var simulation = new MujocoSimulation(model);

        simulation.SetControl("shoulder_servo", 1.0);
        simulation.SetControl(model.GetActuatorIndex("elbow_servo"), -0.5);
        simulation.Step(2500); // 5 simulated seconds; both servos are about critically damped

        Assert.Equal(5.0, simulation.TimeSeconds, 9);
        Assert.Equal(1.0, simulation.GetJointPosition("shoulder"), 0.01);
        Assert.Equal(-0.5, simulation.GetJointPosition(model.GetJointIndex("elbow")), 0.01);
        Assert.Equal(0.0, simulation.GetJointVelocity("shoulder"), 0.01);
        Assert.Equal(1.0, simulation.GetControl("shoulder_servo"));
    }

    [Fact]
    public void FallingBox_MakesContactsWithTheFloor_AndComesToRestOnIt()
    {
        using var model = MujocoModel.LoadFromXml(TestModels.ArmAndBox);
        using var simulation = new MujocoSimulation(model);
        int floor = model.GetGeomIndex("floor");
        int box = model.GetGeomIndex("box_geom");
        Assert.Equal(0, simulation.ContactCount);

        simulation.Step(1000); // 2 s: falls 0.25 m in about 0.23 s, then settles

        Assert.InRange(simulation.ContactCount, 1, 8);
        MujocoContact contact = simulation.GetContact(0);
        Assert.Equal([floor, box], new[] { contact.Geom1, contact.Geom2 }.Order());
        Assert.Contains(model.GetBodyIndex("box"), new[] { contact.Body1, contact.Body2 });
        Assert.Equal(0.0, contact.Position.Z, 0.01);
        Assert.Equal(0.05, simulation.GetBodyPose("box").Position.Z, 0.005); // half the box's height
    }

    [Fact]
    public void SetJointPosition_ThenForward_MovesTheBodiesItCarries()
    {
        using var model = MujocoModel.LoadFromXml(TestModels.ArmAndBox);
        using var simulation = new MujocoSimulation(model);
        Assert.Equal(0.3, simulation.GetBodyPose("forearm").Position.X, 1e-9);

        simulation.SetJointPosition("shoulder", Math.PI / 2);
        simulation.Forward();

        var forearm = simulation.GetBodyPose("forearm").Position;
        Assert.Equal(0.0, forearm.X, 1e-9);
        Assert.Equal(0.3, forearm.Y, 1e-9);
        Assert.Equal(0.5, forearm.Z, 1e-9);
    }

    [Fact]
    public void BulkCopies_RoundTrip_AndRejectTheWrongLength()
    {
        using var model = MujocoModel.LoadFromXml(TestModels.ArmAndBox);
        using var simulation = new MujocoSimulation(model);
        Span<double> positions = stackalloc double[model.PositionCount];
        Span<double> controls = stackalloc double[] { 0.25, -0.75 };
        Span<double> readBack = stackalloc double[2];

        simulation.CopyPositionsTo(positions);
        positions[1] = 0.4;
        simulation.SetPositions(positions);
        simulation.SetControls(controls);
        simulation.CopyControlsTo(readBack);

        Assert.Equal(0.4, simulation.GetJointPosition("elbow"));
        Assert.Equal(0.6, positions[2], 9); // box free joint: x, y, z, then the quaternion
        Assert.Equal([0.25, -0.75], readBack.ToArray());
        Assert.Throws<ArgumentException>(() => simulation.CopyPositionsTo(new double[3]));
        Assert.Throws<ArgumentException>(() => simulation.GetJointPosition("box_free"));
        Assert.Throws<ArgumentOutOfRangeException>(() => simulation.SetControl(2, 0));
    }

    [Fact]
    public void GetCameraPose_ReportsTheCameraLookingDown_AlongItsMinusZAxis()
    {
        using var model = MujocoModel.LoadFromXml(TestModels.ArmAndBox);
        using var simulation = new MujocoSimulation(model);

        var pose = simulation.GetCameraPose("overhead");

        Assert.Equal(2.0, pose.Position.Z, 1e-9);
        var forward = pose.Orientation.Rotate(new Geometry.Vector3D(0, 0, -1));
        Assert.Equal(-1.0, forward.Z, 1e-9);
    }

    [Fact]
    public void Step_ThrowsSimulationException_InsteadOfExitingTheProcess_WhenMujocoRaisesAnError()
    {
        // A 200-byte stack is far too small: mj_step raises mju_error, whose default handler calls exit().
        string xml = TestModels.ArmAndBox.Replace("<option timestep=\"0.002\"/>", "<option timestep=\"0.002\"/><size nstack=\"200\"/>", StringComparison.Ordinal);
        using var model = MujocoModel.LoadFromXml(xml);
        using var simulation = new MujocoSimulation(model);

        var exception = Assert.ThrowsAny<SimulationException>(() => simulation.Step(1000));

        Assert.Contains("Stack overflow", exception.MujocoMessage, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(exception.MujocoMessage, exception.Message);
    }

    private static double[] RunScript(MujocoModel model)
    {
        using var simulation = new MujocoSimulation(model);
        var positions = new double[model.PositionCount];
        for (int step = 0; step < 1000; step++)
        {
            simulation.SetControl(0, Math.Sin(step * 0.01));
            simulation.SetControl(1, -0.5 * Math.Cos(step * 0.013));
            simulation.Step();
        }

        simulation.CopyPositionsTo(positions);
        return positions;
    }
}
