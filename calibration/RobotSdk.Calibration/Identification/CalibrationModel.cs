using RobotSdk.Calibration.Fiducials;
using RobotSdk.Geometry;

namespace RobotSdk.Calibration.Identification;

/// <summary>
/// The reprojection model shared by kinematic identification and hand-eye refinement: tag
/// corners seen by a camera, through a parameterised serial chain (or given tool poses).
/// Residuals are predicted minus observed pixels, two per corner, four corners per pose.
/// </summary>
/// <remarks>
/// Parameters (all of them; a subset is free): one zero offset per joint, one length error per
/// link with a nonzero nominal translation (joint origins, then the tool), the camera pose and
/// the tag pose. Poses are local: pose = reference * exp(rotation vector, translation), re-centred
/// on every accepted step, so no Euler singularity is ever met. A fixed camera's pose is in the
/// chain's world frame and the tag's in the tool frame; a wrist camera's pose is in the tool frame
/// and the tag's in the world frame. Tag corners are <see cref="AprilTagGeometry.Corners"/>, in the
/// detector's order, so <see cref="AprilTagDetection.Corners"/> are observations as they come. The
/// Jacobian is analytic (one forward kinematics per pose, and <see cref="CameraModel"/>'s projection
/// derivative); a central-difference one is kept to test it against.
/// With a tag-mount prior (<see cref="SetTagMountPrior"/>), six rows follow the pixel rows: the tag's
/// pose in the last joint's frame against the prior, rotation vector then position, each scaled by
/// pixel noise / prior sigma so that the least-squares cost is the negative log posterior times the
/// pixel variance. Only the pixel rows take the robust loss (<see cref="RobustResidualCount"/>).
/// </remarks>
internal sealed class CalibrationModel : ILeastSquaresProblem
{
    private const int CornerResiduals = 2 * AprilTagGeometry.CornerCount;

    /// <summary>Rows of the tag-mount prior: rotation vector, then position.</summary>
    private const int PriorResiduals = 6;

    private readonly int _jointCount;
    private readonly RigidMotion _base;
    private readonly RigidMotion[] _linkRotations;
    private readonly Vector3D[] _linkTranslations;
    private readonly Vector3D[] _linkDirections;
    private readonly Vector3D[] _axes;
    private readonly bool[] _prismatic;
    private readonly int[] _lengthParameterOfLink;
    private readonly RigidMotion[]? _givenTools;
    private readonly double[] _positions;
    private readonly PixelPoint[] _corners;
    private readonly Vector3D[] _tagCorners;
    private readonly CameraModel _lens;
    private readonly CameraMount _mount;
    private readonly int _cameraStart;
    private readonly int _tagStart;
    private readonly double[] _values;
    private readonly double[] _scratchValues;
    private readonly RigidMotion[] _tools;
    private readonly double[] _plus;
    private readonly double[] _minus;
    private readonly Vector3D[] _worldAxes;
    private readonly Vector3D[] _worldOrigins;
    private readonly Vector3D[] _worldLinkDirections;
    private int[] _free;
    private RigidMotion _camera;
    private RigidMotion _tag;
    private RigidMotion _priorInverse;
    private double _priorRotationWeight;
    private double _priorPositionWeight;

