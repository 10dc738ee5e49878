namespace RobotSdk.Simulation.Tests;

public sealed class OffscreenRendererTests
{
    [Fact]
    public void Render_FillsA640x480Buffer_EveryRow()
    {
        using var model = MujocoModel.LoadFromXml(TestModels.ArmAndBox);
        using var simulation = new MujocoSimulation(model);
        using var renderer = new OffscreenRenderer(model, 640, 480);
        var rgb = new byte[renderer.FrameLength];
        Array.Fill(rgb, (byte)0xAB);

        renderer.Render(simulation, "horizon", rgb);

        Assert.Equal(640 * 480 * 3, rgb.Length);
        for (int row = 0; row < 480; row++)
        {
            var pixels = rgb.AsSpan(row * 640 * 3, 640 * 3);
            Assert.True(pixels.ContainsAnyExcept((byte)0xAB), $"row {row} was left unwritten");
        }
    }

    [Fact]
    public void Render_WritesRowsTopDown_TheRedFloorFillsTheBottomOfAHorizonView()
    {
        using var model = MujocoModel.LoadFromXml(TestModels.ArmAndBox);
        using var simulation = new MujocoSimulation(model);
        using var renderer = new OffscreenRenderer(model, 160, 120);
        var rgb = new byte[renderer.FrameLength];

        renderer.Render(simulation, model.GetCameraIndex("horizon"), rgb);

        // The camera is 0.3 m up looking level: the floor is below the image's middle, empty space above.
        double bottomRedness = MeanRedness(rgb, renderer.Width, row: renderer.Height - 1);
        double topRedness = MeanRedness(rgb, renderer.Width, row: 0);
        Assert.True(bottomRedness > 60, $"bottom row redness {bottomRedness:0.0}; expected the red floor");
        Assert.True(topRedness < 10, $"top row redness {topRedness:0.0}; expected the empty background");
    }

    [Fact]
    public void Render_PutsTheYellowBoxTopRight_InTheOverheadView()
    {
        // The overhead camera's image right is world +x and image up is world +y; the box sits at
        // x = 0.6, y = 0.6, right of and above the camera's (0.2, 0) axis, so rows run top-down and
        // columns left-to-right when it lands in the top-right quadrant.
        using var model = MujocoModel.LoadFromXml(TestModels.ArmAndBox);
        using var simulation = new MujocoSimulation(model);
        using var renderer = new OffscreenRenderer(model, 160, 120);
        var rgb = new byte[renderer.FrameLength];

        renderer.Render(simulation, "overhead", rgb);

        (double x, double y, int count) = YellowCentroid(rgb, renderer.Width, renderer.Height);
        Assert.True(count > 20, $"only {count} yellow pixels");
        Assert.InRange(x, renderer.Width / 2.0, renderer.Width);
        Assert.InRange(y, 0, renderer.Height / 2.0);
    }

    [Fact]
    public void Render_ChangesThePicture_WhenTheArmMoves()
    {
        using var model = MujocoModel.LoadFromXml(TestModels.ArmAndBox);
        using var simulation = new MujocoSimulation(model);
        using var renderer = new OffscreenRenderer(model, 160, 120);
        var before = new byte[renderer.FrameLength];
        var after = new byte[renderer.FrameLength];
        var again = new byte[renderer.FrameLength];

        renderer.Render(simulation, "overhead", before);
        renderer.Render(simulation, "overhead", again);
        simulation.SetJointPosition("shoulder", 1.5);
        simulation.Forward();
        renderer.Render(simulation, "overhead", after);

        Assert.Equal(before, again); // the same state renders the same picture
        int changedPixels = CountChangedPixels(before, after);
        Assert.True(changedPixels > 200, $"only {changedPixels} of {160 * 120} pixels changed");
    }

    [Fact]
    public void Render_FromAFreeCamera_LookingDownAtTheFloor_SeesRed()
    {
        using var model = MujocoModel.LoadFromXml(TestModels.ArmAndBox);
        using var simulation = new MujocoSimulation(model);
        using var renderer = new OffscreenRenderer(model, 64, 48);
        var rgb = new byte[renderer.FrameLength];

        renderer.Render(simulation, new FreeCamera(new Geometry.Vector3D(-1, -1, 0), 0.5, 0, -89), rgb);

        Assert.True(MeanRedness(rgb, renderer.Width, row: 24) > 60);
    }

