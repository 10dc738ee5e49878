using RobotSdk.Geometry;
using RobotSdk.Simulation;
using RobotSdk.Virtual.Tasks;

namespace RobotSdk.PolicyTraining.Tests;

/// <summary>The touch-cube task in the real MuJoCo worlds: seeded placement, and success by contact only.</summary>
public sealed class TouchCubeTaskTests
{
    [Theory]
    [InlineData("so101")]
    [InlineData("wx250s")]
    public void Reset_PlacesTheRedCubeInTheRegion_DistractorsApart_TheSameForTheSameSeed(string arm)
    {
        using VirtualWorld world = VirtualWorld.Create(SimulatedArms.Get(arm));
        var task = new TouchCubeTask(SimulatedArms.Get(arm), world.Model);
        var seen = new HashSet<(double, double)>();
        for (int seed = 0; seed < 25; seed++)
        {
            TouchCubeEpisode episode = task.Reset(world, seed);
            Vector3D cube = task.GetCubePosition(world);
            Assert.Equal(episode.CubePosition, cube);
            Assert.InRange(cube.X, TouchCubeTask.CubeRegionMinimum.X, TouchCubeTask.CubeRegionMaximum.X);
            Assert.InRange(cube.Y, TouchCubeTask.CubeRegionMinimum.Y, TouchCubeTask.CubeRegionMaximum.Y);

            // Resting on the table (world z = 0): centre half an edge up in the world.
            Pose basePose = world.Access(simulation => simulation.GetBodyPose("base"));
            Assert.Equal(TouchCubeTask.CubeHalfEdge, basePose.Transform(cube).Z, 1e-9);
            foreach (string distractor in TouchCubeTask.Distractors)
            {
                Vector3D other = world.Access(simulation => simulation.GetBodyPose(distractor).Position);
                Vector3D red = world.Access(simulation => simulation.GetBodyPose(TouchCubeTask.TargetCube).Position);
                Assert.True(Math.Sqrt(((other.X - red.X) * (other.X - red.X)) + ((other.Y - red.Y) * (other.Y - red.Y))) >= TouchCubeTask.MinimumCubeSpacing - 1e-9);
            }

            Assert.InRange(episode.StartToolPosition.Z, TouchCubeTask.StartRegionMinimum.Z, TouchCubeTask.StartRegionMaximum.Z);
            seen.Add((Math.Round(cube.X, 6), Math.Round(cube.Y, 6)));
            Assert.Equal(episode, task.Reset(world, seed));
        }

        Assert.Equal(25, seen.Count);
    }

    [Theory]
    [InlineData("so101")]
    [InlineData("wx250s")]
    public void AScriptedTouchSucceeds_StayingAboveTheCubeDoesNot(string arm)
    {
        using var simulation = new TouchCubeSimulation(arm);
        TouchCubeEpisode episode = simulation.Reset(7);
        Vector3D cube = episode.CubePosition;

        // Hover 4 cm above the cube's top for 2 s: close, but no contact.
        var above = new Vector3D(cube.X, cube.Y, cube.Z + TouchCubeTask.CubeHalfEdge + 0.04);
        for (int step = 0; step < 20; step++)
        {
            simulation.Act(Between(episode.StartToolPosition, above, Math.Min(1, (step + 1) / 10.0)));
        }

        Assert.False(simulation.Touched);
        Assert.False(simulation.Task.IsSucceeded(simulation.World));
        Assert.True((simulation.MeasureTool() - above).Length < 0.01, $"the tool hovers at {simulation.MeasureTool()}, not {above}");

        // Then straight down to 1 cm below the top face: the arm touches the red cube, and nothing else moved it.
        var pressed = new Vector3D(cube.X, cube.Y, cube.Z + TouchCubeTask.CubeHalfEdge - 0.01);
        for (int step = 0; step < 15 && !simulation.Touched; step++)
        {
            simulation.Act(Between(above, pressed, Math.Min(1, (step + 1) / 6.0)));
        }

        Assert.True(simulation.Touched);
        Assert.True(simulation.Task.IsSucceeded(simulation.World));
    }

    private static Vector3D Between(Vector3D from, Vector3D to, double fraction) => from + (fraction * (to - from));
}
