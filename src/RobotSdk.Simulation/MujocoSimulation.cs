using RobotSdk.Geometry;

namespace RobotSdk.Simulation;

/// <summary>
/// The changing state of one MuJoCo world (<c>mjData</c>): time, joint positions and velocities,
/// actuator controls, contacts. Step it, read it, command it.
/// </summary>
/// <remarks>
/// Not thread-safe: one thread steps and reads a simulation at a time (rendering counts as
/// reading). No method on the step/get/set paths allocates; bulk copies use caller spans. Joint
/// values are in radians (hinge) or metres (slide); controls are in the actuator's unit (for a
/// position actuator: the goal, in its joint's unit). Indexes are MuJoCo's ids, from
/// <see cref="MujocoModel"/>'s lists or name lookups.
/// </remarks>
public sealed unsafe class MujocoSimulation : IDisposable
{
    private readonly SafeMujocoModelHandle model;

    /// <summary>Makes fresh data for <paramref name="model"/>: its default pose, zero velocity, time 0.</summary>
    /// <exception cref="SimulationException">MuJoCo could not allocate the data.</exception>
    public MujocoSimulation(MujocoModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
        this.model = model.Handle;
        nint data = NativeMethods.MakeData(this.model);
        if (data == 0)
        {
            string reason = MujocoStatus.LastError();
            throw new SimulationException($"MuJoCo could not make data for the model from {model.Source}: {reason}", reason, model.Source);
        }

        Handle = new SafeMujocoDataHandle(data, this.model);
        try
        {
            Forward();
        }
        catch
        {
            Handle.Dispose();
            throw;
        }
    }

    /// <summary>The model this simulation runs.</summary>
    public MujocoModel Model { get; }

    /// <summary>Simulated time in seconds since creation or the last <see cref="Reset"/>.</summary>
    public double TimeSeconds => NativeMethods.Time(Handle);

    /// <summary>How many contacts the last step found.</summary>
    public int ContactCount => NativeMethods.ContactCount(Handle);

    internal SafeMujocoDataHandle Handle { get; }

    /// <summary>Advances the world by <paramref name="count"/> timesteps (<see cref="MujocoModel.TimestepSeconds"/> each).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    /// <exception cref="SimulationException">MuJoCo raised a fatal error (for example its stack ran out); the state is then undefined until <see cref="Reset"/>.</exception>
    public void Step(int count = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        MujocoStatus.ThrowIfFailed(NativeMethods.Step(model, Handle, count), "mj_step");
    }

    /// <summary>Recomputes everything derived from positions and velocities (poses, contacts) without advancing time; call after setting positions.</summary>
    /// <exception cref="SimulationException">MuJoCo raised a fatal error.</exception>
    public void Forward() => MujocoStatus.ThrowIfFailed(NativeMethods.Forward(model, Handle), "mj_forward");

    /// <summary>Returns to the model's default state (time 0, default pose, zero velocity and controls).</summary>
    public void Reset()
    {
        NativeMethods.ResetData(model, Handle);
        Forward();
    }

    /// <summary>The position of a hinge (radians) or slide (metres) joint.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a joint index.</exception>
    /// <exception cref="ArgumentException">The joint is a ball or free joint (use <see cref="CopyPositionsTo"/>).</exception>
    public double GetJointPosition(int jointIndex) => NativeMethods.Position(model, Handle, ScalarJoint(jointIndex).PositionAddress);

    /// <summary>The position of the named hinge (radians) or slide (metres) joint.</summary>
    /// <exception cref="ArgumentException">No such joint, or it is a ball or free joint.</exception>
    public double GetJointPosition(string jointName) => GetJointPosition(Model.GetJointIndex(jointName));

    /// <summary>Sets a hinge or slide joint's position; call <see cref="Forward"/> before reading poses.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a joint index.</exception>
    /// <exception cref="ArgumentException">The joint is a ball or free joint.</exception>
    public void SetJointPosition(int jointIndex, double value) =>
        MujocoStatus.ThrowIfFailed(NativeMethods.SetPosition(model, Handle, ScalarJoint(jointIndex).PositionAddress, value), "setting qpos");

    /// <summary>Sets the named hinge or slide joint's position.</summary>
    /// <exception cref="ArgumentException">No such joint, or it is a ball or free joint.</exception>
    public void SetJointPosition(string jointName, double value) => SetJointPosition(Model.GetJointIndex(jointName), value);

    /// <summary>The velocity of a hinge (rad/s) or slide (m/s) joint.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a joint index.</exception>
    /// <exception cref="ArgumentException">The joint is a ball or free joint.</exception>
    public double GetJointVelocity(int jointIndex) => NativeMethods.Velocity(model, Handle, ScalarJoint(jointIndex).VelocityAddress);