    [Fact]
    public void Render_GivesTheSamePicture_FromAnotherThread_AndBetweenTwoRenderersContexts()
    {
        using var model = MujocoModel.LoadFromXml(TestModels.ArmAndBox);
        using var simulation = new MujocoSimulation(model);
        using var renderer = new OffscreenRenderer(model, 80, 60);
        using var other = new OffscreenRenderer(model, 40, 30);
        var expected = new byte[renderer.FrameLength];
        var fromOtherThread = new byte[renderer.FrameLength];
        var otherFrame = new byte[other.FrameLength];
        renderer.Render(simulation, "overhead", expected);

        other.Render(simulation, "horizon", otherFrame); // another GL context becomes current
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                renderer.Render(simulation, "overhead", fromOtherThread);
            }
            catch (SimulationException exception)
            {
                failure = exception;
            }
        });
        thread.Start();
        thread.Join();

        Assert.Null(failure);
        Assert.Equal(expected, fromOtherThread);
        Assert.Contains(otherFrame, value => value != 0);
    }

    /// <summary>
    /// A renderer disposed on one thread while its context was last current on another, then a new renderer
    /// made and used on that other thread: OSMesa flushed the freed context when the new one became current
    /// and the process segfaulted (robot demo: the calibration camera, then the policy's world).
    /// </summary>
    [Fact]
    public void ANewRenderer_Works_OnAThreadWhoseLastRendererWasDisposedElsewhere()
    {
        using var render = new DedicatedThread();
        using var firstModel = MujocoModel.LoadFromXml(TestModels.ArmAndBox);
        using var firstSimulation = new MujocoSimulation(firstModel);
        OffscreenRenderer first = render.Run(() => new OffscreenRenderer(firstModel, 64, 48));
        var frame = new byte[first.FrameLength];
        render.Run(() => first.Render(firstSimulation, "overhead", frame));
        first.Dispose(); // on this thread, not the render thread

        using var secondModel = MujocoModel.LoadFromXml(TestModels.ArmAndBox);
        using var secondSimulation = new MujocoSimulation(secondModel);
        var second = new byte[frame.Length];
        render.Run(() =>
        {
            using var renderer = new OffscreenRenderer(secondModel, 64, 48);
            renderer.Render(secondSimulation, "overhead", second);
        });

        Assert.Equal(frame, second);
    }

    [Fact]
    public void Render_RejectsABufferOfTheWrongSize_AndASimulationOfAnotherModel()
    {
        using var model = MujocoModel.LoadFromXml(TestModels.ArmAndBox);
        using var otherModel = MujocoModel.LoadFromXml(TestModels.ArmAndBox);
        using var simulation = new MujocoSimulation(model);
        using var otherSimulation = new MujocoSimulation(otherModel);
        using var renderer = new OffscreenRenderer(model, 32, 24);

        Assert.Throws<ArgumentException>(() => renderer.Render(simulation, 0, new byte[10]));
        Assert.Throws<ArgumentException>(() => renderer.Render(otherSimulation, 0, new byte[renderer.FrameLength]));
        Assert.Throws<ArgumentOutOfRangeException>(() => renderer.Render(simulation, 5, new byte[renderer.FrameLength]));
    }

    /// <summary>Mean of red minus the larger of green and blue over one row (0..255).</summary>
    private static double MeanRedness(byte[] rgb, int width, int row)
    {
        double sum = 0;
        for (int x = 0; x < width; x++)
        {
            int i = ((row * width) + x) * 3;
            sum += rgb[i] - Math.Max(rgb[i + 1], rgb[i + 2]);
        }

        return sum / width;
    }

    private static (double X, double Y, int Count) YellowCentroid(byte[] rgb, int width, int height)
    {
        double sumX = 0, sumY = 0;
        int count = 0;
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                int i = ((y * width) + x) * 3;
                if (rgb[i] > 120 && rgb[i + 1] > 120 && rgb[i + 2] < 80)
                {
                    sumX += x;
                    sumY += y;
                    count++;
                }
            }
        }

        return count == 0 ? (double.NaN, double.NaN, 0) : (sumX / count, sumY / count, count);
    }

    private static int CountChangedPixels(byte[] a, byte[] b)
    {
        int changed = 0;
        for (int i = 0; i < a.Length; i += 3)
        {
            if (Math.Abs(a[i] - b[i]) + Math.Abs(a[i + 1] - b[i + 1]) + Math.Abs(a[i + 2] - b[i + 2]) > 30)
            {
                changed++;
            }
        }

        return changed;
    }
}
