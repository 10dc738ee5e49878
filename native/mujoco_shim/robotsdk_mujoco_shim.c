/* See robotsdk_mujoco_shim.h for the contract: ownership, errors, buffer lengths. */
#include "robotsdk_mujoco_shim.h"

#include <GL/osmesa.h>
#include <dlfcn.h>
#include <math.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- errors */

/* MuJoCo reports fatal errors through mju_error, which prints and calls exit() unless a handler
 * is installed. The handler jumps back to the shim function that made the call, so a managed
 * caller gets a status and a message instead of a vanished process. */
static _Thread_local jmp_buf* current_guard;
static _Thread_local char last_error[1024];

static void on_mujoco_error(const char* message) {
  snprintf(last_error, sizeof last_error, "%s", message);
  if (current_guard) longjmp(*current_guard, 1);
  /* No guard: an unexpected call path. Exiting is MuJoCo's own default behaviour. */
  fprintf(stderr, "MuJoCo error outside a guarded call: %s\n", message);
  exit(1);
}

/* Warnings are also counted in mjData.warning; printing them would only clutter stdout. */
static void on_mujoco_warning(const char* message) { (void)message; }

__attribute__((constructor)) static void install_handlers(void) {
  mju_user_error = on_mujoco_error;
  mju_user_warning = on_mujoco_warning;
}

#define GUARDED(statement)                                   \
  do {                                                       \
    jmp_buf guard;                                           \
    jmp_buf* outer = current_guard;                          \
    if (setjmp(guard)) {                                     \
      current_guard = outer;                                 \
      return RSMJ_MUJOCO_ERROR;                              \
    }                                                        \
    current_guard = &guard;                                  \
    statement;                                               \
    current_guard = outer;                                   \
  } while (0)

static void set_error(char* error, int error_size, const char* text) {
  if (error && error_size > 0) snprintf(error, (size_t)error_size, "%s", text);
}

int rsmj_version(void) { return mj_version(); }
const char* rsmj_last_error(void) { return last_error; }

/* ---------------------------------------------------------------- models */

mjModel* rsmj_load_xml_file(const char* path, char* error, int error_size) {
  set_error(error, error_size, "");
  mjModel* m = mj_loadXML(path, NULL, error, error_size);
  return m;
}

mjModel* rsmj_load_xml_string(const char* xml, char* error, int error_size) {
  return rsmj_load_xml_with_files("robotsdk_model.xml", xml, 0, NULL, NULL, NULL, error, error_size);
}

/* Adds one in-memory file to the VFS; 0 on success, else writes why into error. */
static int add_vfs_file(mjVFS* vfs, const char* name, const void* data, int length, char* error,
                        int error_size) {
  char text[256];
  int status = mj_makeEmptyFileVFS(vfs, name, length);
  if (status != 0) {
    snprintf(text, sizeof text, "could not add '%s' to MuJoCo's virtual file system (%s)", name,
             status == 2 ? "a file of that name is already there" : "it is full");
    set_error(error, error_size, text);
    return -1;
  }
  memcpy(vfs->filedata[mj_findFileVFS(vfs, name)], data, (size_t)length);
  return 0;
}

mjModel* rsmj_load_xml_with_files(const char* model_path, const char* xml, int file_count,
                                  const char* const* file_names,
                                  const unsigned char* const* file_data, const int* file_sizes,
                                  char* error, int error_size) {
  /* MuJoCo 2.2.2 parses files only: the text goes into a virtual file system under model_path's
   * file name, beside the extra files. MuJoCo looks up every file there first (by file name,
   * directories stripped, case folded), then on disk relative to model_path's directory. */
  set_error(error, error_size, "");
  if (!model_path || !*model_path || !xml || !*xml || file_count < 0 || (file_count > 0 && (!file_names || !file_data ||
                                                                   !file_sizes))) {
    set_error(error, error_size, "bad arguments to rsmj_load_xml_with_files");
    return NULL;
  }
  if (file_count > mjMAXVFS - 2) {
    set_error(error, error_size, "too many files for MuJoCo's virtual file system");
    return NULL;
  }
  mjVFS* vfs = malloc(sizeof(mjVFS));
  if (!vfs) {
    set_error(error, error_size, "out of memory for the virtual file system");
    return NULL;
  }
  mj_defaultVFS(vfs);
  mjModel* m = NULL;
  int ok = add_vfs_file(vfs, model_path, xml, (int)strlen(xml), error, error_size) == 0;
  for (int i = 0; ok && i < file_count; i++) {
    if (!file_names[i] || !file_data[i] || file_sizes[i] <= 0) {
      set_error(error, error_size, "an extra file has no name or no bytes");
      ok = 0;
    } else {
      ok = add_vfs_file(vfs, file_names[i], file_data[i], file_sizes[i], error, error_size) == 0;
    }
  }
  if (ok) m = mj_loadXML(model_path, vfs, error, error_size);
  mj_deleteVFS(vfs);
  free(vfs);
  return m;
}

