/* zkmsm C API: BN254 G1 multi-scalar multiplication Q = sum s_i * P_i.
 *
 * A context holds prepared bases (uploaded once, validated once); MSMs then take only scalars.
 * Every fallible call returns a zkmsm_status and, when given a buffer, writes a one-line NUL-terminated
 * message into it (truncated to err_len); no C++ exception crosses this boundary.
 *
 * Byte layouts (docs/FORMATS.md):
 *   result point: 64 bytes, x then y, 32-byte little-endian canonical each; 64 zero bytes = infinity.
 *   scalars:      32 bytes each, little-endian canonical, < r (larger values are rejected, not reduced).
 *   bases:        n records of 64 bytes in the chosen zkmsm_point_format (no file header).
 *
 * Threading: a context may be used by one thread at a time; distinct contexts are independent.
 */
#ifndef ZKMSM_C_API_H
#define ZKMSM_C_API_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum zkmsm_status {
  ZKMSM_OK = 0,
  ZKMSM_INVALID_ARGUMENT = 1, /* bad input: a point off the curve, a scalar >= r, n too large */
  ZKMSM_OUT_OF_MEMORY = 2, /* host/device memory, or a memory budget nothing fits in */
  ZKMSM_IO_ERROR = 3,
  ZKMSM_UNAVAILABLE = 4, /* e.g. the CUDA backend in a build or on a machine without it */
  ZKMSM_INTERNAL = 5
} zkmsm_status;

typedef enum zkmsm_backend { ZKMSM_BACKEND_CPU = 0, ZKMSM_BACKEND_CUDA = 1, ZKMSM_BACKEND_AUTO = 2 } zkmsm_backend;

/* Layout of each 64-byte base record handed to zkmsm_context_create. */
typedef enum zkmsm_point_format {
  ZKMSM_POINTS_RAW = 0,        /* x||y little-endian canonical; zeros = infinity (zkmsm's own) */
  ZKMSM_POINTS_MONTGOMERY = 1, /* x||y little-endian Montgomery (radix 2^256): snarkjs .ptau, ffjavascript */
  ZKMSM_POINTS_BB = 2,         /* barretenberg SRS: x||y canonical, 4 limbs low first, each limb big-endian;
                                  64 x 0xFF = infinity */
  ZKMSM_POINTS_ARKWORKS = 3,   /* arkworks uncompressed: x||y little-endian, SWFlags in byte 63 */
  ZKMSM_POINTS_GNARK = 4       /* gnark RawBytes: x||y big-endian, flag bits 00 in byte 0, zeros = infinity */
} zkmsm_point_format;

typedef struct zkmsm_config {
  int backend;                  /* a zkmsm_backend */
  unsigned c;                   /* window width in bits; 0 = planner's choice */
  unsigned window_passes;       /* 0 = fewest passes that fit the budget; k = force k */
  uint64_t memory_budget_bytes; /* 0 = no limit */
  unsigned threads;             /* CPU threads; 0 = all cores */
  int scalars_montgomery;       /* nonzero: scalars are Montgomery form (s*2^256 mod r, LE), as ffjavascript
                                   keeps them (ICICLE's are_scalars_montgomery_form); each must be < r */
} zkmsm_config;

/* What the planner decided for one MSM of n points. */
typedef struct zkmsm_plan_info {
  uint64_t n;
  unsigned c;
  unsigned windows;
  unsigned window_passes;
  uint64_t peak_bytes;    /* bases + working memory the MSM will take */
  uint64_t context_bytes; /* of which resident bases */
} zkmsm_plan_info;

typedef struct zkmsm_context zkmsm_context; /* opaque */

/* Defaults: CPU backend, everything chosen by the planner, no budget. */
void zkmsm_config_default(zkmsm_config* config);
const char* zkmsm_status_name(zkmsm_status status);
const char* zkmsm_version(void);

/* Validates n base records (coordinates < p, on the curve) and prepares them for config->backend
 * (NULL config = defaults). On success *out owns the context; free it with zkmsm_context_free. */
zkmsm_status zkmsm_context_create(const uint8_t* bases, uint64_t n, zkmsm_point_format format,
                                  const zkmsm_config* config, zkmsm_context** out, char* err, size_t err_len);
void zkmsm_context_free(zkmsm_context* ctx); /* NULL is fine */
uint64_t zkmsm_context_size(const zkmsm_context* ctx); /* number of bases */

/* out_point (64 bytes) = sum_{i<n} scalars[i] * bases[i], n <= zkmsm_context_size. config: NULL = the
 * context's; otherwise its budget/c/passes/threads apply (the backend stays the context's). */
zkmsm_status zkmsm_msm(zkmsm_context* ctx, const uint8_t* scalars, uint64_t n, const zkmsm_config* config,
                       uint8_t* out_point, char* err, size_t err_len);

/* zkmsm_msm with the n scalars (canonical, same layout) already in CUDA device memory, 16-byte aligned,
 * read in place (they must be ready: synchronise the stream that wrote them first): CUDA contexts only,
 * no Montgomery-form scalars; a scalar >= r is refused on the device. */
zkmsm_status zkmsm_msm_device(zkmsm_context* ctx, const void* device_scalars, uint64_t n, const zkmsm_config* config,
                              uint8_t* out_point, char* err, size_t err_len);

/* batch MSMs over the same first n bases: scalars holds batch vectors of n scalars back to back
 * (batch*n*32 bytes), out_points receives batch results (batch*64 bytes). Every scalar is checked (CPU:
 * all before the first MSM; CUDA: on the device, item by item); out_points is written only on success. */
zkmsm_status zkmsm_msm_batch(zkmsm_context* ctx, const uint8_t* scalars, uint64_t n, uint64_t batch,
                             const zkmsm_config* config, uint8_t* out_points, char* err, size_t err_len);

/* The plan (c, passes, peak memory) for an MSM of n points on this context under config (NULL = the
 * context's), without running it; ZKMSM_OUT_OF_MEMORY with the smallest feasible budget named in err
 * when the budget cannot fit. */
zkmsm_status zkmsm_context_plan(const zkmsm_context* ctx, uint64_t n, const zkmsm_config* config,
                                zkmsm_plan_info* out, char* err, size_t err_len);

/* The same without a context or a device: plans for config->backend's model (CPU: config->threads or
 * all cores; CUDA: an H100). Useful to size a budget before loading bases. */
zkmsm_status zkmsm_plan(uint64_t n, const zkmsm_config* config, zkmsm_plan_info* out, char* err, size_t err_len);

#ifdef __cplusplus
}
#endif

#endif /* ZKMSM_C_API_H */
