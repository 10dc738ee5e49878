using System.Diagnostics;
using RobotSdk.Geometry;
using Xunit.Abstractions;

namespace RobotSdk.Simulation.Tests;

public sealed class SimulatedCameraTests(ITestOutputHelper output)
{
    private static readonly TimeSpan FrameTimeout = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Three flat-coloured marker spheres (emissive, no specular, so their pixels are pure colour), a
    /// grey floor, a one-hinge arm, and two cameras: one tilted like the SO-101 scene camera and one
    /// looking straight down.
    /// </summary>
    private const string Markers = """
        <mujoco model="markers">
          <compiler angle="radian"/>
          <option timestep="0.002"/>
          <asset>
            <material name="red" rgba="1 0 0 1" emission="1" specular="0" shininess="0"/>
            <material name="green" rgba="0 1 0 1" emission="1" specular="0" shininess="0"/>
            <material name="blue" rgba="0 0 1 1" emission="1" specular="0" shininess="0"/>
          </asset>
          <worldbody>
            <light pos="0 0 3" dir="0 0 -1" directional="true"/>
            <geom name="floor" type="plane" size="0 0 0.05" rgba="0.5 0.5 0.5 1"/>
            <camera name="tilted" pos="0.65 0.45 0.45" xyaxes="-0.7071 0.7071 0 -0.3763 -0.3763 0.8466" fovy="50"/>
            <camera name="down" pos="0.1 0.05 1" xyaxes="1 0 0 0 1 0" fovy="60"/>
            <body name="red_marker" pos="0.2 0 0.05"><geom type="sphere" size="0.012" material="red" contype="0" conaffinity="0"/></body>
            <body name="green_marker" pos="0.28 -0.1 0.02"><geom type="sphere" size="0.012" material="green" contype="0" conaffinity="0"/></body>
            <body name="blue_marker" pos="0.05 -0.12 0.12"><geom type="sphere" size="0.012" material="blue" contype="0" conaffinity="0"/></body>
            <body name="arm" pos="0.15 0.15 0.03">
              <joint name="pan" type="hinge" axis="0 0 1" damping="1"/>
              <geom type="capsule" fromto="0 0 0 0.15 0 0" size="0.02" rgba="1 1 0 1" mass="0.2" contype="0" conaffinity="0"/>
            </body>
          </worldbody>
          <actuator>
            <motor name="pan_motor" joint="pan" ctrllimited="true" ctrlrange="-2 2"/>
          </actuator>
        </mujoco>
        """;

    [Fact]
    public async Task Frames_ArriveWithIncreasingSequenceNumbersAndTimestamps()
    {
        using var model = MujocoModel.LoadFromXml(Markers);
        using var world = new VirtualWorld(model, ["pan"]);
        await using var camera = new SimulatedCamera(world, Options("tilted", 160, 120));
        Assert.False(camera.TryGetLatestFrame(out _));
        camera.Start();

        long sequence = -1;
        long timestamp = long.MinValue;
        for (int i = 0; i < 5; i++)
        {
            CameraFrame frame = await camera.ReadNextFrameAsync(sequence).AsTask().WaitAsync(FrameTimeout);
            Assert.True(frame.SequenceNumber > sequence);
            Assert.True(frame.TimestampTicks > timestamp);
            Assert.Equal((160, 120, PixelFormat.Rgb24, 160 * 120 * 3), (frame.Width, frame.Height, frame.Format, frame.Pixels.Length));
            Assert.True(frame.TimestampTicks <= Stopwatch.GetTimestamp());
            sequence = frame.SequenceNumber;
            timestamp = frame.TimestampTicks;
        }

        Assert.True(camera.TryGetLatestFrame(out CameraFrame? latest));
        Assert.True(latest.SequenceNumber >= sequence);
        Assert.True(camera.FramesRendered >= 5);
        Assert.True(camera.MeanRenderTime > TimeSpan.Zero);
        output.WriteLine($"160x120: {camera.MeanRenderTime.TotalMilliseconds:0.0} ms per render");
    }

