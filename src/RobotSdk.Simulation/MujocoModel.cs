using System.Collections.ObjectModel;
using System.Runtime.InteropServices;

namespace RobotSdk.Simulation;

/// <summary>
/// A compiled MuJoCo model (<c>mjModel</c>), loaded from MJCF. It describes the world; the state
/// that changes as it runs lives in <see cref="MujocoSimulation"/>s made from it.
/// </summary>
/// <remarks>
/// Names of joints, actuators, bodies, geoms and cameras are read once at load, so lookups by name
/// allocate nothing. Several simulations may share one model; disposing the model while they
/// live is safe (each keeps the native model alive until it is disposed itself).
/// </remarks>
public sealed unsafe class MujocoModel : IDisposable
{
    private const int ErrorBufferSize = 1024;
    private const string XmlTextSource = "XML text";

    /// <summary>The virtual file name MJCF text is loaded under (relative references resolve against the current directory).</summary>
    private const string XmlTextFileName = "robotsdk_model.xml";

    private readonly Dictionary<string, int> jointIndexes;
    private readonly Dictionary<string, int> actuatorIndexes;
    private readonly Dictionary<string, int> bodyIndexes;
    private readonly Dictionary<string, int> geomIndexes;
    private readonly Dictionary<string, int> cameraIndexes;
    private readonly Dictionary<string, int> siteIndexes;
    private readonly int[] geomBodies;

    private MujocoModel(SafeMujocoModelHandle handle, string source)
    {
        Handle = handle;
        Source = source;
        PositionCount = NativeMethods.PositionCount(handle);
        VelocityCount = NativeMethods.VelocityCount(handle);
        Joints = Array.AsReadOnly(Enumerable.Range(0, NativeMethods.JointCount(handle)).Select(ReadJoint).ToArray());
        Actuators = Array.AsReadOnly(Enumerable.Range(0, NativeMethods.ActuatorCount(handle)).Select(ReadActuator).ToArray());
        BodyNames = ReadNames(NativeMethods.ObjectBody, NativeMethods.BodyCount(handle));
        GeomNames = ReadNames(NativeMethods.ObjectGeom, NativeMethods.GeomCount(handle));
        CameraNames = ReadNames(NativeMethods.ObjectCamera, NativeMethods.CameraCount(handle));
        SiteNames = ReadNames(NativeMethods.ObjectSite, NativeMethods.SiteCount(handle));
        geomBodies = Enumerable.Range(0, GeomNames.Count).Select(geom => NativeMethods.GeomBody(handle, geom)).ToArray();
        jointIndexes = IndexByName(Joints.Select(joint => joint.Name));
        actuatorIndexes = IndexByName(Actuators.Select(actuator => actuator.Name));
        bodyIndexes = IndexByName(BodyNames);
        geomIndexes = IndexByName(GeomNames);
        cameraIndexes = IndexByName(CameraNames);
        siteIndexes = IndexByName(SiteNames);
    }

    /// <summary>Where the model came from: its file path, or "XML text".</summary>
    public string Source { get; }

    /// <summary>Number of position coordinates (MuJoCo's nq; a free joint has 7, a hinge 1).</summary>
    public int PositionCount { get; }

    /// <summary>Number of degrees of freedom (MuJoCo's nv; a free joint has 6, a hinge 1).</summary>
    public int VelocityCount { get; }

    /// <summary>The joints, in MuJoCo's order (index = MuJoCo's joint id).</summary>
    public ReadOnlyCollection<MujocoJoint> Joints { get; }

    /// <summary>The actuators, in MuJoCo's order (index = slot in the control vector).</summary>
    public ReadOnlyCollection<MujocoActuator> Actuators { get; }

    /// <summary>Body names by index; body 0 is "world"; unnamed bodies are empty strings.</summary>
    public ReadOnlyCollection<string> BodyNames { get; }

    /// <summary>Geom names by index; unnamed geoms are empty strings.</summary>
    public ReadOnlyCollection<string> GeomNames { get; }

    /// <summary>Camera names by index; unnamed cameras are empty strings.</summary>
    public ReadOnlyCollection<string> CameraNames { get; }

    /// <summary>Site names by index; unnamed sites are empty strings.</summary>
    public ReadOnlyCollection<string> SiteNames { get; }

    /// <summary>The physics timestep in seconds (MJCF <c>option timestep</c>; MuJoCo's default is 0.002).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a value that is not positive and finite.</exception>
    public double TimestepSeconds
    {
        get => NativeMethods.Timestep(Handle);
        set
        {
            if (!(value > 0) || !double.IsFinite(value))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "The timestep must be a positive, finite number of seconds.");
            }