    /// <summary>A model through <paramref name="chain"/>; positions are row-major, one row of chain-order joints per pose.</summary>
    public CalibrationModel(KinematicChainDescription chain, double[] positions, PixelPoint[] corners, CameraModel camera, double tagSizeMeters, CameraMount mount)
        : this(chain.Joints.Count, positions, null, corners, camera, tagSizeMeters, mount)
    {
        _base = RigidMotion.FromPose(chain.Base);
        var parameters = new List<KinematicParameter>();
        for (int j = 0; j < _jointCount; j++)
        {
            KinematicJoint joint = chain.Joints[j];
            parameters.Add(new KinematicParameter($"{joint.JointName} zero offset", KinematicParameterKind.JointOffset, j));
            _axes[j] = joint.Axis.Normalized();
            _prismatic[j] = joint.Kind == JointKind.Prismatic;
        }

        for (int link = 0; link <= _jointCount; link++)
        {
            Pose origin = link < _jointCount ? chain.Joints[link].Origin : chain.Tool;
            _linkRotations[link] = RigidMotion.FromPose(origin with { Position = Vector3D.Zero });
            _linkTranslations[link] = origin.Position;
            double length = origin.Position.Length;
            _lengthParameterOfLink[link] = -1;
            if (length > 1e-6)
            {
                _linkDirections[link] = (1 / length) * origin.Position;
                _lengthParameterOfLink[link] = parameters.Count;
                string name = link < _jointCount ? $"{chain.Joints[link].JointName} link length" : "tool link length";
                parameters.Add(new KinematicParameter(name, KinematicParameterKind.LinkLength, link));
            }
        }

        _cameraStart = parameters.Count;
        _tagStart = _cameraStart + 6;
        Parameters = [.. parameters, .. PoseParameters()];
        _values = new double[Parameters.Count];
        _scratchValues = new double[Parameters.Count];
        _free = Enumerable.Range(0, Parameters.Count).ToArray();
    }

    /// <summary>A hand-eye model over given tool poses (world to tool): only the camera and tag poses are parameters.</summary>
    public CalibrationModel(RigidMotion[] toolPoses, PixelPoint[] corners, CameraModel camera, double tagSizeMeters, CameraMount mount)
        : this(0, [], toolPoses, corners, camera, tagSizeMeters, mount)
    {
        _base = RigidMotion.Identity;
        _cameraStart = 0;
        _tagStart = 6;
        Parameters = [.. PoseParameters()];
        _values = new double[12];
        _scratchValues = new double[12];
        _free = Enumerable.Range(0, 12).ToArray();
    }

    private CalibrationModel(int jointCount, double[] positions, RigidMotion[]? givenTools, PixelPoint[] corners, CameraModel camera, double tagSizeMeters, CameraMount mount)
    {
        _jointCount = jointCount;
        _linkRotations = new RigidMotion[jointCount + 1];
        _linkTranslations = new Vector3D[jointCount + 1];
        _linkDirections = new Vector3D[jointCount + 1];
        _lengthParameterOfLink = new int[jointCount + 1];
        _axes = new Vector3D[jointCount];
        _prismatic = new bool[jointCount];
        _worldAxes = new Vector3D[jointCount];
        _worldOrigins = new Vector3D[jointCount];
        _worldLinkDirections = new Vector3D[jointCount + 1];
        _positions = positions;
        _givenTools = givenTools;
        _corners = corners;
        PoseCount = corners.Length / AprilTagGeometry.CornerCount;
        _tagCorners = AprilTagGeometry.Corners(tagSizeMeters);
        _lens = camera;
        _mount = mount;
        _tools = new RigidMotion[PoseCount];
        _plus = new double[(PoseCount * CornerResiduals) + PriorResiduals];
        _minus = new double[(PoseCount * CornerResiduals) + PriorResiduals];
        _camera = RigidMotion.Identity;
        _tag = RigidMotion.Identity;
        Parameters = [];
        _values = [];
        _scratchValues = [];
        _free = [];
    }

    /// <summary>Every parameter of the model, free or fixed.</summary>
    public IReadOnlyList<KinematicParameter> Parameters { get; }

    public int PoseCount { get; }

    public int JointCount => _jointCount;

    /// <summary>Indices (into <see cref="Parameters"/>) of the free parameters, in the order of the parameter vector.</summary>
    public IReadOnlyList<int> Free => _free;

    public int ParameterCount => _free.Length;

    public int ResidualCount => PixelResidualCount + (PriorRowsActive ? PriorResiduals : 0);

    /// <summary>The pixel rows, which come first: two per corner, four corners per pose.</summary>
    public int PixelResidualCount => PoseCount * CornerResiduals;

    public int RobustResidualCount => PixelResidualCount;

    /// <summary>Whether a tag-mount prior was set.</summary>
    public bool HasTagMountPrior { get; private set; }

    /// <summary>Whether the prior's rows are part of the residuals (set, and not switched off to see what the camera alone determines).</summary>
    public bool PriorRowsActive => HasTagMountPrior && !PriorRowsSuspended;

