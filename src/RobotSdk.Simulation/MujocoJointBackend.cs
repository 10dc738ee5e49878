using RobotSdk.Hardware;

namespace RobotSdk.Simulation;

/// <summary>
/// The joints of a <see cref="VirtualWorld"/> as an <see cref="IJointBackend"/>: backend joint i is
/// a named hinge or slide of the MJCF (<see cref="SimulatedJoint"/>), driven through a direct-torque
/// actuator by a simulated servo (<see cref="ServoMotorModel"/>), in the device's units
/// (<see cref="SimulatedJoint.Scale"/> times the MJCF joint's). Device emulators (for example the Feetech arm emulator) write goals
/// and torque flags here and read the simulated joints back. Thread-safe.
/// </summary>
/// <remarks>
/// Goals and torque flags take effect at the next physics step; present values are those of the
/// last step (or of the last change made through <see cref="VirtualWorld.Access"/>). Turning torque
/// on holds the joint where it is (goal := present position), as the Feetech and Dynamixel drivers
/// expect; turning it off makes the joint limp: no motor torque at all, only the joint's gear
/// friction, viscous loss and reflected inertia from the MJCF. Goals are not clamped here: the
/// MJCF's joint limits stop the joint, as a real arm's hard stops do.
/// </remarks>
public sealed class MujocoJointBackend : IJointBackend
{
    private readonly Lock _lock = new();
    private readonly int[] _joints;
    private readonly int[] _actuators;
    private readonly ServoMotorModel[] _servos;
    private readonly double[] _scales;
    private readonly double[] _goal;
    private readonly bool[] _torque;
    private readonly double[] _position;
    private readonly double[] _velocity;
    private readonly double[] _appliedTorque;
    private readonly double[] _stepGoal;
    private readonly bool[] _stepTorque;
    private readonly double[] _stepApplied;
    private long _goalWrites;

    internal MujocoJointBackend(MujocoModel model, IReadOnlyList<SimulatedJoint> joints, ServoMotorModel? servoOverride)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(joints);
        if (joints.Count == 0)
        {
            throw new ArgumentException("A backend needs at least one joint.", nameof(joints));
        }

        int count = joints.Count;
        _joints = new int[count];
        _actuators = new int[count];
        _servos = new ServoMotorModel[count];
        _scales = new double[count];
        for (int i = 0; i < count; i++)
        {
            SimulatedJoint joint = joints[i] ?? throw new ArgumentException($"Joint {i} is null.", nameof(joints));
            _joints[i] = model.GetJointIndex(joint.Name);
            MujocoJointType type = model.Joints[_joints[i]].Type;
            if (type is not (MujocoJointType.Hinge or MujocoJointType.Slide))
            {
                throw new ArgumentException($"Joint '{joint.Name}' is a {type} joint; a servo drives a hinge or a slide.", nameof(joints));
            }

            if (!(double.IsFinite(joint.Scale) && joint.Scale != 0))
            {
                throw new ArgumentException($"Joint '{joint.Name}' has scale {joint.Scale}; it must be finite and non-zero.", nameof(joints));
            }

            _servos[i] = servoOverride ?? joint.Servo ?? ServoMotorModel.Sts3215;
            _servos[i].ThrowIfInvalid(nameof(joints));
            _scales[i] = joint.Scale;
            _actuators[i] = FindActuator(model, _joints[i], joint.Name);
        }