    /// <summary>The velocity of the named hinge or slide joint.</summary>
    /// <exception cref="ArgumentException">No such joint, or it is a ball or free joint.</exception>
    public double GetJointVelocity(string jointName) => GetJointVelocity(Model.GetJointIndex(jointName));

    /// <summary>Sets a hinge or slide joint's velocity.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a joint index.</exception>
    /// <exception cref="ArgumentException">The joint is a ball or free joint.</exception>
    public void SetJointVelocity(int jointIndex, double value) =>
        MujocoStatus.ThrowIfFailed(NativeMethods.SetVelocity(model, Handle, ScalarJoint(jointIndex).VelocityAddress, value), "setting qvel");

    /// <summary>Sets the named hinge or slide joint's velocity.</summary>
    /// <exception cref="ArgumentException">No such joint, or it is a ball or free joint.</exception>
    public void SetJointVelocity(string jointName, double value) => SetJointVelocity(Model.GetJointIndex(jointName), value);

    /// <summary>Copies all position coordinates (qpos, <see cref="MujocoModel.PositionCount"/> values).</summary>
    /// <exception cref="ArgumentException">The span's length is not <see cref="MujocoModel.PositionCount"/>.</exception>
    public void CopyPositionsTo(Span<double> destination)
    {
        RequireLength(destination.Length, Model.PositionCount, nameof(destination));
        fixed (double* pointer = destination)
        {
            MujocoStatus.ThrowIfFailed(NativeMethods.GetPositions(model, Handle, pointer, destination.Length), "copying qpos");
        }
    }

    /// <summary>Sets all position coordinates (qpos); call <see cref="Forward"/> before reading poses.</summary>
    /// <exception cref="ArgumentException">The span's length is not <see cref="MujocoModel.PositionCount"/>.</exception>
    public void SetPositions(ReadOnlySpan<double> source)
    {
        RequireLength(source.Length, Model.PositionCount, nameof(source));
        fixed (double* pointer = source)
        {
            MujocoStatus.ThrowIfFailed(NativeMethods.SetPositions(model, Handle, pointer, source.Length), "setting qpos");
        }
    }

    /// <summary>Copies all velocities (qvel, <see cref="MujocoModel.VelocityCount"/> values).</summary>
    /// <exception cref="ArgumentException">The span's length is not <see cref="MujocoModel.VelocityCount"/>.</exception>
    public void CopyVelocitiesTo(Span<double> destination)
    {
        RequireLength(destination.Length, Model.VelocityCount, nameof(destination));
        fixed (double* pointer = destination)
        {
            MujocoStatus.ThrowIfFailed(NativeMethods.GetVelocities(model, Handle, pointer, destination.Length), "copying qvel");
        }
    }

    /// <summary>Sets all velocities (qvel).</summary>
    /// <exception cref="ArgumentException">The span's length is not <see cref="MujocoModel.VelocityCount"/>.</exception>
    public void SetVelocities(ReadOnlySpan<double> source)
    {
        RequireLength(source.Length, Model.VelocityCount, nameof(source));
        fixed (double* pointer = source)
        {
            MujocoStatus.ThrowIfFailed(NativeMethods.SetVelocities(model, Handle, pointer, source.Length), "setting qvel");
        }
    }

    /// <summary>An actuator's current control (what was last set; MuJoCo clamps limited controls when it steps).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not an actuator index.</exception>
    public double GetControl(int actuatorIndex) => NativeMethods.Control(model, Handle, CheckActuator(actuatorIndex));

    /// <summary>The named actuator's current control.</summary>
    /// <exception cref="ArgumentException">No such actuator.</exception>
    public double GetControl(string actuatorName) => GetControl(Model.GetActuatorIndex(actuatorName));

    /// <summary>Sets an actuator's control, applied from the next step (a position actuator's goal).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not an actuator index.</exception>
    public void SetControl(int actuatorIndex, double value) =>
        MujocoStatus.ThrowIfFailed(NativeMethods.SetControl(model, Handle, CheckActuator(actuatorIndex), value), "setting ctrl");

    /// <summary>Sets the named actuator's control.</summary>
    /// <exception cref="ArgumentException">No such actuator.</exception>
    public void SetControl(string actuatorName, double value) => SetControl(Model.GetActuatorIndex(actuatorName), value);

    /// <summary>Copies all controls (ctrl, one per actuator).</summary>
    /// <exception cref="ArgumentException">The span's length is not the actuator count.</exception>
    public void CopyControlsTo(Span<double> destination)
    {
        RequireLength(destination.Length, Model.Actuators.Count, nameof(destination));
        fixed (double* pointer = destination)
        {
            MujocoStatus.ThrowIfFailed(NativeMethods.GetControls(model, Handle, pointer, destination.Length), "copying ctrl");
        }
    }

