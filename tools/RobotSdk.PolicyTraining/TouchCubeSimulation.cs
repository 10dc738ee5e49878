using RobotSdk.Geometry;
using RobotSdk.Kinematics;
using RobotSdk.Policy.Preprocessing;
using RobotSdk.Simulation;
using RobotSdk.Virtual.Tasks;

namespace RobotSdk.PolicyTraining;

/// <summary>
/// One arm's touch-cube world stepped by hand, faster than real time: the same MuJoCo world and
/// servo models as the virtual arm, the overhead camera rendered at the control rate and prepared by
/// the runner's <see cref="ImagePreprocessor"/>, tool positions turned into joint goals by
/// position-only inverse kinematics seeded by the last solution (the runner's end-effector mapping),
/// each goal reached by straight-line steps at 50 Hz like a streaming control loop.
/// </summary>
internal sealed class TouchCubeSimulation : IDisposable
{
    /// <summary>Goal updates per action (a 50 Hz stream at 10 actions per second).</summary>
    public const int GoalUpdatesPerAction = 5;

    private const double SettleSeconds = 0.3;

    private readonly SerialChain _chain;
    private readonly int[] _backendOfChainJoint;
    private readonly double[] _goals;
    private readonly double[] _previousGoals;
    private readonly double[] _chainPositions;
    private readonly double[] _solution;
    private readonly double[] _seed;
    private readonly byte[] _rgb;
    private readonly SimulatedCamera _camera;
    private readonly ImagePreprocessor _preprocessor;
    private readonly int _physicsStepsPerGoal;

    /// <summary>Builds the world of <paramref name="arm"/> (so101 or wx250s), stopped.</summary>
    public TouchCubeSimulation(string arm)
    {
        Arm = SimulatedArms.Get(arm);
        World = VirtualWorld.Create(Arm);
        Task = new TouchCubeTask(Arm, World.Model);
        RobotDescription description = ArmKinematics.Describe(Arm.Name);
        _chain = new SerialChain(description);
        _backendOfChainJoint = _chain.JointNames.Select(name => IndexOf(World.Joints.JointNames, name)).ToArray();
        _goals = new double[World.Joints.JointCount];
        _previousGoals = new double[World.Joints.JointCount];
        _chainPositions = new double[_chain.JointCount];
        _solution = new double[_chain.JointCount];
        _seed = new double[_chain.JointCount];
        var options = SimulatedCameraOptions.FromMjcf(SimulationModels.ReadXml(Arm.World), TouchCubeTask.CameraName);
        options.Width = TouchCubeTask.CameraWidth;
        options.Height = TouchCubeTask.CameraHeight;
        _camera = new SimulatedCamera(World, options);
        _rgb = new byte[_camera.FrameLength];
        _preprocessor = new ImagePreprocessor(TouchCubeTask.CameraWidth, TouchCubeTask.CameraHeight, TouchCubePolicyShape.Image);
        _physicsStepsPerGoal = (int)Math.Round(1 / (TouchCubePolicyShape.ControlRateHertz * GoalUpdatesPerAction * World.Model.TimestepSeconds));
    }

    /// <summary>The arm.</summary>
    public SimulatedArmModel Arm { get; }

    /// <summary>The world, stepped by this class only.</summary>
    public VirtualWorld World { get; }

    /// <summary>The task over the world.</summary>
    public TouchCubeTask Task { get; }

    /// <summary>The episode set up by the last <see cref="Reset"/>.</summary>
    public TouchCubeEpisode? Episode { get; private set; }

    /// <summary>Whether the arm has touched the red cube since the last <see cref="Reset"/>.</summary>
    public bool Touched { get; private set; }

    /// <summary>Simulated seconds since the episode started.</summary>
    public double EpisodeSeconds { get; private set; }

