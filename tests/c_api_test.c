/* The C API from C: contexts from every in-memory point format, single and batch MSMs, plans, and error
 * handling (status codes, the caller's error buffer, truncation). Prints one line per failed check;
 * exit 0 when all pass. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zkmsm/c_api.h"

static int failures = 0;
#define CHECK(cond)                                                  \
  do {                                                               \
    if (!(cond)) {                                                   \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
      failures++;                                                    \
    }                                                                \
  } while (0)

/* p and r, little-endian. */
static const uint8_t P_LE[32] = {0x47, 0xfd, 0x7c, 0xd8, 0x16, 0x8c, 0x20, 0x3c, 0x8d, 0xca, 0x71,
                                 0x68, 0x91, 0x6a, 0x81, 0x97, 0x5d, 0x58, 0x81, 0x81, 0xb6, 0x45,
                                 0x50, 0xb8, 0x29, 0xa0, 0x31, 0xe1, 0x72, 0x4e, 0x64, 0x30};
static const uint8_t R_LE[32] = {0x01, 0x00, 0x00, 0xf0, 0x93, 0xf5, 0xe1, 0x43, 0x91, 0x70, 0xb9,
                                 0x79, 0x48, 0xe8, 0x33, 0x28, 0x5d, 0x58, 0x81, 0x81, 0xb6, 0x45,
                                 0x50, 0xb8, 0x29, 0xa0, 0x31, 0xe1, 0x72, 0x4e, 0x64, 0x30};

static void set_small(uint8_t* le32, uint64_t v) {
  memset(le32, 0, 32);
  for (int i = 0; i < 8; ++i) le32[i] = (uint8_t)(v >> (8 * i));
}

/* G = (1, 2) in raw layout. */
static void generator(uint8_t* rec) {
  memset(rec, 0, 64);
  rec[0] = 1;
  rec[32] = 2;
}

static void reverse32(const uint8_t* in, uint8_t* out) {
  for (int i = 0; i < 32; ++i) out[i] = in[31 - i];
}

/* barretenberg: the same four 64-bit limbs, each limb's bytes reversed. */
static void limbs_be(const uint8_t* in, uint8_t* out) {
  for (int l = 0; l < 4; ++l)
    for (int k = 0; k < 8; ++k) out[8 * l + k] = in[8 * l + 7 - k];
}

static int is_zero(const uint8_t* b, size_t n) {
  for (size_t i = 0; i < n; ++i)
    if (b[i]) return 0;
  return 1;
}

