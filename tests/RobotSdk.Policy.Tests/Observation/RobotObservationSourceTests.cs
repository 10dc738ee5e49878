using RobotSdk.Hardware;
using RobotSdk.Policy.Manifest;
using RobotSdk.Policy.Observation;
using RobotSdk.Policy.Onnx;
using RobotSdk.Policy.Preprocessing;
using RobotSdk.Policy.Remote;
using RobotSdk.Policy.Runner;

namespace RobotSdk.Policy.Tests.Observation;

/// <summary>Observations taken from cameras that serve generated frames and an embodiment that writes known state.</summary>
public sealed class RobotObservationSourceTests
{
    private static readonly PolicyInputs Inputs = new(
        [
            new ImageInput("scene", "scene_image", null, 16, 12, ImageResize.WithPadding, ImageLayout.HeightWidthChannels, TensorElementType.UInt8, null),
            new ImageInput("wrist", "wrist_image", null, 8, 8, ImageResize.Stretch, ImageLayout.ChannelsHeightWidth, TensorElementType.Float, new ImageValueRange(-1, 1)),
        ],
        [new StateInput("state", ["shoulder", "elbow", "wrist", "gripper"], PadTo: 8)],
        null);

    [Fact]
    public async Task Capture_PreprocessesEachCamerasNewestFrame_ThenTheStateAndAnchor_ThenTheTimestamp()
    {
        var scene = new GeneratedCamera("scene");
        var wrist = new GeneratedCamera("wrist");
        var embodiment = new RecordingEmbodiment();
        var clock = new ManualTimestamps(123_456);
        var source = new RobotObservationSource([wrist, scene], Inputs, embodiment, clock);
        scene.Publish(40, 30, seed: 1);
        CameraFrame sceneFrame = scene.Publish(40, 30, seed: 2, age: TimeSpan.FromMilliseconds(200));
        CameraFrame wristFrame = wrist.Publish(20, 10, seed: 3, age: TimeSpan.FromMilliseconds(50));
        var observation = new PolicyObservation(Inputs);
        ActionAnchor anchor = embodiment.CreateAnchor();

        await source.CaptureAsync(observation, anchor, CancellationToken.None);

        Assert.Equal(Preprocessed(sceneFrame, Inputs.Images[0]), observation.Images[0].Bytes);
        Assert.Equal(PreprocessedFloats(wristFrame, Inputs.Images[1]), observation.Images[1].Floats);
        Assert.Equal(2, observation.Images[0].FrameSequenceNumber);
        Assert.Equal(1, observation.Images[1].FrameSequenceNumber);
        Assert.Equal([10f, 11f, 12f, 13f], observation.State[0]);
        Assert.Equal([1.0, 1.1, 1.2], anchor.ArmPositions);
        Assert.Equal(123_456, observation.TimestampTicks);
        Assert.InRange(source.LastFrameAge, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task Capture_WithoutANewFrame_ReusesTheNewestOne_WithoutWaiting_AndWithoutAClockKeepsTheCallersTimestamp()
    {
        var scene = new GeneratedCamera("scene");
        var wrist = new GeneratedCamera("wrist");
        var source = new RobotObservationSource([scene, wrist], Inputs, new RecordingEmbodiment());
        scene.Publish(40, 30, seed: 1);
        wrist.Publish(20, 10, seed: 2);
        var observation = new PolicyObservation(Inputs) { TimestampTicks = 777 };
        var anchor = new ActionAnchor(3, 1);
        await source.CaptureAsync(observation, anchor, CancellationToken.None);
        byte[] first = [.. observation.Images[0].Bytes!];
        Assert.Equal(777, observation.TimestampTicks);

        ValueTask second = source.CaptureAsync(observation, anchor, CancellationToken.None);

        Assert.True(second.IsCompletedSuccessfully);
        Assert.Equal(first, observation.Images[0].Bytes);
        Assert.Equal(1, observation.Images[0].FrameSequenceNumber);
    }

    [Fact]
    public async Task Capture_WhenTheFrameSizeChanges_PreprocessesTheNewSize()
    {
        var scene = new GeneratedCamera("scene");
        var wrist = new GeneratedCamera("wrist");
        var source = new RobotObservationSource([scene, wrist], Inputs, new RecordingEmbodiment());
        wrist.Publish(20, 10, seed: 2);
        scene.Publish(40, 30, seed: 1);
        var observation = new PolicyObservation(Inputs);
        var anchor = new ActionAnchor(3, 1);
        await source.CaptureAsync(observation, anchor, CancellationToken.None);

        CameraFrame tall = scene.Publish(9, 21, seed: 4);
        await source.CaptureAsync(observation, anchor, CancellationToken.None);

        Assert.Equal(Preprocessed(tall, Inputs.Images[0]), observation.Images[0].Bytes);
    }

    [Fact]
    public async Task Capture_BeforeACamerasFirstFrame_WaitsForIt()
    {
        var scene = new GeneratedCamera("scene");
        var wrist = new GeneratedCamera("wrist");
        var source = new RobotObservationSource([scene, wrist], Inputs, new RecordingEmbodiment());
        wrist.Publish(20, 10, seed: 2);
        var observation = new PolicyObservation(Inputs);

        ValueTask capture = source.CaptureAsync(observation, new ActionAnchor(3, 1), CancellationToken.None);
        Assert.False(capture.IsCompleted);
        CameraFrame first = scene.Publish(40, 30, seed: 5);
        await capture;

        Assert.Equal(Preprocessed(first, Inputs.Images[0]), observation.Images[0].Bytes);
    }

    [Fact]
    public async Task Capture_WhenACameraNeverDelivers_TimesOutNamingTheCameraAndInput()
    {
        var source = new RobotObservationSource([new GeneratedCamera("scene"), new GeneratedCamera("wrist")], Inputs, new RecordingEmbodiment())
        {
            FirstFrameTimeout = TimeSpan.FromMilliseconds(100),
        };

        var error = await Assert.ThrowsAsync<TimeoutException>(async () => await source.CaptureAsync(new PolicyObservation(Inputs), new ActionAnchor(3, 1), CancellationToken.None));

        Assert.Equal("Camera 'scene' (manifest inputs.images[0], input 'scene_image') produced no frame within 0.1 s.", error.Message);
    }

    [Fact]
    public void Create_WithAnUnknownCamera_ListsTheAvailableNames()
    {
        var error = Assert.Throws<ArgumentException>(() => new RobotObservationSource([new GeneratedCamera("top"), new GeneratedCamera("wrist")], Inputs, new RecordingEmbodiment()));

        Assert.StartsWith("Image input 'scene_image' (manifest inputs.images[0].camera) wants camera 'scene'; the robot's cameras are: 'top', 'wrist'.", error.Message);
    }

    [Fact]
    public void Create_OverARobot_UsesItsCameras()
    {
        using var robot = new Robot(new MirrorDriver(DemoArm.Description), cameras: [new GeneratedCamera("scene")]);

        var error = Assert.Throws<ArgumentException>(() => new RobotObservationSource(robot, Inputs, new RecordingEmbodiment()));

        Assert.Contains("wants camera 'wrist'; the robot's cameras are: 'scene'.", error.Message);
    }

    [Fact]
    public async Task Capture_InSteadyState_AllocatesZeroManagedBytes()
    {
        var scene = new GeneratedCamera("scene");
        var wrist = new GeneratedCamera("wrist");
        var embodiment = new RecordingEmbodiment();
        var source = new RobotObservationSource([scene, wrist], Inputs, embodiment);
        scene.Publish(64, 48, seed: 1);
        wrist.Publish(32, 32, seed: 2);
        var observation = new PolicyObservation(Inputs);
        ActionAnchor anchor = embodiment.CreateAnchor();
        using var cancellation = new CancellationTokenSource();
        for (int warmUp = 0; warmUp < 20; warmUp++)
        {
            await source.CaptureAsync(observation, anchor, cancellation.Token);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int capture = 0; capture < 200; capture++)
        {
            ValueTask pending = source.CaptureAsync(observation, anchor, cancellation.Token);
            if (!pending.IsCompletedSuccessfully)
            {
                await pending;
            }
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(220, embodiment.Captures);
    }

    private static byte[] Preprocessed(CameraFrame frame, ImageInput input)
    {
        var expected = new byte[input.Width * input.Height * 3];
        new ImagePreprocessor(frame.Width, frame.Height, input).Process(frame, expected.AsSpan());
        return expected;
    }

    private static float[] PreprocessedFloats(CameraFrame frame, ImageInput input)
    {
        var expected = new float[input.Width * input.Height * 3];
        new ImagePreprocessor(frame.Width, frame.Height, input).Process(frame, expected.AsSpan());
        return expected;
    }

    /// <summary>A clock whose timestamp the test sets.</summary>
    private sealed class ManualTimestamps(long timestamp) : TimeProvider
    {
        public override long GetTimestamp() => timestamp;
    }
}
