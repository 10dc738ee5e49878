namespace RobotSdk.Simulation.Tests;

/// <summary>The catalogue of built-in virtual arms: every arm names a world that loads, with a rest pose per joint.</summary>
public sealed class SimulatedArmsTests
{
    [Fact]
    public void TheCatalogue_HasEveryBuiltInArm_FoundByName_EachWithAWorldAndARestPosePerJoint()
    {
        Assert.Equal(["so101", "so100", "wx250s", "vx300s", "koch", "mycobot280"], SimulatedArms.All.Select(arm => arm.Name));
        Assert.Same(SimulatedArms.So100, SimulatedArms.Get("SO100"));
        Assert.Same(SimulatedArms.MyCobot280, SimulatedArms.Get("mycobot280"));
        foreach (SimulatedArmModel arm in SimulatedArms.All)
        {
            Assert.Contains(arm.World, SimulationModels.Names);
            Assert.Equal(arm.Joints.Count, arm.RestPose.Count);
        }

        var error = Assert.Throws<KeyNotFoundException>(() => SimulatedArms.Get("so999"));
        Assert.Contains("mycobot280", error.Message);
    }
}