    /// <summary>Leaves the prior's rows out while true.</summary>
    public bool PriorRowsSuspended { get; set; }

    /// <summary>The pixel standard deviation the prior's rows are scaled by.</summary>
    public double PriorPixelNoise { get; private set; }

    public int GroupSize => 2;

    public RigidMotion Camera => _camera * PoseIncrement(_values, _cameraStart);

    public RigidMotion Tag => _tag * PoseIncrement(_values, _tagStart);

    /// <summary>Current value of every parameter (pose entries are increments on the references).</summary>
    public ReadOnlySpan<double> Values => _values;

    public void SetFree(IEnumerable<int> free) => _free = [.. free];

    /// <summary>
    /// Adds the tag-mount prior's rows: the tag in the last joint's frame (tool link times tag pose)
    /// against <paramref name="tagInLastJoint"/>, scaled by <paramref name="pixelNoise"/> over each sigma.
    /// </summary>
    public void SetTagMountPrior(RigidMotion tagInLastJoint, double positionSigmaMeters, double rotationSigmaRadians, double pixelNoise)
    {
        if (_givenTools is not null || _mount != CameraMount.Fixed)
        {
            throw new InvalidOperationException("A tag-mount prior needs a chain and a fixed camera (the tag on the gripper).");
        }

        _priorInverse = tagInLastJoint.Inverse();
        HasTagMountPrior = true;
        PriorPixelNoise = pixelNoise;
        _priorRotationWeight = pixelNoise / rotationSigmaRadians;
        _priorPositionWeight = pixelNoise / positionSigmaMeters;
    }

    /// <summary>The tag's pose in the last joint's frame under the current parameters (tool link times tag pose).</summary>
    public RigidMotion TagInLastJoint => ToolLink(_values) * Tag;

    public void SetPoses(RigidMotion camera, RigidMotion tag)
    {
        _camera = camera;
        _tag = tag;
        Array.Clear(_values, _cameraStart, 12);
    }

    public double LinkLengthError(int link) => _lengthParameterOfLink[link] < 0 ? 0 : _values[_lengthParameterOfLink[link]];

    /// <summary>Index in <see cref="Parameters"/> of link <paramref name="link"/>'s length, or -1 when it has none.</summary>
    public int LengthParameterOfLink(int link) => _lengthParameterOfLink[link];

    public int CameraStart => _cameraStart;

    public int TagStart => _tagStart;

    /// <summary>World-to-tool transform of pose <paramref name="pose"/> under the current parameters.</summary>
    public RigidMotion Tool(int pose) => ToolOf(_values, pose);

    public void GetParameters(Span<double> parameters)
    {
        for (int i = 0; i < _free.Length; i++)
        {
            parameters[i] = _values[_free[i]];
        }
    }

    public void Commit(ReadOnlySpan<double> parameters)
    {
        Scatter(parameters, _values);
        _camera *= PoseIncrement(_values, _cameraStart);
        _tag *= PoseIncrement(_values, _tagStart);
        Array.Clear(_values, _cameraStart, 12);
    }

    public void Residuals(ReadOnlySpan<double> parameters, Span<double> residuals)
    {
        Scatter(parameters, _scratchValues);
        for (int pose = 0; pose < PoseCount; pose++)
        {
            _tools[pose] = ToolOf(_scratchValues, pose);
        }

        Evaluate(_scratchValues, residuals);
        if (PriorRowsActive)
        {
            PriorRows(_scratchValues, residuals.Slice(PixelResidualCount, PriorResiduals));
        }
    }

