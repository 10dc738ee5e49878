using System.Runtime.InteropServices;

namespace RobotSdk.Simulation;

/// <summary>
/// The functions of RobotSdk's MuJoCo shim (<c>native/mujoco_shim</c>), all in one place. The shim
/// reads mjModel/mjData for us, so no struct offset is written down in managed code. Every import
/// is blittable (pointers, integers, SafeHandles): the step/get/set paths marshal and allocate
/// nothing. Status results are checked by <see cref="MujocoStatus.ThrowIfFailed"/>.
/// </summary>
/// <remarks>
/// Ownership: a model pointer from <see cref="LoadXmlFile"/>, <see cref="LoadXmlString"/> or <see cref="LoadXmlWithFiles"/> is owned
/// by <see cref="SafeMujocoModelHandle"/>, data by <see cref="SafeMujocoDataHandle"/>, a renderer by
/// <see cref="SafeOffscreenRendererHandle"/>. Strings returned by <see cref="IdToName"/> and
/// <see cref="LastError"/> belong to MuJoCo or the shim and are copied at once.
/// </remarks>
internal static unsafe partial class NativeMethods
{
    /// <summary>Resolved by <see cref="MujocoLibrary"/> to <c>librobotsdk_mujoco_shim.so</c>.</summary>
    public const string Shim = "robotsdk_mujoco_shim";

    // Status codes (robotsdk_mujoco_shim.h).
    public const int Ok = 0;
    public const int BadArgument = -1;
    public const int MujocoError = -2;

    // Object kinds for name lookups: the shim's RSMJ_OBJECT_* values, which it maps to mjtObj.
    public const int ObjectBody = 0;
    public const int ObjectJoint = 1;
    public const int ObjectGeom = 2;
    public const int ObjectCamera = 3;
    public const int ObjectActuator = 4;
    public const int ObjectSite = 5;

    /// <summary>libc's setenv(3): native code (Mesa) reads the C environment, which .NET's own copy does not change.</summary>
    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int SetNativeEnvironmentVariable(string name, string value, int overwrite);

    [LibraryImport(Shim, EntryPoint = "rsmj_version")]
    public static partial int Version();

    [LibraryImport(Shim, EntryPoint = "rsmj_last_error")]
    public static partial byte* LastError();