    /// <summary>
    /// Starts episode <paramref name="seed"/>: the world back to its start, the cubes placed, the arm
    /// put at the start pose (position-only inverse kinematics from the task's ready pose), every
    /// servo holding it, and a short settle.
    /// </summary>
    public TouchCubeEpisode Reset(int seed)
    {
        World.Reset();
        TouchCubeEpisode episode = Task.Reset(World, seed);
        var ready = new double[_chain.JointCount];
        for (int i = 0; i < ready.Length; i++)
        {
            ready[i] = Task.ReadyPose[_chain.FrameIndices[i]];
        }

        InverseKinematicsResult result = _chain.SolveInverseKinematics(new Pose(episode.StartToolPosition, Rotation.Identity), ready, _solution, ArmKinematics.PositionOnly);
        if (!result.Converged)
        {
            throw new InvalidOperationException($"{Arm.Name} cannot reach the start point {episode.StartToolPosition} of episode {seed}.");
        }

        for (int joint = 0; joint < _goals.Length; joint++)
        {
            _goals[joint] = Arm.RestPose[joint];
        }

        for (int i = 0; i < _solution.Length; i++)
        {
            _goals[_backendOfChainJoint[i]] = _solution[i];
        }

        World.Access(simulation =>
        {
            for (int joint = 0; joint < _goals.Length; joint++)
            {
                simulation.SetJointPosition(World.Joints.JointNames[joint], _goals[joint]);
            }

            simulation.Forward();
        });
        for (int joint = 0; joint < _goals.Length; joint++)
        {
            World.Joints.SetGoalPosition(joint, _goals[joint]);
            World.Joints.SetTorqueEnabled(joint, true);
        }

        World.StepFor(SettleSeconds);
        _solution.CopyTo(_seed, 0);
        Episode = episode;
        Touched = false;
        EpisodeSeconds = 0;
        return episode;
    }

    /// <summary>Renders and prepares the overhead image (planar float32 in [0, 1]) and measures the tool position (base frame, forward kinematics of the measured joints).</summary>
    public Vector3D Observe(Span<float> image)
    {
        _camera.RenderOnce(_rgb);
        _preprocessor.Process(_rgb, image);
        return MeasureTool();
    }

    /// <summary>The tool position from the measured joints through the nominal chain, base frame.</summary>
    public Vector3D MeasureTool()
    {
        for (int i = 0; i < _chainPositions.Length; i++)
        {
            _chainPositions[i] = World.Joints.GetPresentPosition(_backendOfChainJoint[i]);
        }

        return _chain.ToolPosition(_chainPositions);
    }

    /// <summary>
    /// Executes one action for 1 / control rate seconds: the joint goals for tool position
    /// <paramref name="target"/>, approached in <see cref="GoalUpdatesPerAction"/> straight steps;
    /// notes a touch after every physics step.
    /// </summary>
    /// <returns>Whether the arm touched the red cube during the action (or before).</returns>
    public bool Act(Vector3D target)
    {
        _chain.SolveInverseKinematics(new Pose(target, Rotation.Identity), _seed, _solution, ArmKinematics.PositionOnly);
        _solution.CopyTo(_seed, 0);
        _goals.CopyTo(_previousGoals, 0);
        for (int update = 1; update <= GoalUpdatesPerAction; update++)
        {
            double fraction = (double)update / GoalUpdatesPerAction;
            for (int i = 0; i < _solution.Length; i++)
            {
                int joint = _backendOfChainJoint[i];
                _goals[joint] = _previousGoals[joint] + (fraction * (_solution[i] - _previousGoals[joint]));
                World.Joints.SetGoalPosition(joint, _goals[joint]);
            }

            for (int step = 0; step < _physicsStepsPerGoal; step++)
            {
                World.Step();
                Touched |= World.Access(Task.IsTouching);
            }
        }

        for (int i = 0; i < _solution.Length; i++)
        {
            _goals[_backendOfChainJoint[i]] = _solution[i];
        }

        EpisodeSeconds += 1 / TouchCubePolicyShape.ControlRateHertz;
        return Touched;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _camera.DisposeAsync().AsTask().GetAwaiter().GetResult();
        World.Dispose();
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (int i = 0; i < names.Count; i++)
        {
            if (names[i] == name)
            {
                return i;
            }
        }

        throw new ArgumentException($"The world has no joint '{name}'.", nameof(name));
    }
}
