using RobotSdk.Geometry;

namespace RobotSdk.Kinematics;

/// <summary>
/// Forward kinematics, Jacobian and damped-least-squares inverse kinematics of a serial
/// chain. Spans of joint positions are in chain order (<see cref="JointNames"/>), which
/// <see cref="FrameIndices"/> maps to the driver's joint frame. Forward kinematics and the
/// Jacobian allocate nothing, so the control loop can call them every cycle.
/// </summary>
public sealed class SerialChain
{
    private readonly RigidTransform[] _origins;
    private readonly Vector3D[] _axes;
    private readonly bool[] _isPrismatic;
    private readonly RigidTransform _base;
    private readonly RigidTransform _tool;
    private readonly JointLimits[] _limits;

    /// <summary>Builds the chain of <paramref name="robot"/>'s nominal kinematics.</summary>
    /// <exception cref="ArgumentException">The robot has no kinematics or they name unknown joints.</exception>
    public SerialChain(RobotDescription robot)
        : this(robot?.Kinematics ?? throw new ArgumentException($"Model '{robot?.Model}' describes no kinematics.", nameof(robot)), robot)
    {
    }

    /// <summary>Builds a chain from <paramref name="kinematics"/> (nominal or calibrated) for <paramref name="robot"/>'s joints.</summary>
    /// <exception cref="ArgumentException">The chain names a joint the robot does not have, or an axis has zero length.</exception>
    public SerialChain(KinematicChainDescription kinematics, RobotDescription robot)
    {
        ArgumentNullException.ThrowIfNull(kinematics);
        ArgumentNullException.ThrowIfNull(robot);
        int count = kinematics.Joints.Count;
        _origins = new RigidTransform[count];
        _axes = new Vector3D[count];
        _isPrismatic = new bool[count];
        _limits = new JointLimits[count];
        var indices = new int[count];
        var names = new string[count];
        for (int i = 0; i < count; i++)
        {
            KinematicJoint joint = kinematics.Joints[i];
            int index = robot.IndexOf(joint.JointName);
            if (index < 0)
            {
                throw new ArgumentException($"Kinematic joint '{joint.JointName}' is not a joint of model '{robot.Model}'.", nameof(kinematics));
            }

            if (joint.Axis.Length < 1e-9)
            {
                throw new ArgumentException($"Kinematic joint '{joint.JointName}' has a zero-length axis.", nameof(kinematics));
            }

            indices[i] = index;
            names[i] = joint.JointName;
            _origins[i] = RigidTransform.FromPose(joint.Origin);
            _axes[i] = joint.Axis.Normalized();
            _isPrismatic[i] = joint.Kind == JointKind.Prismatic;
            _limits[i] = robot.Joints[index].Limits;
        }

        FrameIndices = indices;
        JointNames = names;
        Description = kinematics;
        _base = RigidTransform.FromPose(kinematics.Base);
        _tool = RigidTransform.FromPose(kinematics.Tool);
    }

    /// <summary>The description this chain was built from.</summary>
    public KinematicChainDescription Description { get; }

    /// <summary>Number of joints in the chain.</summary>
    public int JointCount => _origins.Length;

    /// <summary>Chain joint names, base to wrist.</summary>
    public IReadOnlyList<string> JointNames { get; }

    /// <summary>For each chain joint, its index in the driver's joint frame.</summary>
    public IReadOnlyList<int> FrameIndices { get; }

    /// <summary>Pose of the tool point in the world frame for <paramref name="positions"/>.</summary>
    public Pose ForwardKinematics(ReadOnlySpan<double> positions) => ComputeTool(positions).ToPose();

    /// <summary>Position of the tool point in the world frame, metres. Allocation-free.</summary>
    public Vector3D ToolPosition(ReadOnlySpan<double> positions) => ComputeTool(positions).Position;

    /// <summary>Copies the chain joints' positions out of a full driver frame.</summary>
    public void Gather(ReadOnlySpan<double> framePositions, Span<double> chainPositions)
    {
        for (int i = 0; i < _origins.Length; i++)
        {
            chainPositions[i] = framePositions[FrameIndices[i]];
        }
    }

