namespace RobotSdk.Simulation.Tests;

public sealed class MujocoModelTests
{
    [Fact]
    public void LoadFromXml_DescribesJointsActuatorsBodiesAndCameras()
    {
        using var model = MujocoModel.LoadFromXml(TestModels.ArmAndBox);

        Assert.Equal(["shoulder", "elbow", "box_free"], model.Joints.Select(joint => joint.Name));
        Assert.Equal(2 + 7, model.PositionCount);
        Assert.Equal(2 + 6, model.VelocityCount);
        MujocoJoint elbow = model.Joints[model.GetJointIndex("elbow")];
        Assert.Equal(MujocoJointType.Hinge, elbow.Type);
        Assert.Equal(1, elbow.PositionAddress);
        Assert.True(elbow.IsLimited);
        Assert.Equal((-2.0, 2.0), (elbow.RangeMinimum, elbow.RangeMaximum));
        Assert.Equal(MujocoJointType.Free, model.Joints[2].Type);
        Assert.Equal(["shoulder_servo", "elbow_servo"], model.Actuators.Select(actuator => actuator.Name));
        Assert.Equal(elbow.Index, model.Actuators[model.GetActuatorIndex("elbow_servo")].JointIndex);
        Assert.Equal(["world", "upper_arm", "forearm", "box"], model.BodyNames);
        Assert.Equal(["horizon", "overhead"], model.CameraNames);
        Assert.Equal(model.GetBodyIndex("box"), model.GetGeomBody(model.GetGeomIndex("box_geom")));
        Assert.Equal(0.002, model.TimestepSeconds);
        Assert.Equal("XML text", model.Source);
    }

    [Fact]
    public void GetJointIndex_ListsTheKnownJoints_WhenTheNameIsUnknown()
    {
        using var model = MujocoModel.LoadFromXml(TestModels.ArmAndBox);

        var exception = Assert.Throws<ArgumentException>(() => model.GetJointIndex("wrist"));

        Assert.Contains("'wrist'", exception.Message);
        Assert.Contains("shoulder", exception.Message);
    }

    [Fact]
    public void LoadFromXml_ThrowsSimulationException_QuotingMujoco_WhenTheXmlIsMalformed()
    {
        var exception = Assert.Throws<SimulationException>(
            () => MujocoModel.LoadFromXml("<mujoco><worldbody><body><geom size=\"0.1\"/></worldbody></mujoco>"));

        Assert.NotEmpty(exception.MujocoMessage);
        Assert.Contains(exception.MujocoMessage, exception.Message);
        Assert.Contains("XML", exception.MujocoMessage, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("XML text", exception.ModelSource);
    }

    [Fact]
    public void LoadFromFile_ThrowsSimulationException_NamingTheFileAndMujocosReason_WhenAnAttributeIsUnknown()
    {
        string path = Path.Combine(Path.GetTempPath(), $"robotsdk-broken-{Guid.NewGuid():N}.xml");
        File.WriteAllText(path, "<mujoco><worldbody><geom type=\"sphere\" size=\"0.1\" colour=\"red\"/></worldbody></mujoco>");
        try
        {
            var exception = Assert.Throws<SimulationException>(() => MujocoModel.LoadFromFile(path));

            Assert.Contains("colour", exception.MujocoMessage);
            Assert.Contains(path, exception.Message);
            Assert.Contains(exception.MujocoMessage, exception.Message);
            Assert.Equal(path, exception.ModelSource);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void LoadFromFile_LoadsAModelFile()
    {
        string path = Path.Combine(Path.GetTempPath(), $"robotsdk-arm-{Guid.NewGuid():N}.xml");
        File.WriteAllText(path, TestModels.ArmAndBox);
        try
        {
            using var model = MujocoModel.LoadFromFile(path);

            Assert.Equal(path, model.Source);
            Assert.Equal(2, model.Actuators.Count);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