            NativeMethods.SetTimestep(Handle, value);
        }
    }

    internal SafeMujocoModelHandle Handle { get; }

    /// <summary>
    /// Loads and compiles an MJCF (or URDF) file; meshes and textures resolve relative to it. Sites named
    /// <c>apriltag_tag36h11_&lt;id&gt;</c> become textured tags (see the README's AprilTag section).
    /// </summary>
    /// <param name="path">The model file.</param>
    /// <returns>The compiled model, which the caller disposes.</returns>
    /// <exception cref="SimulationException">MuJoCo rejected the file; the message quotes MuJoCo and names the file.</exception>
    /// <exception cref="SimulationUnavailableException">MuJoCo or RobotSdk's shim is not installed.</exception>
    public static MujocoModel LoadFromFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        MujocoLibrary.EnsureAvailable();
        string fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new FileNotFoundException($"MuJoCo model file not found: {fullPath}", fullPath);
        }

        (string xml, IReadOnlyDictionary<string, byte[]> files) = MjcfAprilTags.AddTagGeoms(File.ReadAllText(fullPath));
        byte* error = stackalloc byte[ErrorBufferSize];
        nint model = files.Count == 0
            ? NativeMethods.LoadXmlFile(fullPath, error, ErrorBufferSize)
            : LoadWithFiles(fullPath, xml, files, error);
        return Wrap(model, new ReadOnlySpan<byte>(error, ErrorBufferSize), fullPath);
    }

    /// <summary>
    /// Loads and compiles MJCF text. File references in it (meshes) resolve against the current directory.
    /// Sites named <c>apriltag_tag36h11_&lt;id&gt;</c> become textured tags (see the README's AprilTag section).
    /// </summary>
    /// <param name="xml">The MJCF document.</param>
    /// <returns>The compiled model, which the caller disposes.</returns>
    /// <exception cref="SimulationException">MuJoCo rejected the text; the message quotes MuJoCo.</exception>
    /// <exception cref="SimulationUnavailableException">MuJoCo or RobotSdk's shim is not installed.</exception>
    public static MujocoModel LoadFromXml(string xml)
    {
        ArgumentException.ThrowIfNullOrEmpty(xml);
        MujocoLibrary.EnsureAvailable();
        (string tagged, IReadOnlyDictionary<string, byte[]> files) = MjcfAprilTags.AddTagGeoms(xml);
        byte* error = stackalloc byte[ErrorBufferSize];
        nint model = files.Count == 0
            ? NativeMethods.LoadXmlString(xml, error, ErrorBufferSize)
            : LoadWithFiles(XmlTextFileName, tagged, files, error);
        return Wrap(model, new ReadOnlySpan<byte>(error, ErrorBufferSize), XmlTextSource);
    }

    /// <summary>The index of the joint named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No joint has that name.</exception>
    public int GetJointIndex(string name) => Lookup(jointIndexes, name, "joint");

    /// <summary>The index of the actuator named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No actuator has that name.</exception>
    public int GetActuatorIndex(string name) => Lookup(actuatorIndexes, name, "actuator");

    /// <summary>The index of the body named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No body has that name.</exception>
    public int GetBodyIndex(string name) => Lookup(bodyIndexes, name, "body");

    /// <summary>The index of the geom named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No geom has that name.</exception>
    public int GetGeomIndex(string name) => Lookup(geomIndexes, name, "geom");

    /// <summary>The index of the camera named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No camera has that name.</exception>
    public int GetCameraIndex(string name) => Lookup(cameraIndexes, name, "camera");

    /// <summary>The index of the site named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No site has that name.</exception>
    public int GetSiteIndex(string name) => Lookup(siteIndexes, name, "site");

    /// <summary>The index of the joint named <paramref name="name"/>, if there is one.</summary>
    public bool TryGetJointIndex(string name, out int index) => jointIndexes.TryGetValue(name, out index);

    /// <summary>The index of the actuator named <paramref name="name"/>, if there is one.</summary>
    public bool TryGetActuatorIndex(string name, out int index) => actuatorIndexes.TryGetValue(name, out index);

    /// <summary>The body a geom belongs to (0 is the world).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="geomIndex"/> is not a geom.</exception>
    public int GetGeomBody(int geomIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(geomIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(geomIndex, geomBodies.Length);
        return geomBodies[geomIndex];
    }

    /// <summary>Releases this model's reference on the native model (freed once no simulation or renderer uses it).</summary>
    public void Dispose() => Handle.Dispose();

    /// <inheritdoc />
    public override string ToString() =>
        $"MuJoCo model ({Source}): {Joints.Count} joints, {Actuators.Count} actuators, {BodyNames.Count} bodies, {CameraNames.Count} cameras";

    /// <summary>Loads <paramref name="xml"/> as the file <paramref name="modelPath"/> beside in-memory <paramref name="files"/>.</summary>
    private static nint LoadWithFiles(string modelPath, string xml, IReadOnlyDictionary<string, byte[]> files, byte* error)
    {
        // Names as NUL-terminated UTF-8, contents pinned for the duration of the call (the shim copies both).
        byte[][] names = files.Keys.Select(name => System.Text.Encoding.UTF8.GetBytes(name + "\0")).ToArray();
        byte[][] contents = files.Values.ToArray();
        var handles = new List<GCHandle>(names.Length + contents.Length);
        try
        {
            nint* namePointers = stackalloc nint[names.Length];
            nint* contentPointers = stackalloc nint[contents.Length];
            int* sizes = stackalloc int[contents.Length];
            for (int i = 0; i < names.Length; i++)
            {
                GCHandle name = GCHandle.Alloc(names[i], GCHandleType.Pinned);
                handles.Add(name);
                GCHandle content = GCHandle.Alloc(contents[i], GCHandleType.Pinned);
                handles.Add(content);
                namePointers[i] = name.AddrOfPinnedObject();
                contentPointers[i] = content.AddrOfPinnedObject();
                sizes[i] = contents[i].Length;
            }

            return NativeMethods.LoadXmlWithFiles(modelPath, xml, names.Length, (byte**)namePointers, (byte**)contentPointers, sizes, error, ErrorBufferSize);
        }
        finally
        {
            foreach (GCHandle handle in handles)
            {
                handle.Free();
            }
        }
    }

    private static MujocoModel Wrap(nint model, ReadOnlySpan<byte> error, string source)
    {
        if (model == 0)
        {
            string mujocoMessage = MujocoStatus.FromBuffer(error);
            throw new SimulationException($"MuJoCo could not load the model from {source}: {mujocoMessage}", mujocoMessage, source);
        }

        var handle = new SafeMujocoModelHandle(model);
        try
        {
            return new MujocoModel(handle, source);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    private static Dictionary<string, int> IndexByName(IEnumerable<string> names)
    {
        var indexes = new Dictionary<string, int>(StringComparer.Ordinal);
        int index = 0;
        foreach (string name in names)
        {
            if (name.Length > 0)
            {
                indexes.TryAdd(name, index);
            }

            index++;
        }

        return indexes;
    }

    private static int Lookup(Dictionary<string, int> indexes, string name, string kind)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (indexes.TryGetValue(name, out int index))
        {
            return index;
        }

        string known = indexes.Count == 0 ? "none" : string.Join(", ", indexes.Keys);
        throw new ArgumentException($"The model has no {kind} named '{name}' (its {kind}s: {known}).", nameof(name));
    }

    private string ReadName(int objectKind, int index) =>
        Marshal.PtrToStringUTF8((nint)NativeMethods.IdToName(Handle, objectKind, index)) ?? string.Empty;

    private ReadOnlyCollection<string> ReadNames(int objectKind, int count) =>
        Array.AsReadOnly(Enumerable.Range(0, count).Select(index => ReadName(objectKind, index)).ToArray());

    private MujocoJoint ReadJoint(int index)
    {
        int type, positionAddress, velocityAddress, limited;
        double* range = stackalloc double[2];
        MujocoStatus.ThrowIfFailed(
            NativeMethods.JointInfo(Handle, index, &type, &positionAddress, &velocityAddress, &limited, range),
            "reading a joint");
        return new MujocoJoint(index, ReadName(NativeMethods.ObjectJoint, index), (MujocoJointType)type, positionAddress, velocityAddress, limited != 0, range[0], range[1]);
    }

    private MujocoActuator ReadActuator(int index)
    {
        int joint, limited;
        double* range = stackalloc double[2];
        MujocoStatus.ThrowIfFailed(NativeMethods.ActuatorInfo(Handle, index, &joint, &limited, range), "reading an actuator");
        return new MujocoActuator(index, ReadName(NativeMethods.ObjectActuator, index), joint, limited != 0, range[0], range[1]);
    }
}
