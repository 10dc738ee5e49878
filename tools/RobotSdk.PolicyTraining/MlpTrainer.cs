using System.Diagnostics;
using RobotSdk.Policy.Preprocessing;

namespace RobotSdk.PolicyTraining;

/// <summary>
/// Trains <see cref="MlpPolicyNetwork"/> by regression: mean squared error between its output and
/// the expert chunk, both in normalized units (the manifest's z-score statistics, applied by the
/// runner's own <see cref="Normalizer"/>), minimized by Adam over shuffled mini-batches.
/// </summary>
internal sealed class MlpTrainer
{
    private const float Beta1 = 0.9f;
    private const float Beta2 = 0.999f;
    private const float AdamEpsilon = 1e-8f;

    private readonly TrainingOptions _options;

    /// <summary>Makes a trainer.</summary>
    public MlpTrainer(TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Epochs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, options.Partitions);
        _options = options;
    }

    /// <summary>Pixel byte to network input: exactly the runner's float preprocessing into [0, 1].</summary>
    internal static float PixelValue(byte pixel) => pixel / 255f;

    /// <summary>Trains on <paramref name="dataset"/>, normalizing with <paramref name="state"/> and <paramref name="actions"/>.</summary>
    public TrainingResult Train(DemonstrationDataset dataset, Normalizer state, Normalizer actions, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        int inputLength = TouchCubePolicyShape.ImageLength + TouchCubePolicyShape.StateLength;
        var network = new MlpPolicyNetwork(inputLength, _options.HiddenLength, TouchCubePolicyShape.ChunkNumbers, _options.Seed);
        var inputs = new float[dataset.Count][];
        var targets = new float[dataset.Count][];
        var training = new List<int>();
        var validation = new List<int>();
        for (int i = 0; i < dataset.Count; i++)
        {
            inputs[i] = new float[TouchCubePolicyShape.StateLength];
            state.Normalize(dataset.State(i), inputs[i]);
            targets[i] = new float[TouchCubePolicyShape.ChunkNumbers];
            for (int k = 0; k < TouchCubePolicyShape.ChunkLength; k++)
            {
                int at = k * TouchCubePolicyShape.ActionDimensions;
                actions.Normalize(dataset.Chunk(i).AsSpan(at, TouchCubePolicyShape.ActionDimensions), targets[i].AsSpan(at, TouchCubePolicyShape.ActionDimensions));
            }

            bool heldOut = _options.ValidationEvery > 0 && dataset.EpisodeOf(i) % _options.ValidationEvery == 0;
            (heldOut ? validation : training).Add(i);
        }

        var workers = Enumerable.Range(0, _options.Partitions).Select(_ => new Worker(network)).ToArray();
        float[][] parameters = network.Parameters;
        float[][] firstMoments = parameters.Select(array => new float[array.Length]).ToArray();
        float[][] secondMoments = parameters.Select(array => new float[array.Length]).ToArray();
        var random = new Random(_options.Seed);
        int[] order = [.. training];
        var trainingLoss = new List<double>();
        var validationLoss = new List<double>();
        long step = 0;
        int batches = (order.Length + _options.BatchSize - 1) / _options.BatchSize;
        var clock = Stopwatch.StartNew();
        for (int epoch = 0; epoch < _options.Epochs; epoch++)
        {
            random.Shuffle(order);
            double epochLoss = 0;
            for (int batch = 0; batch < batches; batch++)
            {
                int start = batch * _options.BatchSize;
                int count = Math.Min(_options.BatchSize, order.Length - start);
                double progress = (epoch + ((double)batch / batches)) / _options.Epochs;
                float rate = (float)(_options.LearningRate * (0.01 + (0.99 * 0.5 * (1 + Math.Cos(Math.PI * progress)))));
                Parallel.For(0, workers.Length, part =>
                {
                    int from = start + (part * count / workers.Length);
                    int to = start + ((part + 1) * count / workers.Length);
                    workers[part].Accumulate(dataset, inputs, targets, order.AsSpan(from, to - from), count);
                });

                // Sum the parts in a fixed order: the result does not depend on thread timing.
                for (int part = 1; part < workers.Length; part++)
                {
                    workers[0].Add(workers[part]);
                }

                epochLoss += workers[0].Loss;
                step++;
                Adam(parameters, workers[0].Gradients, firstMoments, secondMoments, rate, step);
                foreach (Worker worker in workers)
                {
                    worker.Clear();
                }
            }

            trainingLoss.Add(epochLoss / order.Length);
            if (validation.Count > 0)
            {
                validationLoss.Add(Evaluate(network, dataset, inputs, targets, validation));
            }

            log?.Invoke($"epoch {epoch + 1}/{_options.Epochs}: training loss {trainingLoss[^1]:0.00000}" +
                (validation.Count > 0 ? $", held-out loss {validationLoss[^1]:0.00000}" : string.Empty) + $", {clock.Elapsed.TotalSeconds:0.0} s");
        }

        return new TrainingResult(network, trainingLoss, validationLoss, training.Count, validation.Count, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Mean squared error per output number of <paramref name="network"/> on <paramref name="samples"/>.</summary>
    internal static double Evaluate(MlpPolicyNetwork network, DemonstrationDataset dataset, float[][] normalizedStates, float[][] targets, IReadOnlyList<int> samples)
    {
        var input = new float[network.InputLength];
        var output = new float[network.OutputLength];
        double sum = 0;
        foreach (int sample in samples)
        {
            FillInput(dataset.Image(sample), normalizedStates[sample], input);
            network.Predict(input, output);
            for (int k = 0; k < output.Length; k++)
            {
                double error = output[k] - targets[sample][k];
                sum += error * error;
            }
        }

        return sum / (samples.Count * (double)network.OutputLength);
    }

    /// <summary>The network's input: image values, then the normalized state.</summary>
    internal static void FillInput(ReadOnlySpan<byte> image, ReadOnlySpan<float> normalizedState, Span<float> input)
    {
        for (int i = 0; i < image.Length; i++)
        {
            input[i] = PixelValue(image[i]);
        }

        normalizedState.CopyTo(input[image.Length..]);
    }

    private static void Adam(float[][] parameters, float[][] gradients, float[][] first, float[][] second, float rate, long step)
    {
        float correction1 = 1 - MathF.Pow(Beta1, step);
        float correction2 = 1 - MathF.Pow(Beta2, step);
        for (int p = 0; p < parameters.Length; p++)
        {
            float[] values = parameters[p], gradient = gradients[p], m = first[p], v = second[p];
            for (int i = 0; i < values.Length; i++)
            {
                float g = gradient[i];
                m[i] = (Beta1 * m[i]) + ((1 - Beta1) * g);
                v[i] = (Beta2 * v[i]) + ((1 - Beta2) * g * g);
                values[i] -= rate * (m[i] / correction1) / (MathF.Sqrt(v[i] / correction2) + AdamEpsilon);
            }
        }
    }

    /// <summary>One part of a batch: its own activations and gradient sums.</summary>
    private sealed class Worker
    {
        private readonly MlpPolicyNetwork _network;
        private readonly float[] _input;
        private readonly float[] _hidden1;
        private readonly float[] _hidden2;
        private readonly float[] _output;
        private readonly float[] _outputError;
        private readonly float[] _hidden2Error;
        private readonly float[] _hidden1Error;

        public Worker(MlpPolicyNetwork network)
        {
            _network = network;
            _input = new float[network.InputLength];
            _hidden1 = new float[network.HiddenLength];
            _hidden2 = new float[network.HiddenLength];
            _output = new float[network.OutputLength];
            _outputError = new float[network.OutputLength];
            _hidden2Error = new float[network.HiddenLength];
            _hidden1Error = new float[network.HiddenLength];
            Gradients = network.Parameters.Select(array => new float[array.Length]).ToArray();
        }

        public float[][] Gradients { get; }

        /// <summary>Sum of squared errors over the samples accumulated.</summary>
        public double Loss { get; private set; }

        public void Accumulate(DemonstrationDataset dataset, float[][] states, float[][] targets, ReadOnlySpan<int> samples, int batchSize)
        {
            MlpPolicyNetwork network = _network;
            int hidden = network.HiddenLength;
            int outputs = network.OutputLength;
            float scale = 2f / (batchSize * outputs);
            foreach (int sample in samples)
            {
                FillInput(dataset.Image(sample), states[sample], _input);
                network.Forward(_input, _hidden1, _hidden2, _output);
                for (int k = 0; k < outputs; k++)
                {
                    float error = _output[k] - targets[sample][k];
                    Loss += error * error / outputs;
                    _outputError[k] = scale * error;
                }

                // Output layer.
                for (int j = 0; j < hidden; j++)
                {
                    MlpPolicyNetwork.AddScaled(_outputError, _hidden2[j], Gradients[4].AsSpan(j * outputs, outputs));
                    _hidden2Error[j] = _hidden2[j] > 0 ? MlpPolicyNetwork.Dot(network.Weights3.AsSpan(j * outputs, outputs), _outputError) : 0;
                }

                MlpPolicyNetwork.AddScaled(_outputError, 1, Gradients[5]);

                // Second hidden layer.
                for (int j = 0; j < hidden; j++)
                {
                    MlpPolicyNetwork.AddScaled(_hidden2Error, _hidden1[j], Gradients[2].AsSpan(j * hidden, hidden));
                    _hidden1Error[j] = _hidden1[j] > 0 ? MlpPolicyNetwork.Dot(network.Weights2.AsSpan(j * hidden, hidden), _hidden2Error) : 0;
                }

                MlpPolicyNetwork.AddScaled(_hidden2Error, 1, Gradients[3]);

                // First hidden layer.
                for (int i = 0; i < _input.Length; i++)
                {
                    float x = _input[i];
                    if (x != 0)
                    {
                        MlpPolicyNetwork.AddScaled(_hidden1Error, x, Gradients[0].AsSpan(i * hidden, hidden));
                    }
                }

                MlpPolicyNetwork.AddScaled(_hidden1Error, 1, Gradients[1]);
            }
        }

        public void Add(Worker other)
        {
            for (int p = 0; p < Gradients.Length; p++)
            {
                MlpPolicyNetwork.AddScaled(other.Gradients[p], 1, Gradients[p]);
            }

            Loss += other.Loss;
        }

        public void Clear()
        {
            foreach (float[] gradient in Gradients)
            {
                Array.Clear(gradient);
            }

            Loss = 0;
        }
    }
}