void rsmj_free_model(mjModel* m) { mj_deleteModel(m); }
int rsmj_nq(const mjModel* m) { return m->nq; }
int rsmj_nv(const mjModel* m) { return m->nv; }
int rsmj_nu(const mjModel* m) { return m->nu; }
int rsmj_njnt(const mjModel* m) { return m->njnt; }
int rsmj_nbody(const mjModel* m) { return m->nbody; }
int rsmj_ngeom(const mjModel* m) { return m->ngeom; }
int rsmj_ncam(const mjModel* m) { return m->ncam; }
int rsmj_nsite(const mjModel* m) { return m->nsite; }
double rsmj_timestep(const mjModel* m) { return m->opt.timestep; }
void rsmj_set_timestep(mjModel* m, double seconds) { m->opt.timestep = seconds; }

static int object_type(int object_kind) {
  static const int types[] = {mjOBJ_BODY, mjOBJ_JOINT, mjOBJ_GEOM, mjOBJ_CAMERA, mjOBJ_ACTUATOR,
                               mjOBJ_SITE};
  return (object_kind >= 0 && object_kind < (int)(sizeof types / sizeof types[0]))
             ? types[object_kind]
             : mjOBJ_UNKNOWN;
}

int rsmj_name_to_id(const mjModel* m, int object_kind, const char* name) {
  return mj_name2id(m, object_type(object_kind), name);
}

const char* rsmj_id_to_name(const mjModel* m, int object_kind, int id) {
  return mj_id2name(m, object_type(object_kind), id);
}

int rsmj_joint_info(const mjModel* m, int joint, int* type, int* qpos_address, int* dof_address,
                    int* limited, double* range2) {
  if (joint < 0 || joint >= m->njnt) return RSMJ_BAD_ARGUMENT;
  *type = m->jnt_type[joint];
  *qpos_address = m->jnt_qposadr[joint];
  *dof_address = m->jnt_dofadr[joint];
  *limited = m->jnt_limited[joint];
  range2[0] = m->jnt_range[2 * joint];
  range2[1] = m->jnt_range[2 * joint + 1];
  return RSMJ_OK;
}

int rsmj_actuator_info(const mjModel* m, int actuator, int* joint, int* ctrl_limited,
                       double* ctrl_range2) {
  if (actuator < 0 || actuator >= m->nu) return RSMJ_BAD_ARGUMENT;
  int transmission = m->actuator_trntype[actuator];
  *joint = (transmission == mjTRN_JOINT || transmission == mjTRN_JOINTINPARENT)
               ? m->actuator_trnid[2 * actuator]
               : -1;
  *ctrl_limited = m->actuator_ctrllimited[actuator];
  ctrl_range2[0] = m->actuator_ctrlrange[2 * actuator];
  ctrl_range2[1] = m->actuator_ctrlrange[2 * actuator + 1];
  return RSMJ_OK;
}

int rsmj_geom_body(const mjModel* m, int geom) {
  return (geom < 0 || geom >= m->ngeom) ? RSMJ_BAD_ARGUMENT : m->geom_bodyid[geom];
}

/* ---------------------------------------------------------------- data */

mjData* rsmj_make_data(const mjModel* m) {
  jmp_buf guard;
  jmp_buf* outer = current_guard;
  if (setjmp(guard)) {
    current_guard = outer;
    return NULL;
  }
  current_guard = &guard;
  mjData* d = mj_makeData(m);
  current_guard = outer;
  if (!d) snprintf(last_error, sizeof last_error, "mj_makeData returned no data (out of memory?)");
  return d;
}

void rsmj_free_data(mjData* d) { mj_deleteData(d); }
void rsmj_reset_data(const mjModel* m, mjData* d) { mj_resetData(m, d); }