    [LibraryImport(Shim, EntryPoint = "rsmj_load_xml_file", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint LoadXmlFile(string path, byte* error, int errorSize);

    [LibraryImport(Shim, EntryPoint = "rsmj_load_xml_string", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint LoadXmlString(string xml, byte* error, int errorSize);

    /// <summary>
    /// Loads <paramref name="xml"/> as if it were the file <paramref name="modelPath"/>, with extra
    /// in-memory files MuJoCo finds by file name before looking on disk. The shim copies the buffers.
    /// </summary>
    [LibraryImport(Shim, EntryPoint = "rsmj_load_xml_with_files", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint LoadXmlWithFiles(string modelPath, string xml, int fileCount, byte** fileNames, byte** fileData, int* fileSizes, byte* error, int errorSize);

    [LibraryImport(Shim, EntryPoint = "rsmj_free_model")]
    public static partial void FreeModel(nint model);

    [LibraryImport(Shim, EntryPoint = "rsmj_nq")]
    public static partial int PositionCount(SafeMujocoModelHandle model);

    [LibraryImport(Shim, EntryPoint = "rsmj_nv")]
    public static partial int VelocityCount(SafeMujocoModelHandle model);

    [LibraryImport(Shim, EntryPoint = "rsmj_nu")]
    public static partial int ActuatorCount(SafeMujocoModelHandle model);

    [LibraryImport(Shim, EntryPoint = "rsmj_njnt")]
    public static partial int JointCount(SafeMujocoModelHandle model);

    [LibraryImport(Shim, EntryPoint = "rsmj_nbody")]
    public static partial int BodyCount(SafeMujocoModelHandle model);

    [LibraryImport(Shim, EntryPoint = "rsmj_ngeom")]
    public static partial int GeomCount(SafeMujocoModelHandle model);

    [LibraryImport(Shim, EntryPoint = "rsmj_ncam")]
    public static partial int CameraCount(SafeMujocoModelHandle model);

    [LibraryImport(Shim, EntryPoint = "rsmj_nsite")]
    public static partial int SiteCount(SafeMujocoModelHandle model);

    [LibraryImport(Shim, EntryPoint = "rsmj_timestep")]
    public static partial double Timestep(SafeMujocoModelHandle model);

    [LibraryImport(Shim, EntryPoint = "rsmj_set_timestep")]
    public static partial void SetTimestep(SafeMujocoModelHandle model, double seconds);

    /// <summary>The object's name, or null when it has none; the string belongs to the model.</summary>
    [LibraryImport(Shim, EntryPoint = "rsmj_id_to_name")]
    public static partial byte* IdToName(SafeMujocoModelHandle model, int objectKind, int id);

    [LibraryImport(Shim, EntryPoint = "rsmj_joint_info")]
    public static partial int JointInfo(SafeMujocoModelHandle model, int joint, int* type, int* positionAddress, int* velocityAddress, int* limited, double* range2);

    [LibraryImport(Shim, EntryPoint = "rsmj_actuator_info")]
    public static partial int ActuatorInfo(SafeMujocoModelHandle model, int actuator, int* joint, int* controlLimited, double* controlRange2);

    [LibraryImport(Shim, EntryPoint = "rsmj_geom_body")]
    public static partial int GeomBody(SafeMujocoModelHandle model, int geom);

    /// <summary>New data for the model, or 0 with <see cref="LastError"/> set.</summary>
    [LibraryImport(Shim, EntryPoint = "rsmj_make_data")]
    public static partial nint MakeData(SafeMujocoModelHandle model);

    [LibraryImport(Shim, EntryPoint = "rsmj_free_data")]
    public static partial void FreeData(nint data);

    [LibraryImport(Shim, EntryPoint = "rsmj_reset_data")]
    public static partial void ResetData(SafeMujocoModelHandle model, SafeMujocoDataHandle data);

    [LibraryImport(Shim, EntryPoint = "rsmj_step")]
    public static partial int Step(SafeMujocoModelHandle model, SafeMujocoDataHandle data, int count);

    [LibraryImport(Shim, EntryPoint = "rsmj_forward")]
    public static partial int Forward(SafeMujocoModelHandle model, SafeMujocoDataHandle data);

    [LibraryImport(Shim, EntryPoint = "rsmj_time")]
    public static partial double Time(SafeMujocoDataHandle data);

    [LibraryImport(Shim, EntryPoint = "rsmj_get_qpos")]
    public static partial int GetPositions(SafeMujocoModelHandle model, SafeMujocoDataHandle data, double* destination, int length);

    [LibraryImport(Shim, EntryPoint = "rsmj_set_qpos")]
    public static partial int SetPositions(SafeMujocoModelHandle model, SafeMujocoDataHandle data, double* source, int length);

    [LibraryImport(Shim, EntryPoint = "rsmj_get_qvel")]
    public static partial int GetVelocities(SafeMujocoModelHandle model, SafeMujocoDataHandle data, double* destination, int length);

    [LibraryImport(Shim, EntryPoint = "rsmj_set_qvel")]
    public static partial int SetVelocities(SafeMujocoModelHandle model, SafeMujocoDataHandle data, double* source, int length);

    [LibraryImport(Shim, EntryPoint = "rsmj_get_ctrl")]
    public static partial int GetControls(SafeMujocoModelHandle model, SafeMujocoDataHandle data, double* destination, int length);

    [LibraryImport(Shim, EntryPoint = "rsmj_set_ctrl")]
    public static partial int SetControls(SafeMujocoModelHandle model, SafeMujocoDataHandle data, double* source, int length);

    [LibraryImport(Shim, EntryPoint = "rsmj_qpos")]
    public static partial double Position(SafeMujocoModelHandle model, SafeMujocoDataHandle data, int index);

    [LibraryImport(Shim, EntryPoint = "rsmj_set_qpos_at")]
    public static partial int SetPosition(SafeMujocoModelHandle model, SafeMujocoDataHandle data, int index, double value);

    [LibraryImport(Shim, EntryPoint = "rsmj_qvel")]
    public static partial double Velocity(SafeMujocoModelHandle model, SafeMujocoDataHandle data, int index);

    [LibraryImport(Shim, EntryPoint = "rsmj_set_qvel_at")]
    public static partial int SetVelocity(SafeMujocoModelHandle model, SafeMujocoDataHandle data, int index, double value);

    [LibraryImport(Shim, EntryPoint = "rsmj_ctrl")]
    public static partial double Control(SafeMujocoModelHandle model, SafeMujocoDataHandle data, int index);

    [LibraryImport(Shim, EntryPoint = "rsmj_set_ctrl_at")]
    public static partial int SetControl(SafeMujocoModelHandle model, SafeMujocoDataHandle data, int index, double value);

    [LibraryImport(Shim, EntryPoint = "rsmj_contact_count")]
    public static partial int ContactCount(SafeMujocoDataHandle data);

    [LibraryImport(Shim, EntryPoint = "rsmj_contact")]
    public static partial int Contact(SafeMujocoDataHandle data, int index, int* geom1, int* geom2, double* position3, double* distance);

    [LibraryImport(Shim, EntryPoint = "rsmj_body_pose")]
    public static partial int BodyPose(SafeMujocoModelHandle model, SafeMujocoDataHandle data, int body, double* position3, double* quaternion4);

    [LibraryImport(Shim, EntryPoint = "rsmj_site_pose")]
    public static partial int SitePose(SafeMujocoModelHandle model, SafeMujocoDataHandle data, int site, double* position3, double* quaternion4);

    [LibraryImport(Shim, EntryPoint = "rsmj_camera_pose")]
    public static partial int CameraPose(SafeMujocoModelHandle model, SafeMujocoDataHandle data, int camera, double* position3, double* quaternion4);

    /// <summary>A renderer with a current OSMesa context, or 0 with the reason in <paramref name="error"/>.</summary>
    [LibraryImport(Shim, EntryPoint = "rsmj_renderer_create")]
    public static partial nint CreateRenderer(SafeMujocoModelHandle model, int width, int height, byte* error, int errorSize);

    [LibraryImport(Shim, EntryPoint = "rsmj_renderer_free")]
    public static partial void FreeRenderer(nint renderer);

    [LibraryImport(Shim, EntryPoint = "rsmj_render")]
    public static partial int Render(SafeOffscreenRendererHandle renderer, SafeMujocoModelHandle model, SafeMujocoDataHandle data, int camera, double* freeCamera6, byte* rgb, int length);
}