    /// <summary>
    /// Writes the 6 x <see cref="JointCount"/> geometric Jacobian (rows vx, vy, vz, wx, wy, wz;
    /// row-major) of the tool point at <paramref name="positions"/> into <paramref name="jacobian"/>.
    /// </summary>
    public void Jacobian(ReadOnlySpan<double> positions, Span<double> jacobian)
    {
        int n = _origins.Length;
        CheckLength(positions, n);
        if (jacobian.Length < 6 * n)
        {
            throw new ArgumentException($"The Jacobian needs {6 * n} elements, got {jacobian.Length}.", nameof(jacobian));
        }

        Span<Vector3D> axes = n <= 32 ? stackalloc Vector3D[n] : new Vector3D[n];
        Span<Vector3D> origins = n <= 32 ? stackalloc Vector3D[n] : new Vector3D[n];
        RigidTransform frame = _base;
        for (int i = 0; i < n; i++)
        {
            frame = RigidTransform.Multiply(frame, _origins[i]);
            axes[i] = frame.RotateVector(_axes[i]);
            origins[i] = frame.Position;
            frame = RigidTransform.Multiply(frame, JointMotion(i, positions[i]));
        }

        Vector3D tool = RigidTransform.Multiply(frame, _tool).Position;
        for (int i = 0; i < n; i++)
        {
            Vector3D linear = _isPrismatic[i] ? axes[i] : Vector3D.Cross(axes[i], tool - origins[i]);
            Vector3D angular = _isPrismatic[i] ? Vector3D.Zero : axes[i];
            jacobian[(0 * n) + i] = linear.X;
            jacobian[(1 * n) + i] = linear.Y;
            jacobian[(2 * n) + i] = linear.Z;
            jacobian[(3 * n) + i] = angular.X;
            jacobian[(4 * n) + i] = angular.Y;
            jacobian[(5 * n) + i] = angular.Z;
        }
    }

    /// <summary>
    /// Damped-least-squares inverse kinematics: starting from <paramref name="seed"/>, finds
    /// joint positions within the joint limits that bring the tool to <paramref name="target"/>.
    /// With <see cref="InverseKinematicsOptions.OrientationWeight"/> 0 only the position counts,
    /// which suits 5-joint arms that cannot reach every orientation. Allocates nothing unless the
    /// solve from the seed fails and restarts are tried.
    /// </summary>
    public InverseKinematicsResult SolveInverseKinematics(Pose target, ReadOnlySpan<double> seed, Span<double> solution, InverseKinematicsOptions? options = null)
    {
        options ??= InverseKinematicsOptions.Default;
        int n = _origins.Length;
        CheckLength(seed, n);
        CheckLength(solution, n);
        InverseKinematicsResult result = SolveFrom(target, seed, solution, options);
        if (result.Converged || options.Restarts == 0)
        {
            return result;
        }

        // Damped least squares can stall against a joint limit. Retry from seeds spread over
        // the joint ranges (deterministic, so results repeat) and keep the converged
        // solution nearest the caller's seed.
        var random = new Random(1);
        var restartSeed = new double[n];
        var candidate = new double[n];
        double bestDistance = double.PositiveInfinity;
        InverseKinematicsResult best = result;
        for (int attempt = 0; attempt < options.Restarts; attempt++)
        {
            for (int i = 0; i < n; i++)
            {
                JointLimits limits = _limits[i];
                double low = double.IsFinite(limits.MinPosition) ? limits.MinPosition : -Math.PI;
                double high = double.IsFinite(limits.MaxPosition) ? limits.MaxPosition : Math.PI;
                restartSeed[i] = attempt == 0 ? Math.Clamp(0, low, high) : low + (random.NextDouble() * (high - low));
            }

            InverseKinematicsResult attemptResult = SolveFrom(target, restartSeed, candidate, options);
            if (!attemptResult.Converged)
            {
                continue;
            }

            double distance = 0;
            for (int i = 0; i < n; i++)
            {
                distance += Math.Abs(candidate[i] - seed[i]);
            }

            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = attemptResult;
                candidate.CopyTo(solution);
            }
        }