int rsmj_step(const mjModel* m, mjData* d, int count) {
  if (count < 0) return RSMJ_BAD_ARGUMENT;
  GUARDED(for (int i = 0; i < count; i++) mj_step(m, d));
  return RSMJ_OK;
}

int rsmj_forward(const mjModel* m, mjData* d) {
  GUARDED(mj_forward(m, d));
  return RSMJ_OK;
}

double rsmj_time(const mjData* d) { return d->time; }

/* Bulk copies: the caller's length must equal the array's length exactly. */
static int copy_array(double* destination, const double* source, int length, int expected) {
  if (length != expected) return RSMJ_BAD_ARGUMENT;
  memcpy(destination, source, sizeof(double) * (size_t)length);
  return RSMJ_OK;
}

int rsmj_get_qpos(const mjModel* m, const mjData* d, double* destination, int length) {
  return copy_array(destination, d->qpos, length, m->nq);
}
int rsmj_set_qpos(const mjModel* m, mjData* d, const double* source, int length) {
  return copy_array(d->qpos, source, length, m->nq);
}
int rsmj_get_qvel(const mjModel* m, const mjData* d, double* destination, int length) {
  return copy_array(destination, d->qvel, length, m->nv);
}
int rsmj_set_qvel(const mjModel* m, mjData* d, const double* source, int length) {
  return copy_array(d->qvel, source, length, m->nv);
}
int rsmj_get_ctrl(const mjModel* m, const mjData* d, double* destination, int length) {
  return copy_array(destination, d->ctrl, length, m->nu);
}
int rsmj_set_ctrl(const mjModel* m, mjData* d, const double* source, int length) {
  return copy_array(d->ctrl, source, length, m->nu);
}

/* Single values: an index out of range reads as NaN or returns RSMJ_BAD_ARGUMENT. */
double rsmj_qpos(const mjModel* m, const mjData* d, int i) {
  return (i >= 0 && i < m->nq) ? d->qpos[i] : NAN;
}
int rsmj_set_qpos_at(const mjModel* m, mjData* d, int i, double value) {
  if (i < 0 || i >= m->nq) return RSMJ_BAD_ARGUMENT;
  d->qpos[i] = value;
  return RSMJ_OK;
}
double rsmj_qvel(const mjModel* m, const mjData* d, int i) {
  return (i >= 0 && i < m->nv) ? d->qvel[i] : NAN;
}
int rsmj_set_qvel_at(const mjModel* m, mjData* d, int i, double value) {
  if (i < 0 || i >= m->nv) return RSMJ_BAD_ARGUMENT;
  d->qvel[i] = value;
  return RSMJ_OK;
}
double rsmj_ctrl(const mjModel* m, const mjData* d, int i) {
  return (i >= 0 && i < m->nu) ? d->ctrl[i] : NAN;
}
int rsmj_set_ctrl_at(const mjModel* m, mjData* d, int i, double value) {
  if (i < 0 || i >= m->nu) return RSMJ_BAD_ARGUMENT;
  d->ctrl[i] = value;
  return RSMJ_OK;
}

int rsmj_contact_count(const mjData* d) { return d->ncon; }

int rsmj_contact(const mjData* d, int index, int* geom1, int* geom2, double* position3,
                 double* distance) {
  if (index < 0 || index >= d->ncon) return RSMJ_BAD_ARGUMENT;
  const mjContact* c = &d->contact[index];
  *geom1 = c->geom1;
  *geom2 = c->geom2;
  memcpy(position3, c->pos, 3 * sizeof(double));
  *distance = c->dist;
  return RSMJ_OK;
}

int rsmj_body_pose(const mjModel* m, const mjData* d, int body, double* position3,
                   double* quaternion4) {
  if (body < 0 || body >= m->nbody) return RSMJ_BAD_ARGUMENT;
  memcpy(position3, d->xpos + 3 * body, 3 * sizeof(double));
  memcpy(quaternion4, d->xquat + 4 * body, 4 * sizeof(double));
  return RSMJ_OK;
}

int rsmj_camera_pose(const mjModel* m, const mjData* d, int camera, double* position3,
                     double* quaternion4) {
  if (camera < 0 || camera >= m->ncam) return RSMJ_BAD_ARGUMENT;
  memcpy(position3, d->cam_xpos + 3 * camera, 3 * sizeof(double));
  mju_mat2Quat(quaternion4, d->cam_xmat + 9 * camera);
  return RSMJ_OK;
}