        JointNames = Array.AsReadOnly(joints.Select(joint => joint.Name).ToArray());
        _goal = new double[count];
        _torque = new bool[count];
        _position = new double[count];
        _velocity = new double[count];
        _appliedTorque = new double[count];
        _stepGoal = new double[count];
        _stepTorque = new bool[count];
        _stepApplied = new double[count];
    }

    /// <summary>The MJCF joint of each backend joint.</summary>
    public IReadOnlyList<string> JointNames { get; }

    /// <summary>The servo that drives <paramref name="joint"/>.</summary>
    public ServoMotorModel GetServo(int joint)
    {
        CheckJoint(joint);
        return _servos[joint];
    }

    /// <summary>Device units per MJCF unit of <paramref name="joint"/> (<see cref="SimulatedJoint.Scale"/>).</summary>
    public double GetScale(int joint)
    {
        CheckJoint(joint);
        return _scales[joint];
    }

    /// <inheritdoc />
    public int JointCount => _joints.Length;

    /// <summary>How many goal positions have been written, all joints together.</summary>
    public long GoalWrites => Interlocked.Read(ref _goalWrites);

    /// <inheritdoc />
    public void SetTorqueEnabled(int joint, bool enabled)
    {
        CheckJoint(joint);
        lock (_lock)
        {
            _torque[joint] = enabled;
            _goal[joint] = _position[joint];
        }
    }

    /// <summary>Whether the joint's servo drives it.</summary>
    public bool IsTorqueEnabled(int joint)
    {
        CheckJoint(joint);
        lock (_lock)
        {
            return _torque[joint];
        }
    }

    /// <inheritdoc />
    public void SetGoalPosition(int joint, double position)
    {
        CheckJoint(joint);
        if (!double.IsFinite(position))
        {
            throw new ArgumentOutOfRangeException(nameof(position), position, "A goal must be finite.");
        }

        lock (_lock)
        {
            _goal[joint] = position;
        }

        Interlocked.Increment(ref _goalWrites);
    }

    /// <summary>The joint's goal position, device units.</summary>
    public double GetGoalPosition(int joint)
    {
        CheckJoint(joint);
        lock (_lock)
        {
            return _goal[joint];
        }
    }

    /// <inheritdoc />
    public double GetPresentPosition(int joint)
    {
        CheckJoint(joint);
        lock (_lock)
        {
            return _position[joint];
        }
    }

    /// <inheritdoc />
    public double GetPresentVelocity(int joint)
    {
        CheckJoint(joint);
        lock (_lock)
        {
            return _velocity[joint];
        }
    }

    /// <inheritdoc />
    public double GetPresentCurrent(int joint)
    {
        double torque = GetMotorTorque(joint);
        return _servos[joint].Current(torque);
    }

    /// <summary>The torque the servo applied during the last step, N m (0 with torque off).</summary>
    public double GetMotorTorque(int joint)
    {
        CheckJoint(joint);
        lock (_lock)
        {
            return _appliedTorque[joint];
        }
    }

    /// <summary>Sets every actuator's torque for the next step from the goals, flags and present state. Caller holds the world's lock.</summary>
    internal void ApplyControls(MujocoSimulation simulation)
    {
        lock (_lock)
        {
            _goal.CopyTo(_stepGoal, 0);
            _torque.CopyTo(_stepTorque, 0);
        }

        for (int i = 0; i < _joints.Length; i++)
        {
            double torque = 0;
            if (_stepTorque[i])
            {
                double scale = _scales[i];
                torque = _servos[i].Torque(_stepGoal[i], scale * simulation.GetJointPosition(_joints[i]), scale * simulation.GetJointVelocity(_joints[i]));
            }

            simulation.SetControl(_actuators[i], torque);
            _stepApplied[i] = torque;
        }

        lock (_lock)
        {
            _stepApplied.CopyTo(_appliedTorque, 0);
        }
    }

    /// <summary>Copies the simulated joints into the present values. Caller holds the world's lock.</summary>
    internal void Publish(MujocoSimulation simulation)
    {
        lock (_lock)
        {
            for (int i = 0; i < _joints.Length; i++)
            {
                _position[i] = _scales[i] * simulation.GetJointPosition(_joints[i]);
                _velocity[i] = _scales[i] * simulation.GetJointVelocity(_joints[i]);
            }
        }
    }

    /// <summary>Sets every goal to the present position and every torque off (after a reset). Caller holds the world's lock.</summary>
    internal void Release()
    {
        lock (_lock)
        {
            Array.Clear(_torque);
            Array.Clear(_appliedTorque);
            _position.CopyTo(_goal, 0);
        }
    }

    private static int FindActuator(MujocoModel model, int joint, string name)
    {
        MujocoActuator? actuator = model.Actuators.FirstOrDefault(candidate => candidate.JointIndex == joint);
        return actuator?.Index
            ?? throw new ArgumentException($"No actuator drives joint '{name}'; add a <motor joint=\"{name}\"/> to the MJCF.", nameof(model));
    }

    private void CheckJoint(int joint)
    {
        if ((uint)joint >= (uint)_joints.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(joint), joint, $"The backend has joints 0..{_joints.Length - 1}.");
        }
    }
}
