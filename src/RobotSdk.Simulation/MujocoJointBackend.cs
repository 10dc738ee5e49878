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
/// <para>
/// Imprecision (<see cref="ArmImprecision"/>; none by default, and then none of this runs). The
/// encoder is on the motor side of the gearbox's play: it reads motor + zero offset, where
/// motor = link + play, play in [-b/2, +b/2] (b = the whole backlash), and the servo closes its loop on
/// that reading, as a real servo does; so for a goal g the link stops near g - offset - play.
/// Backlash model (two bodies and the play between them): while the servo's torque presses the motor
/// against the side of the play it touches (play = +b/2 and torque &gt; 0, or -b/2 and torque &lt; 0),
/// the torque reaches the link and the motor rides with it. Otherwise the link gets no motor torque
/// at all and the motor turns on its own: its rotor inertia (the MJCF joint's armature, the reflected
/// rotor and gear inertia) driven by the servo's torque, back-EMF included, until it meets a side of
/// the play again, where the link takes it along (an inelastic contact). With torque off the motor
/// stays put unless the link drags it. While engaged the armature is the MJCF joint's, as without
/// backlash; while free it is counted on both sides (a simplification: the link coasts a little more),
/// and the free motor feels the servo's torque without the actuator's gear.
/// Consequences, as on a real arm: a link loaded by gravity rests on the load side whatever the
/// approach; an unloaded link that arrives slowly (a trajectory that ends at rest) stays against the
/// side of the play that pushed it, so approaching one goal from opposite directions leaves it b apart,
/// repeatably; one that arrives fast (a goal step) is braked through the far side or coasts into the
/// play, and ends somewhere within it; a motor that leaves the link settles on its goal without chatter.
/// Noise: a Gaussian sample per joint per physics step (seeded; restarts with the world) is added to
/// the reported present position only; the servo's loop and goal := present on torque-on use the
/// noiseless reading (a servo's inner loop filters its encoder far above the bus's read rate).
/// </para>
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
    private readonly double[] _encoder;
    private readonly double[] _offsets;
    private readonly double[] _backlash;
    private readonly double[] _noiseDeviation;
    private readonly double[] _play;
    private readonly double[] _noise;
    private readonly double[] _linkBefore;
    private readonly double[] _motorVelocity;
    private readonly double[] _motorTorque;
    private readonly double[] _motorInertia;
    private readonly bool[] _driving;
    private readonly bool _imprecise;
    private readonly int _noiseSeed;
    private readonly double _timestep;
    private Random _noiseRandom;
    private long _goalWrites;

    internal MujocoJointBackend(MujocoModel model, IReadOnlyList<SimulatedJoint> joints, ServoMotorModel? servoOverride)
        : this(model, joints, servoOverride, imprecision: null)
    {
    }

    internal MujocoJointBackend(MujocoModel model, IReadOnlyList<SimulatedJoint> joints, ServoMotorModel? servoOverride, JointImprecision? imprecision)
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
        _encoder = new double[count];
        _offsets = new double[count];
        _backlash = new double[count];
        _noiseDeviation = new double[count];
        _play = new double[count];
        _noise = new double[count];
        _linkBefore = new double[count];
        _motorVelocity = new double[count];
        _motorTorque = new double[count];
        _motorInertia = new double[count];
        _driving = new bool[count];
        _timestep = model.TimestepSeconds;
        if (imprecision is not null)
        {
            if (imprecision.ZeroOffsetRadians.Count != count)
            {
                throw new ArgumentException($"{imprecision.ZeroOffsetRadians.Count} zero offsets for {count} joints.", nameof(imprecision));
            }

            for (int i = 0; i < count; i++)
            {
                // Degrees mean nothing to a slide joint (a jaw in metres): it stays exact.
                if (model.Joints[_joints[i]].Type == MujocoJointType.Hinge)
                {
                    double scale = Math.Abs(_scales[i]);
                    _offsets[i] = _scales[i] * imprecision.ZeroOffsetRadians[i];
                    _backlash[i] = scale * imprecision.BacklashRadians;
                    _noiseDeviation[i] = scale * imprecision.NoiseRadians;
                }

                // Without the MJCF's armature, the STS3215's ratio of rotor inertia to back-EMF damping (0.069 s).
                ServoMotorModel servo = _servos[i];
                double inertia = imprecision.MotorInertia is { } inertias ? inertias[i] : 0;
                _motorInertia[i] = inertia > 0 ? inertia : 0.069 * servo.StallTorqueNewtonMeters / servo.NoLoadSpeedRadiansPerSecond;
            }

            _noiseSeed = imprecision.NoiseSeed;
            _imprecise = _offsets.Any(value => value != 0) || _backlash.Any(value => value != 0) || _noiseDeviation.Any(value => value != 0);
        }

        _noiseRandom = new Random(_noiseSeed);
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
            _goal[joint] = _encoder[joint];
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
            double scale = _scales[i];
            if (!_imprecise)
            {
                if (_stepTorque[i])
                {
                    torque = _servos[i].Torque(_stepGoal[i], scale * simulation.GetJointPosition(_joints[i]), scale * simulation.GetJointVelocity(_joints[i]));
                }
            }
            else
            {
                torque = ImpreciseTorque(i, scale * simulation.GetJointPosition(_joints[i]), scale * simulation.GetJointVelocity(_joints[i]));
            }

            simulation.SetControl(_actuators[i], torque);
            _stepApplied[i] = torque;
        }

        lock (_lock)
        {
            _stepApplied.CopyTo(_appliedTorque, 0);
        }
    }

    /// <summary>After a physics step: moves each motor within its play and draws the step's noise. Caller holds the world's lock.</summary>
    internal void AdvanceImprecision(MujocoSimulation simulation)
    {
        if (!_imprecise)
        {
            return;
        }

        for (int i = 0; i < _joints.Length; i++)
        {
            double half = _backlash[i] / 2;
            if (half > 0)
            {
                double link = _scales[i] * simulation.GetJointPosition(_joints[i]);
                double linkVelocity = _scales[i] * simulation.GetJointVelocity(_joints[i]);
                if (_driving[i])
                {
                    // The motor rode with the link: same side of the play, same speed.
                    _motorVelocity[i] = linkVelocity;
                }
                else
                {
                    // The motor turns on its own inertia (semi-implicit Euler); a link that meets a
                    // side of the play takes it along (an inelastic contact).
                    // Back-EMF caps a driven motor at its no-load speed; the cap also keeps a stiff servo on a light rotor bounded.
                    double limit = Math.Abs(_scales[i]) * _servos[i].NoLoadSpeedRadiansPerSecond;
                    _motorVelocity[i] = Math.Clamp(_motorVelocity[i] + (_scales[i] * _motorTorque[i] / _motorInertia[i] * _timestep), -limit, limit);
                    double play = _play[i] + (_motorVelocity[i] * _timestep) - (link - _linkBefore[i]);
                    if (Math.Abs(play) >= half)
                    {
                        play = Math.CopySign(half, play);
                        _motorVelocity[i] = linkVelocity;
                    }

                    _play[i] = play;
                }
            }

            if (_noiseDeviation[i] > 0)
            {
                _noise[i] = _noiseDeviation[i] * ImprecisionDraws.Gaussian(_noiseRandom);
            }
        }
    }

    /// <summary>Copies the simulated joints into the present values. Caller holds the world's lock.</summary>
    internal void Publish(MujocoSimulation simulation)
    {
        lock (_lock)
        {
            for (int i = 0; i < _joints.Length; i++)
            {
                _encoder[i] = (_scales[i] * simulation.GetJointPosition(_joints[i])) + _play[i] + _offsets[i];
                _position[i] = _encoder[i] + _noise[i];
                _velocity[i] = _scales[i] * simulation.GetJointVelocity(_joints[i]);
            }
        }
    }

    /// <summary>Sets every goal to the present (noiseless) reading and every torque off (after a reset). Caller holds the world's lock.</summary>
    internal void Release()
    {
        lock (_lock)
        {
            Array.Clear(_torque);
            Array.Clear(_appliedTorque);
            _encoder.CopyTo(_goal, 0);
        }
    }

    /// <summary>Back to the start: every motor in the middle of its play, no noise, the noise stream from its seed. Caller holds the world's lock.</summary>
    internal void ResetImprecision()
    {
        Array.Clear(_play);
        Array.Clear(_noise);
        Array.Clear(_driving);
        Array.Clear(_motorVelocity);
        Array.Clear(_motorTorque);
        _noiseRandom = new Random(_noiseSeed);
    }

    /// <summary>Per joint, device units: encoder zero offsets.</summary>
    internal IReadOnlyList<double> ZeroOffsets => Array.AsReadOnly((double[])_offsets.Clone());

    /// <summary>Per joint, device units: the whole gear play.</summary>
    internal IReadOnlyList<double> Backlash => Array.AsReadOnly((double[])_backlash.Clone());

    /// <summary>Per joint, device units: the standard deviation of the reported positions' noise.</summary>
    internal IReadOnlyList<double> EncoderNoise => Array.AsReadOnly((double[])_noiseDeviation.Clone());

    /// <summary>The torque joint <paramref name="i"/>'s link gets: the servo's, closed on the offset encoder, when the motor presses a side of the play; else none (the motor then turns alone).</summary>
    private double ImpreciseTorque(int i, double link, double velocity)
    {
        _linkBefore[i] = link;
        _driving[i] = false;
        _motorTorque[i] = 0;
        double encoder = link + _play[i] + _offsets[i];
        ServoMotorModel servo = _servos[i];
        double half = _backlash[i] / 2;
        if (!_stepTorque[i])
        {
            // Limp: the motor stays put unless the link drags it.
            _motorVelocity[i] = 0;
            return 0;
        }

        if (half == 0)
        {
            return servo.Torque(_stepGoal[i], encoder, velocity);
        }

        int side = _play[i] >= half ? 1 : _play[i] <= -half ? -1 : 0;
        if (side != 0)
        {
            double wanted = servo.Torque(_stepGoal[i], encoder, velocity);
            if (Math.Sign(wanted) == side)
            {
                _driving[i] = true;
                return wanted;
            }

            // Pulling away from the side it touches: it leaves at the link's speed.
            _motorVelocity[i] = velocity;
        }

        _motorTorque[i] = servo.Torque(_stepGoal[i], encoder, _motorVelocity[i]);
        return 0;
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