int rsmj_site_pose(const mjModel* m, const mjData* d, int site, double* position3,
                   double* quaternion4) {
  if (site < 0 || site >= m->nsite) return RSMJ_BAD_ARGUMENT;
  memcpy(position3, d->site_xpos + 3 * site, 3 * sizeof(double));
  mju_mat2Quat(quaternion4, d->site_xmat + 9 * site);
  return RSMJ_OK;
}

/* ---------------------------------------------------------------- rendering */

/* OSMesa is resolved at run time, not linked, so physics works on machines without it. It is
 * opened RTLD_GLOBAL because MuJoCo finds GL entry points through the global symbol scope
 * (dlsym(RTLD_DEFAULT, "OSMesaGetProcAddress")), which .NET's RTLD_LOCAL loads do not reach. */
typedef OSMesaContext (*create_context_fn)(GLenum, GLint, GLint, GLint, OSMesaContext);
typedef GLboolean (*make_current_fn)(OSMesaContext, void*, GLenum, GLsizei, GLsizei);
typedef void (*destroy_context_fn)(OSMesaContext);

static struct {
  create_context_fn create_context;
  make_current_fn make_current;
  destroy_context_fn destroy_context;
} osmesa;

static int load_osmesa(char* error, int error_size) {
  if (osmesa.make_current) return 1;
  /* ROBOTSDK_OSMESA_LIBRARY names another OSMesa build (a newer Mesa, a vendor's path) instead of
   * Debian's; when it is set, nothing else is tried, so a wrong path says so. */
  const char* chosen = getenv("ROBOTSDK_OSMESA_LIBRARY");
  void* library = NULL;
  if (chosen && chosen[0]) {
    library = dlopen(chosen, RTLD_NOW | RTLD_GLOBAL);
  } else {
    chosen = "libOSMesa.so.8";
    library = dlopen(chosen, RTLD_NOW | RTLD_GLOBAL);
    if (!library) library = dlopen("libOSMesa.so.6", RTLD_NOW | RTLD_GLOBAL);
  }
  if (!library) {
    char text[512];
    snprintf(text, sizeof text, "could not load OSMesa (%s): %s", chosen, dlerror());
    set_error(error, error_size, text);
    return 0;
  }
  osmesa.create_context = (create_context_fn)dlsym(library, "OSMesaCreateContextExt");
  osmesa.destroy_context = (destroy_context_fn)dlsym(library, "OSMesaDestroyContext");
  osmesa.make_current = (make_current_fn)dlsym(library, "OSMesaMakeCurrent");
  if (!osmesa.create_context || !osmesa.destroy_context || !osmesa.make_current) {
    set_error(error, error_size, "libOSMesa lacks OSMesaCreateContextExt/MakeCurrent");
    osmesa.make_current = NULL;
    return 0;
  }
  return 1;
}

struct rsmj_renderer {
  OSMesaContext context;
  unsigned char* window; /* OSMesa's default framebuffer; MuJoCo draws into its own FBO */
  unsigned char* row;    /* scratch row for flipping the image top-down */
  int width, height;
  mjvScene scene;
  mjvOption option;
  mjvCamera camera;
  mjrContext gpu;
};

/* No call leaves a context current on its thread. OSMesa keeps a per-thread "current context"
 * pointer; a context destroyed elsewhere while still current on some thread left that pointer
 * dangling, and the thread's next OSMesaMakeCurrent flushed the freed context and segfaulted (a
 * renderer disposed from another thread, then a new renderer used on the old one's thread). */
static void release_current(void) { osmesa.make_current(NULL, NULL, GL_UNSIGNED_BYTE, 0, 0); }

void rsmj_renderer_free(rsmj_renderer* r) {
  if (!r) return;
  if (r->context) {
    osmesa.make_current(r->context, r->window, GL_UNSIGNED_BYTE, r->width, r->height);
    mjr_freeContext(&r->gpu);
    mjv_freeScene(&r->scene);
    release_current();
    osmesa.destroy_context(r->context);
  }
  free(r->window);
  free(r->row);
  free(r);
}