    /// <summary>Sets all controls (ctrl, one per actuator).</summary>
    /// <exception cref="ArgumentException">The span's length is not the actuator count.</exception>
    public void SetControls(ReadOnlySpan<double> source)
    {
        RequireLength(source.Length, Model.Actuators.Count, nameof(source));
        fixed (double* pointer = source)
        {
            MujocoStatus.ThrowIfFailed(NativeMethods.SetControls(model, Handle, pointer, source.Length), "setting ctrl");
        }
    }

    /// <summary>One of the <see cref="ContactCount"/> contacts of the last step.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not below <see cref="ContactCount"/>.</exception>
    public MujocoContact GetContact(int index)
    {
        int count = ContactCount;
        if (index < 0 || index >= count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"There are {count} contacts.");
        }

        int geom1, geom2;
        double distance;
        double* position = stackalloc double[3];
        MujocoStatus.ThrowIfFailed(NativeMethods.Contact(Handle, index, &geom1, &geom2, position, &distance), "reading a contact");
        return new MujocoContact(geom1, geom2, Model.GetGeomBody(geom1), Model.GetGeomBody(geom2), new Vector3D(position[0], position[1], position[2]), distance);
    }

    /// <summary>A body's pose in the world (its frame's origin and orientation) as of the last step or <see cref="Forward"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a body index.</exception>
    public Pose GetBodyPose(int bodyIndex)
    {
        CheckIndex(bodyIndex, Model.BodyNames.Count, nameof(bodyIndex));
        double* pose = stackalloc double[7];
        MujocoStatus.ThrowIfFailed(NativeMethods.BodyPose(model, Handle, bodyIndex, pose, pose + 3), "reading a body pose");
        return ToPose(pose);
    }

    /// <summary>The named body's pose in the world.</summary>
    /// <exception cref="ArgumentException">No such body.</exception>
    public Pose GetBodyPose(string bodyName) => GetBodyPose(Model.GetBodyIndex(bodyName));

    /// <summary>A site's pose in the world (its frame's origin and orientation) as of the last step or <see cref="Forward"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a site index.</exception>
    public Pose GetSitePose(int siteIndex)
    {
        CheckIndex(siteIndex, Model.SiteNames.Count, nameof(siteIndex));
        double* pose = stackalloc double[7];
        MujocoStatus.ThrowIfFailed(NativeMethods.SitePose(model, Handle, siteIndex, pose, pose + 3), "reading a site pose");
        return ToPose(pose);
    }

    /// <summary>The named site's pose in the world.</summary>
    /// <exception cref="ArgumentException">No such site.</exception>
    public Pose GetSitePose(string siteName) => GetSitePose(Model.GetSiteIndex(siteName));

    /// <summary>A model camera's pose in the world. The camera looks along its -z axis with +y up (OpenGL's convention).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a camera index.</exception>
    public Pose GetCameraPose(int cameraIndex)
    {
        CheckIndex(cameraIndex, Model.CameraNames.Count, nameof(cameraIndex));
        double* pose = stackalloc double[7];
        MujocoStatus.ThrowIfFailed(NativeMethods.CameraPose(model, Handle, cameraIndex, pose, pose + 3), "reading a camera pose");
        return ToPose(pose);
    }

    /// <summary>The named camera's pose in the world.</summary>
    /// <exception cref="ArgumentException">No such camera.</exception>
    public Pose GetCameraPose(string cameraName) => GetCameraPose(Model.GetCameraIndex(cameraName));

    /// <summary>Frees the native data (the model stays alive while others use it).</summary>
    public void Dispose() => Handle.Dispose();

    private static Pose ToPose(double* pose) =>
        new(new Vector3D(pose[0], pose[1], pose[2]), new Rotation(pose[3], pose[4], pose[5], pose[6]));

    private static void CheckIndex(int index, int count, string parameterName)
    {
        if ((uint)index >= (uint)count)
        {
            throw new ArgumentOutOfRangeException(parameterName, index, $"Must be in 0..{count - 1}.");
        }
    }

    private static void RequireLength(int length, int expected, string parameterName)
    {
        if (length != expected)
        {
            throw new ArgumentException($"The span has {length} values; the model has {expected}.", parameterName);
        }
    }

    private MujocoJoint ScalarJoint(int jointIndex)
    {
        CheckIndex(jointIndex, Model.Joints.Count, nameof(jointIndex));
        MujocoJoint joint = Model.Joints[jointIndex];
        if (!joint.IsScalar)
        {
            throw new ArgumentException($"Joint {jointIndex} ('{joint.Name}') is a {joint.Type} joint with several coordinates; use CopyPositionsTo/CopyVelocitiesTo from its addresses.", nameof(jointIndex));
        }

        return joint;
    }

    private int CheckActuator(int actuatorIndex)
    {
        CheckIndex(actuatorIndex, Model.Actuators.Count, nameof(actuatorIndex));
        return actuatorIndex;
    }
}