    [Fact]
    public async Task Frames_FollowTheFrameRate_AndUnreadFramesCountAsDropped()
    {
        using var model = MujocoModel.LoadFromXml(Markers);
        using var world = new VirtualWorld(model, ["pan"]);
        await using var camera = new SimulatedCamera(world, Options("down", 64, 48, framesPerSecond: 20));
        camera.Start();
        CameraFrame first = await camera.ReadNextFrameAsync().AsTask().WaitAsync(FrameTimeout);

        await Task.Delay(1000);
        CameraFrame later = await camera.ReadNextFrameAsync(first.SequenceNumber).AsTask().WaitAsync(FrameTimeout);

        // About 20 frames a second, measured by the frames' own timestamps (the delay itself may run
        // long on two shared cores); generous bounds.
        double seconds = (double)(later.TimestampTicks - first.TimestampTicks) / Stopwatch.Frequency;
        long frames = later.SequenceNumber - first.SequenceNumber;
        Assert.True(frames >= 5, $"only {frames} frames in {seconds:0.00} s");
        Assert.InRange(frames / seconds, 5, 25);
        Assert.True(camera.DroppedFrames >= frames - 2, $"{camera.DroppedFrames} dropped of {frames}");
    }

    [Fact]
    public async Task Frames_Change_WhenTheArmMoves_InManualStepMode()
    {
        using VirtualWorld world = VirtualWorld.CreateSo101();
        await using var camera = new SimulatedCamera(world, With(SimulatedCameraOptions.FromMjcf(SimulationModels.ReadXml(SimulationModels.So101), "scene"), 160, 120));

        CameraFrame before = camera.RenderOnce();
        CameraFrame again = camera.RenderOnce();
        world.Joints.SetTorqueEnabled(0, true);
        world.Joints.SetGoalPosition(0, 0.8); // shoulder_pan
        world.StepFor(1.0);
        CameraFrame after = camera.RenderOnce();

        Assert.Equal(-1, before.SequenceNumber);
        Assert.True(again.TimestampTicks > before.TimestampTicks);
        Assert.Equal(before.Pixels.ToArray(), again.Pixels.ToArray());
        int changed = CountChangedPixels(before.Pixels.Span, after.Pixels.Span);
        Assert.True(changed > 100, $"only {changed} of {160 * 120} pixels changed");

        // The render thread sees the same world.
        camera.Start();
        CameraFrame threaded = await camera.ReadNextFrameAsync().AsTask().WaitAsync(FrameTimeout);
        Assert.Equal(after.Pixels.ToArray(), threaded.Pixels.ToArray());
    }

    [Theory]
    [InlineData("tilted", 640, 480)]
    [InlineData("down", 640, 480)]
    [InlineData("tilted", 320, 320)]
    public async Task Projection_WithTheIntrinsicsAndTheCameraPose_LandsOnTheRenderedMarkers(string cameraName, int width, int height)
    {
        using var model = MujocoModel.LoadFromXml(Markers);
        using var world = new VirtualWorld(model, ["pan"]);
        SimulatedCameraOptions options = With(SimulatedCameraOptions.FromMjcf(Markers, cameraName), width, height);
        await using var camera = new SimulatedCamera(world, options);
        CameraFrame frame = camera.RenderOnce();
        CameraIntrinsics k = camera.Intrinsics;
        var buffer = new byte[camera.FrameLength];
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < 5; i++)
        {
            camera.RenderOnce(buffer);
        }

        output.WriteLine($"{width}x{height}: {Stopwatch.GetElapsedTime(start).TotalMilliseconds / 5:0.0} ms per RenderOnce");