    /// <summary>
    /// Analytic Jacobian: one forward kinematics per pose. Each parameter moves a corner's 3-D point
    /// (a joint rotates it about the joint's world axis, a link length shifts it along the link, pose
    /// increments move it or the camera); the projection's 2 x 3 derivative maps that to pixels.
    /// Pose increments are differentiated at zero, where <see cref="Commit"/> leaves them.
    /// </summary>
    public void Jacobian(ReadOnlySpan<double> parameters, Span<double> jacobian)
    {
        int p = _free.Length;
        Scatter(parameters, _scratchValues);
        RigidMotion camera = _camera * PoseIncrement(_scratchValues, _cameraStart);
        RigidMotion tag = _tag * PoseIncrement(_scratchValues, _tagStart);
        Span<double> projectionDerivative = stackalloc double[6];
        for (int pose = 0; pose < PoseCount; pose++)
        {
            RigidMotion tool = ToolAndAxes(_scratchValues, pose);

            // Fixed camera: corners move with the tool. Wrist camera: the camera moves with the tool, so a
            // chain perturbation moves the (world-fixed) corners the opposite way in the camera frame.
            RigidMotion worldToCamera = _mount == CameraMount.Fixed ? camera.Inverse() : (tool * camera).Inverse();
            RigidMotion tagToWorld = _mount == CameraMount.Fixed ? tool * tag : tag;
            double chainSign = _mount == CameraMount.Fixed ? 1 : -1;
            for (int k = 0; k < AprilTagGeometry.CornerCount; k++)
            {
                Vector3D world = tagToWorld.Apply(_tagCorners[k]);
                Vector3D point = worldToCamera.Apply(world);
                int row = (pose * CornerResiduals) + (2 * k);
                Span<double> rowX = jacobian.Slice(row * p, p);
                Span<double> rowY = jacobian.Slice((row + 1) * p, p);
                if (!_lens.TryProject(point, out _, projectionDerivative))
                {
                    rowX.Clear();
                    rowY.Clear();
                    continue;
                }

                for (int column = 0; column < p; column++)
                {
                    int parameter = _free[column];
                    Vector3D moved;
                    if (parameter < _jointCount)
                    {
                        Vector3D worldMotion = _prismatic[parameter] ? _worldAxes[parameter] : Vector3D.Cross(_worldAxes[parameter], world - _worldOrigins[parameter]);
                        moved = chainSign * worldToCamera.RotateVector(worldMotion);
                    }
                    else if (parameter < _cameraStart)
                    {
                        moved = chainSign * worldToCamera.RotateVector(_worldLinkDirections[LinkOfLengthParameter(parameter)]);
                    }
                    else if (parameter < _tagStart)
                    {
                        int component = parameter - _cameraStart;
                        moved = component < 3 ? Vector3D.Cross(point, Unit(component)) : -1 * Unit(component - 3);
                    }
                    else
                    {
                        int component = parameter - _tagStart;
                        Vector3D local = component < 3 ? Vector3D.Cross(Unit(component), _tagCorners[k]) : Unit(component - 3);
                        moved = worldToCamera.RotateVector(tagToWorld.RotateVector(local));
                    }

                    rowX[column] = (projectionDerivative[0] * moved.X) + (projectionDerivative[1] * moved.Y) + (projectionDerivative[2] * moved.Z);
                    rowY[column] = (projectionDerivative[3] * moved.X) + (projectionDerivative[4] * moved.Y) + (projectionDerivative[5] * moved.Z);
                }
            }
        }

        if (PriorRowsActive)
        {
            PriorJacobian(jacobian.Slice(PixelResidualCount * p, PriorResiduals * p));
        }
    }

    /// <summary>The Jacobian by central differences: slow, kept as the reference the analytic one is tested against.</summary>
    public void NumericJacobian(ReadOnlySpan<double> parameters, Span<double> jacobian)
    {
        int p = _free.Length;
        Scatter(parameters, _scratchValues);
        for (int pose = 0; pose < PoseCount; pose++)
        {
            _tools[pose] = ToolOf(_scratchValues, pose);
        }

        for (int column = 0; column < p; column++)
        {
            int parameter = _free[column];
            double saved = _scratchValues[parameter];
            const double h = 1e-6; // radians or metres: well above rounding, well below curvature
            bool kinematic = parameter < _cameraStart;
            _scratchValues[parameter] = saved + h;
            EvaluateColumn(kinematic, _plus);
            _scratchValues[parameter] = saved - h;
            EvaluateColumn(kinematic, _minus);
            _scratchValues[parameter] = saved;
            double scale = 1 / (2 * h);
            for (int row = 0; row < ResidualCount; row++)
            {
                jacobian[(row * p) + column] = (_plus[row] - _minus[row]) * scale;
            }
        }
    }