rsmj_renderer* rsmj_renderer_create(mjModel* m, int width, int height, char* error,
                                    int error_size) {
  set_error(error, error_size, "");
  if (width <= 0 || height <= 0) {
    set_error(error, error_size, "width and height must be positive");
    return NULL;
  }
  if (!load_osmesa(error, error_size)) return NULL;

  rsmj_renderer* r = calloc(1, sizeof *r);
  if (!r) return NULL;
  r->width = width;
  r->height = height;
  r->window = malloc((size_t)width * (size_t)height * 4);
  r->row = malloc((size_t)width * 3);
  r->context = osmesa.create_context(OSMESA_RGBA, 24, 8, 0, NULL);
  if (!r->window || !r->row || !r->context ||
      !osmesa.make_current(r->context, r->window, GL_UNSIGNED_BYTE, width, height)) {
    set_error(error, error_size, "could not create or activate an OSMesa context");
    release_current();
    if (r->context) osmesa.destroy_context(r->context);
    r->context = NULL;
    rsmj_renderer_free(r);
    return NULL;
  }

  /* MuJoCo sizes its offscreen buffer from the model; speed over looks: no MSAA, no shadows. */
  if (m->vis.global.offwidth < width) m->vis.global.offwidth = width;
  if (m->vis.global.offheight < height) m->vis.global.offheight = height;
  m->vis.quality.offsamples = 0;

  mjv_defaultScene(&r->scene);
  mjv_defaultOption(&r->option);
  mjv_defaultFreeCamera(m, &r->camera);
  mjr_defaultContext(&r->gpu);

  jmp_buf guard;
  jmp_buf* outer = current_guard;
  if (setjmp(guard)) {
    current_guard = outer;
    set_error(error, error_size, last_error);
    mjv_freeScene(&r->scene);
    release_current();
    osmesa.destroy_context(r->context);
    r->context = NULL;
    rsmj_renderer_free(r);
    return NULL;
  }
  current_guard = &guard;
  mjv_makeScene(m, &r->scene, 2000);
  mjr_makeContext(m, &r->gpu, mjFONTSCALE_100);
  mjr_setBuffer(mjFB_OFFSCREEN, &r->gpu);
  current_guard = outer;
  release_current();

  r->scene.flags[mjRND_SHADOW] = 0;
  r->scene.flags[mjRND_REFLECTION] = 0;
  return r;
}

int rsmj_render(rsmj_renderer* r, const mjModel* m, mjData* d, int camera,
                const double* free_camera6, unsigned char* rgb, int length) {
  if (length != r->width * r->height * 3) return RSMJ_BAD_ARGUMENT;
  if (camera >= m->ncam) return RSMJ_BAD_ARGUMENT;
  if (camera >= 0) {
    r->camera.type = mjCAMERA_FIXED;
    r->camera.fixedcamid = camera;
  } else {
    r->camera.type = mjCAMERA_FREE;
    if (free_camera6) {
      memcpy(r->camera.lookat, free_camera6, 3 * sizeof(double));
      r->camera.distance = free_camera6[3];
      r->camera.azimuth = free_camera6[4];
      r->camera.elevation = free_camera6[5];
    }
  }

  /* Made current for this call only (see release_current). */
  if (!osmesa.make_current(r->context, r->window, GL_UNSIGNED_BYTE, r->width, r->height)) {
    snprintf(last_error, sizeof last_error, "OSMesaMakeCurrent failed");
    return RSMJ_MUJOCO_ERROR;
  }
  mjrRect viewport = {0, 0, r->width, r->height};
  jmp_buf guard;
  jmp_buf* outer = current_guard;
  if (setjmp(guard)) {
    current_guard = outer;
    release_current();
    return RSMJ_MUJOCO_ERROR;
  }
  current_guard = &guard;
  mjv_updateScene(m, d, &r->option, NULL, &r->camera, mjCAT_ALL, &r->scene);
  mjr_render(viewport, &r->scene, &r->gpu);
  mjr_readPixels(rgb, NULL, viewport, &r->gpu);
  current_guard = outer;
  release_current();

  /* OpenGL's rows run bottom-up; images run top-down. */
  size_t stride = (size_t)r->width * 3;
  for (int top = 0, bottom = r->height - 1; top < bottom; top++, bottom--) {
    memcpy(r->row, rgb + top * stride, stride);
    memcpy(rgb + top * stride, rgb + bottom * stride, stride);
    memcpy(rgb + bottom * stride, r->row, stride);
  }
  return RSMJ_OK;
}