        return best;
    }

    private InverseKinematicsResult SolveFrom(Pose target, ReadOnlySpan<double> seed, Span<double> solution, InverseKinematicsOptions options)
    {
        int n = _origins.Length;
        bool useOrientation = options.OrientationWeight > 0;
        int rows = useOrientation ? 6 : 3;
        seed.CopyTo(solution);
        for (int i = 0; i < n; i++)
        {
            solution[i] = Math.Clamp(solution[i], _limits[i].MinPosition, _limits[i].MaxPosition);
        }

        // On the stack, so a solve from a good seed allocates nothing (policy runners solve every control step).
        Span<double> jacobian = n <= 32 ? stackalloc double[6 * n] : new double[6 * n];
        Span<double> error = stackalloc double[6];
        Span<double> system = stackalloc double[36];
        Span<double> y = stackalloc double[6];
        double positionError = double.PositiveInfinity;
        double orientationError = double.PositiveInfinity;
        int iteration = 0;
        for (; iteration < options.MaxIterations; iteration++)
        {
            RigidTransform current = ComputeTool(solution);
            Vector3D dp = target.Position - current.Position;
            Vector3D dr = RotationError(target.Orientation, current.ToRotation());
            positionError = dp.Length;
            orientationError = dr.Length;
            if (positionError <= options.PositionToleranceMeters
                && (!useOrientation || orientationError <= options.OrientationToleranceRadians))
            {
                return new InverseKinematicsResult(true, iteration, positionError, orientationError);
            }

            error[0] = dp.X; error[1] = dp.Y; error[2] = dp.Z;
            error[3] = options.OrientationWeight * dr.X;
            error[4] = options.OrientationWeight * dr.Y;
            error[5] = options.OrientationWeight * dr.Z;
            Jacobian(solution, jacobian);
            if (useOrientation)
            {
                for (int c = 3 * n; c < 6 * n; c++)
                {
                    jacobian[c] *= options.OrientationWeight;
                }
            }

            // (J J^T + lambda^2 I) y = e, then dq = J^T y.
            double damping2 = options.Damping * options.Damping;
            for (int r = 0; r < rows; r++)
            {
                for (int c = 0; c < rows; c++)
                {
                    double sum = 0;
                    for (int k = 0; k < n; k++)
                    {
                        sum += jacobian[(r * n) + k] * jacobian[(c * n) + k];
                    }

                    system[(r * rows) + c] = sum + (r == c ? damping2 : 0);
                }

                y[r] = error[r];
            }

            SolveSymmetricPositiveDefinite(system[..(rows * rows)], y[..rows], rows);
            for (int k = 0; k < n; k++)
            {
                double step = 0;
                for (int r = 0; r < rows; r++)
                {
                    step += jacobian[(r * n) + k] * y[r];
                }

                step = Math.Clamp(step, -options.MaxStepRadians, options.MaxStepRadians);
                solution[k] = Math.Clamp(solution[k] + step, _limits[k].MinPosition, _limits[k].MaxPosition);
            }
        }

        // Report the solution being returned: the last iteration stepped after measuring.
        RigidTransform reached = ComputeTool(solution);
        positionError = (target.Position - reached.Position).Length;
        orientationError = RotationError(target.Orientation, reached.ToRotation()).Length;
        bool converged = positionError <= options.PositionToleranceMeters
            && (!useOrientation || orientationError <= options.OrientationToleranceRadians);
        return new InverseKinematicsResult(converged, iteration, positionError, orientationError);
    }

    private RigidTransform ComputeTool(ReadOnlySpan<double> positions)
    {
        CheckLength(positions, _origins.Length);
        RigidTransform frame = _base;
        for (int i = 0; i < _origins.Length; i++)
        {
            frame = RigidTransform.Multiply(frame, _origins[i]);
            frame = RigidTransform.Multiply(frame, JointMotion(i, positions[i]));
        }

        return RigidTransform.Multiply(frame, _tool);
    }

    private RigidTransform JointMotion(int joint, double position) => _isPrismatic[joint]
        ? RigidTransform.Translation(position * _axes[joint])
        : RigidTransform.FromAxisAngle(_axes[joint], position);

    /// <summary>Rotation vector (axis times angle) taking <paramref name="current"/> to <paramref name="target"/>, world frame.</summary>
    private static Vector3D RotationError(Rotation target, Rotation current)
    {
        Rotation delta = target * current.Inverse();
        if (delta.W < 0)
        {
            delta = new Rotation(-delta.W, -delta.X, -delta.Y, -delta.Z);
        }

        var vector = new Vector3D(delta.X, delta.Y, delta.Z);
        double sinHalf = vector.Length;
        if (sinHalf < 1e-12)
        {
            return 2 * vector;
        }

        double angle = 2 * Math.Atan2(sinHalf, delta.W);
        return (angle / sinHalf) * vector;
    }

    /// <summary>Solves A x = b in place (b becomes x) by Cholesky; A is damped so it is positive definite.</summary>
    private static void SolveSymmetricPositiveDefinite(Span<double> a, Span<double> b, int size)
    {
        for (int j = 0; j < size; j++)
        {
            double diagonal = a[(j * size) + j];
            for (int k = 0; k < j; k++)
            {
                diagonal -= a[(j * size) + k] * a[(j * size) + k];
            }

            diagonal = Math.Sqrt(Math.Max(diagonal, 1e-18));
            a[(j * size) + j] = diagonal;
            for (int i = j + 1; i < size; i++)
            {
                double sum = a[(i * size) + j];
                for (int k = 0; k < j; k++)
                {
                    sum -= a[(i * size) + k] * a[(j * size) + k];
                }

                a[(i * size) + j] = sum / diagonal;
            }
        }

        for (int i = 0; i < size; i++)
        {
            double sum = b[i];
            for (int k = 0; k < i; k++)
            {
                sum -= a[(i * size) + k] * b[k];
            }

            b[i] = sum / a[(i * size) + i];
        }

        for (int i = size - 1; i >= 0; i--)
        {
            double sum = b[i];
            for (int k = i + 1; k < size; k++)
            {
                sum -= a[(k * size) + i] * b[k];
            }

            b[i] = sum / a[(i * size) + i];
        }
    }

    private void CheckLength(ReadOnlySpan<double> positions, int expected)
    {
        if (positions.Length != expected)
        {
            throw new ArgumentException($"The chain has {expected} joints ({string.Join(", ", JointNames)}), got {positions.Length} positions.", nameof(positions));
        }
    }
}