    /// <summary>Predicted pixels of pose <paramref name="pose"/>'s corners under the current parameters; false when one is behind the camera.</summary>
    public bool Predict(int pose, Span<PixelPoint> pixels)
    {
        RigidMotion cameraToTag = CameraToTag(ToolOf(_values, pose), _camera * PoseIncrement(_values, _cameraStart), _tag * PoseIncrement(_values, _tagStart));
        bool visible = true;
        for (int k = 0; k < AprilTagGeometry.CornerCount; k++)
        {
            visible &= _lens.TryProject(cameraToTag.Apply(_tagCorners[k]), out pixels[k]);
        }

        return visible;
    }

    private static IEnumerable<KinematicParameter> PoseParameters()
    {
        string[] components = ["rx", "ry", "rz", "x", "y", "z"];
        for (int i = 0; i < 6; i++)
        {
            yield return new KinematicParameter($"camera pose {components[i]}", KinematicParameterKind.CameraPose, i);
        }

        for (int i = 0; i < 6; i++)
        {
            yield return new KinematicParameter($"tag pose {components[i]}", KinematicParameterKind.TagPose, i);
        }
    }

    private static RigidMotion PoseIncrement(ReadOnlySpan<double> values, int start) =>
        RigidMotion.Exp(values[start], values[start + 1], values[start + 2], values[start + 3], values[start + 4], values[start + 5]);

    private void Scatter(ReadOnlySpan<double> parameters, double[] values)
    {
        _values.CopyTo(values, 0);
        for (int i = 0; i < _free.Length; i++)
        {
            values[_free[i]] = parameters[i];
        }
    }

    private void EvaluateColumn(bool kinematic, double[] residuals)
    {
        if (PriorRowsActive)
        {
            PriorRows(_scratchValues, residuals.AsSpan(PixelResidualCount, PriorResiduals));
        }

        if (!kinematic)
        {
            Evaluate(_scratchValues, residuals);
            return;
        }

        RigidMotion camera = _camera * PoseIncrement(_scratchValues, _cameraStart);
        RigidMotion tag = _tag * PoseIncrement(_scratchValues, _tagStart);
        for (int pose = 0; pose < PoseCount; pose++)
        {
            EvaluatePose(pose, ToolOf(_scratchValues, pose), camera, tag, residuals);
        }
    }

    private void Evaluate(double[] values, Span<double> residuals)
    {
        RigidMotion camera = _camera * PoseIncrement(values, _cameraStart);
        RigidMotion tag = _tag * PoseIncrement(values, _tagStart);
        for (int pose = 0; pose < PoseCount; pose++)
        {
            EvaluatePose(pose, _tools[pose], camera, tag, residuals);
        }
    }

    private void EvaluatePose(int pose, RigidMotion tool, RigidMotion camera, RigidMotion tag, Span<double> residuals)
    {
        RigidMotion cameraToTag = CameraToTag(tool, camera, tag);
        int row = pose * CornerResiduals;
        for (int k = 0; k < AprilTagGeometry.CornerCount; k++)
        {
            PixelPoint observed = _corners[(pose * AprilTagGeometry.CornerCount) + k];
            if (_lens.TryProject(cameraToTag.Apply(_tagCorners[k]), out PixelPoint predicted))
            {
                residuals[row + (2 * k)] = predicted.X - observed.X;
                residuals[row + (2 * k) + 1] = predicted.Y - observed.Y;
            }
            else
            {
                // Behind the camera: a large, smooth-enough penalty keeps the solver away.
                residuals[row + (2 * k)] = 1e4;
                residuals[row + (2 * k) + 1] = 1e4;
            }
        }
    }

    /// <summary>The prior's rows at <paramref name="values"/>: the rotation vector and the position of (prior inverse * tag in the last joint's frame), weighted.</summary>
    private void PriorRows(double[] values, Span<double> rows)
    {
        RigidMotion error = _priorInverse * ToolLink(values) * _tag * PoseIncrement(values, _tagStart);
        Vector3D rotation = error.LogRotation();
        rows[0] = _priorRotationWeight * rotation.X;
        rows[1] = _priorRotationWeight * rotation.Y;
        rows[2] = _priorRotationWeight * rotation.Z;
        rows[3] = _priorPositionWeight * error.X;
        rows[4] = _priorPositionWeight * error.Y;
        rows[5] = _priorPositionWeight * error.Z;
    }

