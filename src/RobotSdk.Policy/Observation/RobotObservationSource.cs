using System.Diagnostics;
using RobotSdk.Policy.Manifest;
using RobotSdk.Policy.Onnx;
using RobotSdk.Policy.Preprocessing;
using RobotSdk.Policy.Runner;

namespace RobotSdk.Policy.Observation;

/// <summary>
/// Takes observations from a robot: for each image input, the newest frame of the camera it names,
/// preprocessed for that input (one <see cref="ImagePreprocessor"/> per input, made for the frame size
/// seen and remade if the size changes); then the state through the embodiment adapter, which also
/// records the chunk's anchor; then, with a clock, the timestamp. A camera's newest frame is used as it is, even if
/// it was used before: the policy sees the world as fresh as the camera allows and never waits for
/// it, except for a camera that has not produced any frame yet, which is waited for (up to
/// <see cref="FirstFrameTimeout"/>). Once every camera has delivered, a capture allocates nothing.
/// </summary>
public sealed class RobotObservationSource : IObservationSource
{
    private readonly PolicyInputs inputs;
    private readonly IEmbodiment embodiment;
    private readonly TimeProvider? timeProvider;
    private readonly ICamera[] cameras;
    private readonly ImagePreprocessor?[] preprocessors;
    private readonly long[] frameTimestamps;

    /// <summary>Takes observations from <paramref name="robot"/>'s cameras and, through <paramref name="embodiment"/>, its state.</summary>
    /// <exception cref="ArgumentException">An image input names a camera the robot does not have; the message lists the robot's cameras.</exception>
    /// <param name="robot">The robot whose cameras feed the image inputs; not owned.</param>
    /// <param name="inputs">The manifest's inputs.</param>
    /// <param name="embodiment">Reads the state and records the anchor.</param>
    /// <param name="timeProvider">Stamps each observation when the state has been read; null leaves the caller's timestamp.</param>
    public RobotObservationSource(Robot robot, PolicyInputs inputs, IEmbodiment embodiment, TimeProvider? timeProvider = null)
        : this((robot ?? throw new ArgumentNullException(nameof(robot))).Cameras, inputs, embodiment, timeProvider)
    {
    }

    /// <summary>Takes observations from <paramref name="cameras"/> (found by <see cref="ICamera.Name"/>) and the state through <paramref name="embodiment"/>.</summary>
    /// <param name="cameras">The cameras to choose from; not owned.</param>
    /// <param name="inputs">The manifest's inputs: which camera feeds which image input, and how.</param>
    /// <param name="embodiment">Reads the state and records the anchor.</param>
    /// <param name="timeProvider">
    /// Stamps each observation when the state has been read (pass the runner's clock); when null the
    /// timestamp the caller set (the runner's, taken just before the capture) is left as it is.
    /// </param>
    /// <exception cref="ArgumentException">An image input names a camera that is not among <paramref name="cameras"/>; the message lists their names.</exception>
    public RobotObservationSource(IReadOnlyList<ICamera> cameras, PolicyInputs inputs, IEmbodiment embodiment, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(cameras);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(embodiment);
        this.inputs = inputs;
        this.embodiment = embodiment;
        this.timeProvider = timeProvider;
        this.cameras = new ICamera[inputs.Images.Count];
        for (int index = 0; index < inputs.Images.Count; index++)
        {
            ImageInput image = inputs.Images[index];
            this.cameras[index] = cameras.FirstOrDefault(camera => string.Equals(camera.Name, image.Camera, StringComparison.Ordinal))
                ?? throw new ArgumentException(
                    $"Image input '{image.Name}' (manifest inputs.images[{index}].camera) wants camera '{image.Camera}'; "
                    + (cameras.Count == 0 ? "the robot has no cameras." : $"the robot's cameras are: {string.Join(", ", cameras.Select(camera => $"'{camera.Name}'"))}."),
                    nameof(cameras));
        }

        preprocessors = new ImagePreprocessor?[inputs.Images.Count];
        frameTimestamps = new long[inputs.Images.Count];
    }

