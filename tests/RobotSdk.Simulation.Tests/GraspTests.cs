using RobotSdk.Drivers.Feetech;
using RobotSdk.Geometry;
using RobotSdk.Kinematics;
using Xunit.Abstractions;

namespace RobotSdk.Simulation.Tests;

/// <summary>The cubes are graspable: the simulated SO-101 picks one up from above, stepped by hand.</summary>
public sealed class GraspTests(ITestOutputHelper output)
{
    // The tool point is on the fixed jaw's inner face: the cube's centre goes half a cube (12.5 mm)
    // and 3 mm of clearance from it, towards the moving jaw.
    private const double CubeCentreFromTool = 0.0155;
    private const double Open = 0.6;
    private const double Closed = -0.174533;

    private readonly SerialChain _chain = new(FeetechArms.So101Follower.Description);

    [Fact]
    public void TheArm_PicksTheRedCubeOffTheTable_FromAbove()
    {
        using VirtualWorld world = VirtualWorld.CreateSo101(new VirtualWorldOptions { InitialPositions = [0, -1.0, 1.2, 0.5, 0, 0] });
        for (int joint = 0; joint < world.Joints.JointCount; joint++)
        {
            world.Joints.SetTorqueEnabled(joint, true);
        }

        Pose cubeStart = CubeInBase(world);
        double[] joints = CurrentArm(world);
        double[] above = Solve(cubeStart.Position + new Vector3D(0, 0, 0.06), joints);
        double[] at = Solve(cubeStart.Position, above);

        Move(world, above, Open, 1.5);
        Move(world, at, Open, 1.0);
        Move(world, at, Closed, 0.8);
        Move(world, above, Closed, 1.5);

        Pose cube = CubeInBase(world);
        output.WriteLine($"cube from {cubeStart.Position} to {cube.Position}; gripper at {world.Joints.GetPresentPosition(5):F3} rad pushing {world.Joints.GetMotorTorque(5):F2} N m");
        Assert.True(cube.Position.Z > cubeStart.Position.Z + 0.04, $"the cube rose {(cube.Position.Z - cubeStart.Position.Z) * 1000:F1} mm");
        // The jaws squeeze with the servo's stall torque (about 25 N at the tips): the soft contacts
        // let the 25 mm cube sink a few millimetres into them, so the jaws stop short of 25 mm apart.
        Assert.True(world.Joints.GetPresentPosition(5) > Closed + 0.05, "the cube holds the jaws apart");
    }

    private static Pose CubeInBase(VirtualWorld world) =>
        world.Access(simulation => simulation.GetBodyPose("base").Inverse() * simulation.GetBodyPose("red_cube"));

    private static double[] CurrentArm(VirtualWorld world) => [.. Enumerable.Range(0, 5).Select(world.Joints.GetPresentPosition)];

    /// <summary>Joints that put a cube held against the fixed jaw at <paramref name="point"/>, approaching straight down.</summary>
    private double[] Solve(Vector3D point, double[] seed)
    {
        double pan = Math.Atan2(point.Y, point.X);
        foreach (double yaw in new[] { pan, pan + (Math.PI / 2) })
        {
            Rotation down = Rotation.FromRollPitchYaw(Math.PI, 0, yaw);
            var target = new Pose(point + down.Rotate(new Vector3D(CubeCentreFromTool, 0, 0)), down);
            var solution = new double[5];
            InverseKinematicsResult result = _chain.SolveInverseKinematics(target, seed, solution, new InverseKinematicsOptions { OrientationWeight = 0.2, MaxIterations = 1000 });
            output.WriteLine($"IK to {point} yaw {yaw:F2}: {result}");
            if (result.Converged)
            {
                return solution;
            }
        }

        Assert.Fail($"No top-down grasp of {point} converged.");
        return [];
    }

    /// <summary>Moves the arm and gripper to the goals along a straight line in joint space over <paramref name="seconds"/>, then lets it settle 0.3 s.</summary>
    private static void Move(VirtualWorld world, double[] arm, double gripper, double seconds)
    {
        double[] start = [.. Enumerable.Range(0, 6).Select(world.Joints.GetGoalPosition)];
        double[] goal = [.. arm, gripper];
        int steps = (int)(seconds / world.Model.TimestepSeconds);
        for (int step = 1; step <= steps; step++)
        {
            double fraction = (double)step / steps;
            for (int joint = 0; joint < 6; joint++)
            {
                world.Joints.SetGoalPosition(joint, start[joint] + ((goal[joint] - start[joint]) * fraction));
            }

            world.Step();
        }

        world.StepFor(0.3);
    }
}
