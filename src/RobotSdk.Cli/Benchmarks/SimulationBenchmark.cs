using System.Buffers.Binary;
using System.Diagnostics;
using System.Runtime.Versioning;
using RobotSdk.Drivers.Feetech;
using RobotSdk.Drivers.Feetech.Emulation;
using RobotSdk.Simulation;
using RobotSdk.Transports;

namespace RobotSdk.Cli.Benchmarks;

/// <summary>
/// The virtual SO-101's figures: how well the world keeps real time while its scene camera renders
/// at 30 fps, how long a 640x480 render takes, and how long after a goal is written on the emulated
/// bus the simulated joint starts to move.
/// </summary>
[SupportedOSPlatform("linux")]
internal static class SimulationBenchmark
{
    private const double MovedRadians = 0.001;

    public static SimulationBenchmarkResult Run(double seconds, int renders, int goalWrites)
    {
        using var world = VirtualWorld.CreateSo101();
        double[] renderMs = MeasureRenders(world, renders);

        world.Start();
        var camera = new SimulatedCamera(world, SimulatedCameraOptions.FromMjcf(SimulationModels.ReadXml(SimulationModels.So101), "scene"));
        try
        {
            camera.Start();
            double[] latencyMs = MeasureGoalToMotion(world, goalWrites);
            Thread.Sleep(TimeSpan.FromSeconds(seconds));
            VirtualWorldStatistics statistics = world.GetStatistics();
            return new SimulationBenchmarkResult(
                statistics.RealTimeFactor, statistics.WallSeconds, statistics.LateSteps, statistics.WorstLagSeconds * 1000, statistics.StepCostSeconds * 1e6,
                renders, Percentile(renderMs, 0.5), Percentile(renderMs, 0.99), camera.FramesRendered, camera.SkippedFrames,
                goalWrites, Percentile(latencyMs, 0.5), Percentile(latencyMs, 0.99));
        }
        finally
        {
            camera.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>Renders the scene camera synchronously, the world stopped, one frame after another.</summary>
    private static double[] MeasureRenders(VirtualWorld world, int count)
    {
        using var renderer = new OffscreenRenderer(world.Model, 640, 480);
        var pixels = new byte[renderer.FrameLength];
        var times = new double[count];
        for (int i = -5; i < count; i++)
        {
            long start = Stopwatch.GetTimestamp();
            world.Access(simulation => renderer.Render(simulation, "scene", pixels));
            if (i >= 0)
            {
                times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
        }

        Array.Sort(times);
        return times;
    }

    /// <summary>
    /// Writes shoulder_pan's goal with a Sync Write on the emulated bus (as the driver does) and times
    /// until the simulated joint has moved 1 mrad: bus bytes, the emulator, the servo loop and physics.
    /// </summary>
    private static double[] MeasureGoalToMotion(VirtualWorld world, int count)
    {
        FeetechArm arm = FeetechArms.So101Follower;
        using var emulator = new FeetechArmEmulator(arm, world.Joints);
        emulator.Start();
        using var port = new LinuxSerialPort(emulator.PortPath, new SerialPortOptions { BaudRate = 1_000_000 });
        var bus = new FeetechBus(port);
        bus.Open();
        byte[] pan = [arm.Motors[0].Id];
        bus.SyncWrite((byte)Sts3215.TorqueEnable.Address, 1, pan, [1]);
        var goal = new byte[2];
        var times = new double[count];
        for (int i = 0; i < count; i++)
        {
            double start = world.Joints.GetPresentPosition(0);
            double target = i % 2 == 0 ? 0.3 : -0.3; // joint radians; the servo counts the other way when reversed
            BinaryPrimitives.WriteUInt16LittleEndian(goal, (ushort)StsUnits.RadiansToCounts(arm.Motors[0].Direction * target));
            long written = Stopwatch.GetTimestamp();
            bus.SyncWrite((byte)Sts3215.GoalPosition.Address, 2, pan, goal);
            while (Math.Abs(world.Joints.GetPresentPosition(0) - start) < MovedRadians)
            {
                if (Stopwatch.GetElapsedTime(written) > TimeSpan.FromSeconds(2))
                {
                    throw new TimeoutException("the simulated shoulder_pan did not move within 2 s of its goal write.");
                }

                Thread.SpinWait(50);
            }

            times[i] = Stopwatch.GetElapsedTime(written).TotalMilliseconds;
            var settling = Stopwatch.StartNew();
            while (Math.Abs(world.Joints.GetPresentVelocity(0)) > 0.01 || Math.Abs(world.Joints.GetPresentPosition(0) - target) > 0.02)
            {
                if (settling.Elapsed > TimeSpan.FromSeconds(5))
                {
                    throw new TimeoutException("the simulated shoulder_pan did not settle at its goal within 5 s.");
                }

                Thread.Sleep(5); // let the joint arrive and settle before the next write
            }
        }

        bus.SyncWrite((byte)Sts3215.TorqueEnable.Address, 1, pan, [0]);
        Array.Sort(times);
        return times;
    }

    private static double Percentile(double[] sorted, double quantile) => BusBenchmark.Percentile(sorted, quantile);
}