        foreach ((string body, int channel) in new[] { ("red_marker", 0), ("green_marker", 1), ("blue_marker", 2) })
        {
            (Pose cameraPose, Vector3D point) = world.Access(simulation => (simulation.GetCameraPose(cameraName), simulation.GetBodyPose(body).Position));
            Vector3D p = cameraPose.Inverse().Transform(point); // OpenGL camera frame: x right, y up, looking along -z
            double u = k.PrincipalPointX + (k.FocalLengthX * p.X / -p.Z);
            double v = k.PrincipalPointY - (k.FocalLengthY * p.Y / -p.Z);

            (double x, double y, int count) = Centroid(frame, channel);
            Assert.True(count > 30, $"{body}: only {count} pixels of its colour");
            double error = Math.Sqrt(((x - u) * (x - u)) + ((y - v) * (y - v)));
            output.WriteLine($"{cameraName} {width}x{height} {body}: projected ({u:0.000}, {v:0.000}), centroid ({x:0.000}, {y:0.000}) of {count} px, {error:0.000} px apart");
            Assert.True(error < 0.4, $"{cameraName} {width}x{height} {body}: projected ({u:0.00}, {v:0.00}), rendered centroid ({x:0.00}, {y:0.00}) of {count} px: {error:0.000} px apart");
        }
    }

    [Fact]
    public async Task OpticalPose_ProjectsTheOpenCvWay_OntoTheRenderedMarker()
    {
        using var model = MujocoModel.LoadFromXml(Markers);
        using var world = new VirtualWorld(model, ["pan"]);
        await using var camera = new SimulatedCamera(world, Options("tilted", 640, 480));
        CameraFrame frame = camera.RenderOnce();
        CameraIntrinsics k = camera.Intrinsics;

        Vector3D point = world.Access(simulation => simulation.GetBodyPose("blue_marker").Position);
        Vector3D p = camera.GetOpticalPose().Inverse().Transform(point);
        double u = k.PrincipalPointX + (k.FocalLengthX * p.X / p.Z);
        double v = k.PrincipalPointY + (k.FocalLengthY * p.Y / p.Z);

        Assert.True(p.Z > 0);
        (double x, double y, _) = Centroid(frame, 2);
        Assert.InRange(x - u, -0.4, 0.4);
        Assert.InRange(y - v, -0.4, 0.4);

        CameraRigEntry entry = camera.ToRigEntry(CameraMount.Fixed);
        Assert.Equal(("tilted", 640, 480, "tilted"), (entry.Name, entry.Width, entry.Height, entry.Source));
        Assert.Equal(k, entry.Intrinsics);
    }

    [Fact]
    public void Intrinsics_FollowTheMjcfFieldOfView()
    {
        string so101 = SimulationModels.ReadXml(SimulationModels.So101);
        Assert.Equal(50, MjcfCameras.ReadFieldOfViewYDegrees(so101, "scene"));
        Assert.Equal(70, MjcfCameras.ReadFieldOfViewYDegrees(so101, "wrist"));
        Assert.Equal(45, MjcfCameras.ReadFieldOfViewYDegrees("""<mujoco><worldbody><camera name="c"/></worldbody></mujoco>""", "c"));
        Assert.Equal(30, MjcfCameras.ReadFieldOfViewYDegrees("""<mujoco><default><camera fovy="30"/></default><worldbody><camera name="c"/></worldbody></mujoco>""", "c"));
        Assert.Throws<ArgumentException>(() => MjcfCameras.ReadFieldOfViewYDegrees(so101, "nope"));

        CameraIntrinsics k = MjcfCameras.ComputeIntrinsics(640, 480, 50);
        double f = 240 / Math.Tan(25 * Math.PI / 180);
        Assert.Equal(f, k.FocalLengthX, 9);
        Assert.Equal(f, k.FocalLengthY, 9);
        Assert.Equal((320.0, 240.0), (k.PrincipalPointX, k.PrincipalPointY));
    }

    [Fact]
    public void Options_AreValidated()
    {
        using var model = MujocoModel.LoadFromXml(Markers);
        using var world = new VirtualWorld(model, ["pan"]);
        Assert.Throws<ArgumentException>(() => new SimulatedCamera(world, new SimulatedCameraOptions()));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SimulatedCamera(world, new SimulatedCameraOptions { CameraName = "down", FramesPerSecond = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SimulatedCamera(world, new SimulatedCameraOptions { CameraName = "down", FieldOfViewYDegrees = 180 }));
        Assert.Throws<ArgumentException>(() => new SimulatedCamera(world, new SimulatedCameraOptions { CameraName = "missing" }));
    }

    [Fact]
    public async Task DisposeAsync_StopsTheThread_AndFailsReads()
    {
        using var model = MujocoModel.LoadFromXml(Markers);
        using var world = new VirtualWorld(model, ["pan"]);
        var camera = new SimulatedCamera(world, Options("down", 64, 48, framesPerSecond: 5));
        camera.Start();
        CameraFrame first = await camera.ReadNextFrameAsync().AsTask().WaitAsync(FrameTimeout);
        Assert.True(camera.IsRunning);
        Task<CameraFrame> pending = camera.ReadNextFrameAsync(first.SequenceNumber + 1000).AsTask();

        await camera.DisposeAsync();

        Assert.False(camera.IsRunning);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => pending.WaitAsync(FrameTimeout));
        Assert.Throws<ObjectDisposedException>(() => camera.TryGetLatestFrame(out _));
        Assert.Throws<ObjectDisposedException>(() => camera.RenderOnce());
        await camera.DisposeAsync(); // twice is fine
    }

    [Fact]
    public async Task Reads_ThrowDeviceDisconnected_OnceTheWorldIsDisposedUnderTheCamera()
    {
        using var model = MujocoModel.LoadFromXml(Markers);
        var world = new VirtualWorld(model, ["pan"]);
        await using var camera = new SimulatedCamera(world, Options("down", 64, 48, framesPerSecond: 50));
        camera.Start();
        CameraFrame first = await camera.ReadNextFrameAsync().AsTask().WaitAsync(FrameTimeout);

        world.Dispose();

        var exception = await Assert.ThrowsAsync<DeviceDisconnectedException>(async () =>
        {
            long after = first.SequenceNumber;
            while (true)
            {
                after = (await camera.ReadNextFrameAsync(after).AsTask().WaitAsync(FrameTimeout)).SequenceNumber;
            }
        });
        output.WriteLine(exception.Message);
        Assert.True(SpinWait.SpinUntil(() => !camera.IsRunning, FrameTimeout));
    }

    [Fact]
    public async Task ReadNextFrameAsync_BeforeStart_Throws_AndHonoursCancellation()
    {
        using var model = MujocoModel.LoadFromXml(Markers);
        using var world = new VirtualWorld(model, ["pan"]);
        await using var camera = new SimulatedCamera(world, Options("down", 64, 48, framesPerSecond: 1));
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await camera.ReadNextFrameAsync());
        camera.Start();
        CameraFrame first = await camera.ReadNextFrameAsync().AsTask().WaitAsync(FrameTimeout);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => camera.ReadNextFrameAsync(first.SequenceNumber + 100, cancel.Token).AsTask());
    }

    private static SimulatedCameraOptions Options(string cameraName, int width, int height, double framesPerSecond = 30) =>
        With(SimulatedCameraOptions.FromMjcf(Markers, cameraName), width, height, framesPerSecond);

    private static SimulatedCameraOptions With(SimulatedCameraOptions options, int width, int height, double framesPerSecond = 30)
    {
        options.Width = width;
        options.Height = height;
        options.FramesPerSecond = framesPerSecond;
        return options;
    }

    /// <summary>Centroid, in <see cref="CameraIntrinsics"/> pixel coordinates (pixel (0,0) covers 0..1), of pixels that are purely one channel.</summary>
    private static (double X, double Y, int Count) Centroid(CameraFrame frame, int channel)
    {
        ReadOnlySpan<byte> rgb = frame.Pixels.Span;
        double sumX = 0, sumY = 0;
        int count = 0;
        for (int y = 0; y < frame.Height; y++)
        {
            for (int x = 0; x < frame.Width; x++)
            {
                int i = ((y * frame.Width) + x) * 3;
                bool match = true;
                for (int c = 0; c < 3; c++)
                {
                    match &= c == channel ? rgb[i + c] > 200 : rgb[i + c] < 60;
                }

                if (match)
                {
                    sumX += x + 0.5;
                    sumY += y + 0.5;
                    count++;
                }
            }
        }

        return count == 0 ? (double.NaN, double.NaN, 0) : (sumX / count, sumY / count, count);
    }

    private static int CountChangedPixels(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        int changed = 0;
        for (int i = 0; i < a.Length; i += 3)
        {
            changed += a.Slice(i, 3).SequenceEqual(b.Slice(i, 3)) ? 0 : 1;
        }

        return changed;
    }
}
