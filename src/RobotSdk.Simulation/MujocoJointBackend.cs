using RobotSdk.Hardware;

namespace RobotSdk.Simulation;

/// <summary>
/// The joints of a <see cref="VirtualWorld"/> as an <see cref="IJointBackend"/>: backend joint i is
/// a named hinge of the MJCF, driven through a direct-torque actuator by a simulated servo
/// (<see cref="ServoMotorModel"/>). Device emulators (for example the Feetech arm emulator) write goals
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
    private readonly double[] _goal;
    private readonly bool[] _torque;
    private readonly double[] _position;
    private readonly double[] _velocity;
    private readonly double[] _appliedTorque;
    private readonly double[] _stepGoal;
    private readonly bool[] _stepTorque;
    private readonly double[] _stepApplied;
    private long _goalWrites;

    internal MujocoJointBackend(MujocoModel model, IReadOnlyList<string> jointNames, ServoMotorModel servo)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(jointNames);
        ArgumentNullException.ThrowIfNull(servo);
        servo.ThrowIfInvalid(nameof(servo));
        if (jointNames.Count == 0)
        {
            throw new ArgumentException("A backend needs at least one joint.", nameof(jointNames));
        }

        _joints = new int[jointNames.Count];
        _actuators = new int[jointNames.Count];
        for (int i = 0; i < jointNames.Count; i++)
        {
            string name = jointNames[i];
            _joints[i] = model.GetJointIndex(name);
            if (model.Joints[_joints[i]].Type != MujocoJointType.Hinge)
            {
                throw new ArgumentException($"Joint '{name}' is a {model.Joints[_joints[i]].Type} joint; a servo drives a hinge.", nameof(jointNames));
            }

            _actuators[i] = FindActuator(model, _joints[i], name);
        }

        JointNames = Array.AsReadOnly(jointNames.ToArray());
        Servo = servo;
        _goal = new double[_joints.Length];
        _torque = new bool[_joints.Length];
        _position = new double[_joints.Length];
        _velocity = new double[_joints.Length];
        _appliedTorque = new double[_joints.Length];
        _stepGoal = new double[_joints.Length];
        _stepTorque = new bool[_joints.Length];
        _stepApplied = new double[_joints.Length];
    }

    /// <summary>The MJCF joint of each backend joint.</summary>
    public IReadOnlyList<string> JointNames { get; }

    /// <summary>The servo every joint is driven by.</summary>
    public ServoMotorModel Servo { get; }

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

    /// <summary>The joint's goal position, radians.</summary>
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
    public double GetPresentCurrent(int joint) => Servo.Current(GetMotorTorque(joint));

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
                torque = Servo.Torque(_stepGoal[i], simulation.GetJointPosition(_joints[i]), simulation.GetJointVelocity(_joints[i]));
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
                _position[i] = simulation.GetJointPosition(_joints[i]);
                _velocity[i] = simulation.GetJointVelocity(_joints[i]);
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
