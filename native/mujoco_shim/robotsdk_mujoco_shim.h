/*
 * RobotSdk's flat C view of MuJoCo 2.2.2, for P/Invoke.
 *
 * Why a shim: mjModel and mjData are large structs whose field offsets change between MuJoCo
 * versions, so managed code never reads them; this file is compiled against the installed
 * headers and reads them for it. Every function takes plain pointers and integers.
 *
 * Ownership: a model from rsmj_load_* is freed with rsmj_free_model, data from rsmj_make_data
 * with rsmj_free_data (before its model), a renderer with rsmj_renderer_free. Copies go into
 * caller buffers whose length the caller passes and the shim checks.
 *
 * Errors: functions that can fail return NULL or a negative status and write MuJoCo's message
 * into the caller's error buffer (or into rsmj_last_error for the calling thread). MuJoCo's
 * fatal errors (mju_error), which would otherwise exit the process, are caught the same way.
 */
#ifndef ROBOTSDK_MUJOCO_SHIM_H
#define ROBOTSDK_MUJOCO_SHIM_H

#include <mujoco/mujoco.h>

#define RSMJ_API __attribute__((visibility("default")))

/* Status codes. */
#define RSMJ_OK 0
#define RSMJ_BAD_ARGUMENT -1 /* an index or buffer length out of range */
#define RSMJ_MUJOCO_ERROR -2 /* MuJoCo raised mju_error; see rsmj_last_error */

/* Object kinds for name lookups: the shim's own numbering, mapped to mjtObj in C so managed
 * code never copies MuJoCo's enum values. */
#define RSMJ_OBJECT_BODY 0
#define RSMJ_OBJECT_JOINT 1
#define RSMJ_OBJECT_GEOM 2
#define RSMJ_OBJECT_CAMERA 3
#define RSMJ_OBJECT_ACTUATOR 4
#define RSMJ_OBJECT_SITE 5

typedef struct rsmj_renderer rsmj_renderer;

RSMJ_API int rsmj_version(void);
RSMJ_API const char* rsmj_last_error(void);

/* Models. */
RSMJ_API mjModel* rsmj_load_xml_file(const char* path, char* error, int error_size);
RSMJ_API mjModel* rsmj_load_xml_string(const char* xml, char* error, int error_size);
/* Loads xml as if it were the file model_path (relative file references resolve against its
 * directory), with file_count extra in-memory files (textures, meshes) that MuJoCo finds by file
 * name before it looks on disk. The shim copies everything it is given; the caller keeps
 * ownership of its buffers. */
RSMJ_API mjModel* rsmj_load_xml_with_files(const char* model_path, const char* xml,
                                           int file_count, const char* const* file_names,
                                           const unsigned char* const* file_data,
                                           const int* file_sizes, char* error, int error_size);
RSMJ_API void rsmj_free_model(mjModel* m);
RSMJ_API int rsmj_nq(const mjModel* m);
RSMJ_API int rsmj_nv(const mjModel* m);
RSMJ_API int rsmj_nu(const mjModel* m);
RSMJ_API int rsmj_njnt(const mjModel* m);
RSMJ_API int rsmj_nbody(const mjModel* m);
RSMJ_API int rsmj_ngeom(const mjModel* m);
RSMJ_API int rsmj_ncam(const mjModel* m);
RSMJ_API int rsmj_nsite(const mjModel* m);
RSMJ_API double rsmj_timestep(const mjModel* m);
RSMJ_API void rsmj_set_timestep(mjModel* m, double seconds);
/* object_kind is an RSMJ_OBJECT_* value; unknown names give -1, unnamed objects NULL. */
RSMJ_API int rsmj_name_to_id(const mjModel* m, int object_kind, const char* name);
RSMJ_API const char* rsmj_id_to_name(const mjModel* m, int object_kind, int id);
RSMJ_API int rsmj_joint_info(const mjModel* m, int joint, int* type, int* qpos_address,
                             int* dof_address, int* limited, double* range2);
RSMJ_API int rsmj_actuator_info(const mjModel* m, int actuator, int* joint, int* ctrl_limited,
                                double* ctrl_range2);
RSMJ_API int rsmj_geom_body(const mjModel* m, int geom);

/* Data. */
RSMJ_API mjData* rsmj_make_data(const mjModel* m);
RSMJ_API void rsmj_free_data(mjData* d);
RSMJ_API void rsmj_reset_data(const mjModel* m, mjData* d);
RSMJ_API int rsmj_step(const mjModel* m, mjData* d, int count);
RSMJ_API int rsmj_forward(const mjModel* m, mjData* d);
RSMJ_API double rsmj_time(const mjData* d);
RSMJ_API int rsmj_get_qpos(const mjModel* m, const mjData* d, double* destination, int length);
RSMJ_API int rsmj_set_qpos(const mjModel* m, mjData* d, const double* source, int length);
RSMJ_API int rsmj_get_qvel(const mjModel* m, const mjData* d, double* destination, int length);
RSMJ_API int rsmj_set_qvel(const mjModel* m, mjData* d, const double* source, int length);
RSMJ_API int rsmj_get_ctrl(const mjModel* m, const mjData* d, double* destination, int length);
RSMJ_API int rsmj_set_ctrl(const mjModel* m, mjData* d, const double* source, int length);
RSMJ_API double rsmj_qpos(const mjModel* m, const mjData* d, int index);
RSMJ_API int rsmj_set_qpos_at(const mjModel* m, mjData* d, int index, double value);
RSMJ_API double rsmj_qvel(const mjModel* m, const mjData* d, int index);
RSMJ_API int rsmj_set_qvel_at(const mjModel* m, mjData* d, int index, double value);
RSMJ_API double rsmj_ctrl(const mjModel* m, const mjData* d, int index);
RSMJ_API int rsmj_set_ctrl_at(const mjModel* m, mjData* d, int index, double value);
RSMJ_API int rsmj_contact_count(const mjData* d);
RSMJ_API int rsmj_contact(const mjData* d, int index, int* geom1, int* geom2, double* position3,
                          double* distance);
RSMJ_API int rsmj_body_pose(const mjModel* m, const mjData* d, int body, double* position3,
                            double* quaternion4);
RSMJ_API int rsmj_camera_pose(const mjModel* m, const mjData* d, int camera, double* position3,
                              double* quaternion4);

RSMJ_API int rsmj_site_pose(const mjModel* m, const mjData* d, int site, double* position3,
                            double* quaternion4);

/* Poses are world-frame positions and (w, x, y, z) quaternions. A camera looks along its -z axis
 * with +y up (OpenGL's convention). */

/* Offscreen rendering through OSMesa (no display needed). */
RSMJ_API rsmj_renderer* rsmj_renderer_create(mjModel* m, int width, int height, char* error,
                                             int error_size);
RSMJ_API void rsmj_renderer_free(rsmj_renderer* r);
/* camera: a model camera index, or -1 for the free camera described by free_camera6 (look-at x, y,
 * z, distance, azimuth and elevation in degrees; NULL keeps the previous one). rgb receives
 * width*height*3 bytes, rows top to bottom. */
RSMJ_API int rsmj_render(rsmj_renderer* r, const mjModel* m, mjData* d, int camera,
                         const double* free_camera6, unsigned char* rgb, int length);

#endif