int main(void) {
  char err[256];
  zkmsm_config cfg;
  zkmsm_config_default(&cfg);
  cfg.threads = 2;
  printf("zkmsm %s\n", zkmsm_version());

  enum { N = 8 };
  uint8_t bases[N * 64];
  for (int i = 0; i < N; ++i) generator(bases + 64 * i);
  generator(bases + 64 * 5);
  memset(bases + 64 * 6, 0, 64); /* one infinity */

  zkmsm_context* ctx = NULL;
  zkmsm_status st = zkmsm_context_create(bases, N, ZKMSM_POINTS_RAW, &cfg, &ctx, err, sizeof err);
  CHECK(st == ZKMSM_OK);
  if (st != ZKMSM_OK) {
    fprintf(stderr, "create: %s: %s\n", zkmsm_status_name(st), err);
    return 1;
  }
  CHECK(zkmsm_context_size(ctx) == N);

  /* Σ sᵢ·G with s = 1..8 (infinity at 6): (36 − 7)·G = 29·G = msm([G], [29]). */
  uint8_t scalars[N * 32], q[64], q1[64];
  for (int i = 0; i < N; ++i) set_small(scalars + 32 * i, (uint64_t)(i + 1));
  CHECK(zkmsm_msm(ctx, scalars, N, NULL, q, err, sizeof err) == ZKMSM_OK);
  /* a host pointer is not device memory (and a CPU context takes no device scalars) */
  CHECK(zkmsm_msm_device(ctx, scalars, N, NULL, q1, err, sizeof err) == ZKMSM_INVALID_ARGUMENT);
  CHECK(strstr(err, "device") != NULL);
  uint8_t s29[32];
  set_small(s29, 29);
  CHECK(zkmsm_msm(ctx, s29, 1, NULL, q1, err, sizeof err) == ZKMSM_OK);
  CHECK(memcmp(q, q1, 64) == 0);
  CHECK(!is_zero(q, 64));

  /* (r − 1)·G = −G = (1, p − 2); (r − 1)·G + G = infinity (64 zero bytes). */
  uint8_t s2[64];
  memcpy(s2, R_LE, 32);
  s2[0] -= 1;
  set_small(s2 + 32, 1);
  CHECK(zkmsm_msm(ctx, s2, 1, NULL, q, err, sizeof err) == ZKMSM_OK);
  uint8_t neg_g[64];
  memset(neg_g, 0, 64);
  neg_g[0] = 1;
  memcpy(neg_g + 32, P_LE, 32);
  neg_g[32] -= 2;
  CHECK(memcmp(q, neg_g, 64) == 0);
  CHECK(zkmsm_msm(ctx, s2, 2, NULL, q, err, sizeof err) == ZKMSM_OK);
  CHECK(is_zero(q, 64));

  /* Batch of 3 equals 3 single MSMs; a budgeted config still gives the same answer. */
  uint8_t batch[3 * N * 32], out3[3 * 64];
  for (int b = 0; b < 3; ++b)
    for (int i = 0; i < N; ++i) set_small(batch + 32 * (b * N + i), (uint64_t)(1000 * b + 7 * i + 3));
  CHECK(zkmsm_msm_batch(ctx, batch, N, 3, NULL, out3, err, sizeof err) == ZKMSM_OK);
  zkmsm_config forced = cfg;
  forced.window_passes = 2;
  for (int b = 0; b < 3; ++b) {
    CHECK(zkmsm_msm(ctx, batch + 32 * N * b, N, &forced, q, err, sizeof err) == ZKMSM_OK);
    CHECK(memcmp(q, out3 + 64 * b, 64) == 0);
  }

  /* Montgomery scalars: 1 is stored as 2^256 mod r. (r − 1)·G + 1·G via Montgomery = infinity again;
   * a Montgomery value >= r is refused. */
  {
    static const uint8_t ONE_MONT[32] = {0xfb, 0xff, 0xff, 0x4f, 0x1c, 0x34, 0x96, 0xac, 0x29, 0xcd, 0x60,
                                         0x9f, 0x95, 0x76, 0xfc, 0x36, 0x2e, 0x46, 0x79, 0x78, 0x6f, 0xa3,
                                         0x6e, 0x66, 0x2f, 0xdf, 0x07, 0x9a, 0xc1, 0x77, 0x0a, 0x0e};
    zkmsm_config mont = cfg;
    mont.scalars_montgomery = 1;
    uint8_t one[32], q2[64];
    memcpy(one, ONE_MONT, 32);
    CHECK(zkmsm_msm(ctx, one, 1, &mont, q, err, sizeof err) == ZKMSM_OK);
    set_small(one, 1);
    CHECK(zkmsm_msm(ctx, one, 1, NULL, q2, err, sizeof err) == ZKMSM_OK);
    CHECK(memcmp(q, q2, 64) == 0 && !is_zero(q, 64));
    memcpy(one, R_LE, 32);
    CHECK(zkmsm_msm(ctx, one, 1, &mont, q, err, sizeof err) == ZKMSM_INVALID_ARGUMENT);
    CHECK(strstr(err, "Montgomery") != NULL);
  }

  /* The same bases in the other layouts give the same results. */
  {
    uint8_t bb[N * 64], gnark[N * 64], ark[N * 64];
    for (int i = 0; i < N; ++i) {
      const uint8_t* r = bases + 64 * i;
      limbs_be(r, bb + 64 * i);
      limbs_be(r + 32, bb + 64 * i + 32);
      reverse32(r, gnark + 64 * i);
      reverse32(r + 32, gnark + 64 * i + 32);
      memcpy(ark + 64 * i, r, 64);
      if (is_zero(r, 64)) {
        memset(bb + 64 * i, 0xff, 64);
        ark[64 * i + 63] = 0x40;
      }
    }
    const zkmsm_point_format formats[3] = {ZKMSM_POINTS_BB, ZKMSM_POINTS_GNARK, ZKMSM_POINTS_ARKWORKS};
    const uint8_t* data[3] = {bb, gnark, ark};
    for (int f = 0; f < 3; ++f) {
      zkmsm_context* other = NULL;
      CHECK(zkmsm_context_create(data[f], N, formats[f], &cfg, &other, err, sizeof err) == ZKMSM_OK);
      if (!other) continue;
      uint8_t o3[3 * 64];
      CHECK(zkmsm_msm_batch(other, batch, N, 3, NULL, o3, err, sizeof err) == ZKMSM_OK);
      CHECK(memcmp(o3, out3, sizeof o3) == 0);
      zkmsm_context_free(other);
    }
  }

  /* Plans: ask the peak for a budget before running. */
  zkmsm_plan_info plan;
  CHECK(zkmsm_context_plan(ctx, N, NULL, &plan, err, sizeof err) == ZKMSM_OK);
  CHECK(plan.n == N && plan.c > 0 && plan.window_passes >= 1 && plan.peak_bytes >= plan.context_bytes);
  zkmsm_config budget = cfg;
  budget.memory_budget_bytes = 96ull << 20;
  CHECK(zkmsm_plan(1u << 20, &budget, &plan, err, sizeof err) == ZKMSM_OK);
  CHECK(plan.peak_bytes <= budget.memory_budget_bytes);
  budget.memory_budget_bytes = 1000;
  st = zkmsm_plan(1u << 20, &budget, &plan, err, sizeof err);
  CHECK(st == ZKMSM_OUT_OF_MEMORY && strstr(err, "smallest feasible") != NULL);
  printf("1000-byte budget at 2^20: %s: %s\n", zkmsm_status_name(st), err);

  /* Errors: status code plus a message in the caller's buffer; nothing thrown, nothing written. */
  uint8_t bad_scalars[N * 32];
  memcpy(bad_scalars, scalars, sizeof bad_scalars);
  memset(bad_scalars + 32 * 3, 0xff, 32);
  memset(q, 0xaa, 64);
  st = zkmsm_msm(ctx, bad_scalars, N, NULL, q, err, sizeof err);
  CHECK(st == ZKMSM_INVALID_ARGUMENT && strstr(err, "scalar 3") != NULL);
  CHECK(q[0] == 0xaa);
  printf("scalar >= r: %s: %s\n", zkmsm_status_name(st), err);
  CHECK(zkmsm_msm(ctx, scalars, N + 1, NULL, q, err, sizeof err) == ZKMSM_INVALID_ARGUMENT);
  CHECK(zkmsm_msm(NULL, scalars, N, NULL, q, err, sizeof err) == ZKMSM_INVALID_ARGUMENT);
  CHECK(zkmsm_msm(ctx, scalars, N, NULL, NULL, err, sizeof err) == ZKMSM_INVALID_ARGUMENT);
  CHECK(zkmsm_msm_batch(ctx, batch, N, 0, NULL, out3, err, sizeof err) == ZKMSM_INVALID_ARGUMENT);
  char tiny[8];
  CHECK(zkmsm_msm(ctx, bad_scalars, N, NULL, q, tiny, sizeof tiny) == ZKMSM_INVALID_ARGUMENT);
  CHECK(strlen(tiny) == sizeof tiny - 1);
  CHECK(zkmsm_msm(ctx, bad_scalars, N, NULL, q, NULL, 0) == ZKMSM_INVALID_ARGUMENT);

  uint8_t off_curve[2 * 64];
  generator(off_curve);
  generator(off_curve + 64);
  off_curve[64 + 32] = 3;
  zkmsm_context* none = (zkmsm_context*)&err; /* must be reset to NULL on failure */
  st = zkmsm_context_create(off_curve, 2, ZKMSM_POINTS_RAW, &cfg, &none, err, sizeof err);
  CHECK(st == ZKMSM_INVALID_ARGUMENT && none == NULL && strstr(err, "point 1") != NULL);
  printf("off-curve base: %s: %s\n", zkmsm_status_name(st), err);
  memcpy(off_curve + 64, P_LE, 32); /* x = p */
  st = zkmsm_context_create(off_curve, 2, ZKMSM_POINTS_RAW, &cfg, &none, err, sizeof err);
  CHECK(st == ZKMSM_INVALID_ARGUMENT && strstr(err, "not below p") != NULL);
  CHECK(zkmsm_context_create(bases, N, (zkmsm_point_format)42, &cfg, &none, err, sizeof err) ==
        ZKMSM_INVALID_ARGUMENT);
  zkmsm_config bad_backend = cfg;
  bad_backend.backend = 9;
  CHECK(zkmsm_context_create(bases, N, ZKMSM_POINTS_RAW, &bad_backend, &none, err, sizeof err) ==
        ZKMSM_INVALID_ARGUMENT);

  /* CUDA: works where built and present, else says it is unavailable. */
  zkmsm_config cuda = cfg;
  cuda.backend = ZKMSM_BACKEND_CUDA;
  zkmsm_context* gpu = NULL;
  st = zkmsm_context_create(bases, N, ZKMSM_POINTS_RAW, &cuda, &gpu, err, sizeof err);
  CHECK(st == ZKMSM_OK || st == ZKMSM_UNAVAILABLE);
  printf("cuda backend: %s%s%s\n", zkmsm_status_name(st), st ? ": " : "", st ? err : "");
  zkmsm_context_free(gpu);

  zkmsm_context_free(ctx);
  zkmsm_context_free(NULL);
  if (failures) fprintf(stderr, "%d check(s) failed\n", failures);
  else printf("c_api_test: all checks passed\n");
  return failures ? 1 : 0;
}