    /// <summary>
    /// The prior rows' Jacobian by central differences (six rows; only the tag pose and the tool link
    /// length move them), at the point <see cref="Jacobian"/> left in the scratch values.
    /// </summary>
    private void PriorJacobian(Span<double> rows)
    {
        int p = _free.Length;
        rows.Clear();
        Span<double> plus = stackalloc double[PriorResiduals];
        Span<double> minus = stackalloc double[PriorResiduals];
        for (int column = 0; column < p; column++)
        {
            int parameter = _free[column];
            if (parameter < _tagStart && parameter != _lengthParameterOfLink[_jointCount])
            {
                continue;
            }

            double saved = _scratchValues[parameter];
            const double h = 1e-6; // radians or metres, as in NumericJacobian
            _scratchValues[parameter] = saved + h;
            PriorRows(_scratchValues, plus);
            _scratchValues[parameter] = saved - h;
            PriorRows(_scratchValues, minus);
            _scratchValues[parameter] = saved;
            for (int row = 0; row < PriorResiduals; row++)
            {
                rows[(row * p) + column] = (plus[row] - minus[row]) / (2 * h);
            }
        }
    }

    /// <summary>The last joint's frame to the tool frame, with the tool link length at <paramref name="values"/>.</summary>
    private RigidMotion ToolLink(double[] values)
    {
        int lengthParameter = _lengthParameterOfLink[_jointCount];
        Vector3D translation = lengthParameter < 0 ? _linkTranslations[_jointCount] : _linkTranslations[_jointCount] + (values[lengthParameter] * _linkDirections[_jointCount]);
        return _linkRotations[_jointCount].WithTranslation(translation.X, translation.Y, translation.Z);
    }

    private RigidMotion CameraToTag(RigidMotion tool, RigidMotion camera, RigidMotion tag) => _mount == CameraMount.Fixed
        ? camera.Inverse() * tool * tag
        : (tool * camera).Inverse() * tag;

    private static Vector3D Unit(int axis) => axis switch
    {
        0 => new Vector3D(1, 0, 0),
        1 => new Vector3D(0, 1, 0),
        _ => new Vector3D(0, 0, 1),
    };

    private int LinkOfLengthParameter(int parameter) => Parameters[parameter].Index;

    /// <summary>Forward kinematics that also records each joint's world axis and origin and each link's world direction.</summary>
    private RigidMotion ToolAndAxes(double[] values, int pose) => Forward(values, pose, recordAxes: true);

    private RigidMotion ToolOf(double[] values, int pose) => Forward(values, pose, recordAxes: false);

    private RigidMotion Forward(double[] values, int pose, bool recordAxes)
    {
        if (_givenTools is not null)
        {
            return _givenTools[pose];
        }

        RigidMotion frame = _base;
        int row = pose * _jointCount;
        for (int j = 0; j <= _jointCount; j++)
        {
            int lengthParameter = _lengthParameterOfLink[j];
            if (recordAxes)
            {
                _worldLinkDirections[j] = frame.RotateVector(_linkDirections[j]);
            }

            Vector3D translation = lengthParameter < 0 ? _linkTranslations[j] : _linkTranslations[j] + (values[lengthParameter] * _linkDirections[j]);
            frame *= _linkRotations[j].WithTranslation(translation.X, translation.Y, translation.Z);
            if (j == _jointCount)
            {
                break;
            }

            if (recordAxes)
            {
                _worldAxes[j] = frame.RotateVector(_axes[j]);
                _worldOrigins[j] = frame.Translation;
            }

            double position = _positions[row + j] + values[j];
            frame *= _prismatic[j] ? RigidMotion.Translate(position * _axes[j]) : RigidMotion.Rotate(_axes[j], position);
        }

        return frame;
    }
}