    /// <summary>How long a capture waits for a camera's very first frame before failing. Default 5 s.</summary>
    public TimeSpan FirstFrameTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Age of the oldest image of the last capture when it was taken (frame timestamps are
    /// <see cref="Stopwatch"/> ticks); zero without image inputs or before the first capture.
    /// </summary>
    public TimeSpan LastFrameAge { get; private set; }

    /// <summary>
    /// Fills <paramref name="observation"/>: each image from its camera's newest frame (waiting only
    /// for a camera's first frame), then the state and <paramref name="anchor"/> through the embodiment,
    /// then, when the source has a clock, <see cref="PolicyObservation.TimestampTicks"/>. The prompt is left as it is.
    /// Once every camera has delivered a frame, the call completes synchronously and allocates nothing.
    /// </summary>
    /// <exception cref="ArgumentException">The observation was made for other inputs, or a frame is not RGB24.</exception>
    /// <exception cref="TimeoutException">A camera produced no frame within <see cref="FirstFrameTimeout"/>.</exception>
    /// <exception cref="DeviceDisconnectedException">A camera's source ended before its first frame.</exception>
    public ValueTask CaptureAsync(PolicyObservation observation, ActionAnchor anchor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(observation);
        ArgumentNullException.ThrowIfNull(anchor);
        if (observation.Images.Count != cameras.Length)
        {
            throw new ArgumentException($"The observation has {observation.Images.Count} image(s); the manifest's inputs have {cameras.Length}.", nameof(observation));
        }

        // Not an async method: the usual path completes synchronously without a state machine (boxed in debug builds).
        for (int index = 0; index < cameras.Length; index++)
        {
            if (!cameras[index].TryGetLatestFrame(out CameraFrame? frame))
            {
                return CaptureAfterFirstFramesAsync(index, observation, anchor, cancellationToken);
            }

            Prepare(index, frame, observation.Images[index]);
        }

        Finish(observation, anchor);
        return ValueTask.CompletedTask;
    }

    /// <summary>The rest of a capture from camera <paramref name="first"/> on, waiting for any camera without a frame yet.</summary>
    private async ValueTask CaptureAfterFirstFramesAsync(int first, PolicyObservation observation, ActionAnchor anchor, CancellationToken cancellationToken)
    {
        for (int index = first; index < cameras.Length; index++)
        {
            if (!cameras[index].TryGetLatestFrame(out CameraFrame? frame))
            {
                frame = await WaitForFirstFrameAsync(index, cancellationToken).ConfigureAwait(false);
            }

            Prepare(index, frame, observation.Images[index]);
        }

        Finish(observation, anchor);
    }

    /// <summary>Records the frame age, then reads the state (and anchor) and stamps the observation.</summary>
    private void Finish(PolicyObservation observation, ActionAnchor anchor)
    {
        long now = Stopwatch.GetTimestamp();
        long oldest = 0;
        for (int index = 0; index < frameTimestamps.Length; index++)
        {
            oldest = Math.Max(oldest, now - frameTimestamps[index]);
        }

        LastFrameAge = Stopwatch.GetElapsedTime(0, oldest);
        embodiment.CaptureState(observation, anchor);
        if (timeProvider is not null)
        {
            observation.TimestampTicks = timeProvider.GetTimestamp();
        }
    }

    private async ValueTask<CameraFrame> WaitForFirstFrameAsync(int index, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(FirstFrameTimeout);
        try
        {
            return await cameras[index].ReadNextFrameAsync(-1, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"Camera '{cameras[index].Name}' (manifest inputs.images[{index}], input '{inputs.Images[index].Name}') produced no frame within {FirstFrameTimeout.TotalSeconds:0.###} s.");
        }
    }

    private void Prepare(int index, CameraFrame frame, ObservationImage image)
    {
        ImagePreprocessor? preprocessor = preprocessors[index];
        if (preprocessor is null || preprocessor.SourceWidth != frame.Width || preprocessor.SourceHeight != frame.Height)
        {
            preprocessor = new ImagePreprocessor(frame.Width, frame.Height, inputs.Images[index]);
            preprocessors[index] = preprocessor;
        }

        if (inputs.Images[index].ElementType == TensorElementType.Float)
        {
            preprocessor.Process(frame, image.Floats ?? throw MissingBuffer(index, "float", nameof(image)));
        }
        else
        {
            preprocessor.Process(frame, image.Bytes ?? throw MissingBuffer(index, "byte", nameof(image)));
        }

        image.FrameSequenceNumber = frame.SequenceNumber;
        frameTimestamps[index] = frame.TimestampTicks;
    }

    private ArgumentException MissingBuffer(int index, string kind, string parameter) =>
        new($"The observation's image {index} has no {kind} buffer for input '{inputs.Images[index].Name}'; make the observation from the same manifest inputs.", parameter);
}
