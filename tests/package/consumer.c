/* C consumer of the installed package: plan, create, run, free. */
#include <stdio.h>
#include <string.h>
#include <zkmsm/c_api.h>

int main(void) {
  char err[256];
  zkmsm_config cfg;
  zkmsm_config_default(&cfg);
  cfg.threads = 2;
  zkmsm_plan_info plan;
  if (zkmsm_plan(1u << 16, &cfg, &plan, err, sizeof err) != ZKMSM_OK) return fprintf(stderr, "%s\n", err), 1;
  uint8_t bases[64] = {1}, scalar[32] = {5}, q[64], q5[64];
  bases[32] = 2;
  zkmsm_context* ctx = NULL;
  if (zkmsm_context_create(bases, 1, ZKMSM_POINTS_RAW, &cfg, &ctx, err, sizeof err) != ZKMSM_OK)
    return fprintf(stderr, "%s\n", err), 1;
  int ok = zkmsm_msm(ctx, scalar, 1, NULL, q, err, sizeof err) == ZKMSM_OK;
  /* 5·G once more through a batch of one. */
  ok = ok && zkmsm_msm_batch(ctx, scalar, 1, 1, NULL, q5, err, sizeof err) == ZKMSM_OK && memcmp(q, q5, 64) == 0;
  zkmsm_context_free(ctx);
  printf("consumer_c: plan for 2^16: c = %u, %u pass(es), peak %llu bytes; 5·G %s\n", plan.c, plan.window_passes,
         (unsigned long long)plan.peak_bytes, ok ? "ok" : "FAILED");
  return ok ? 0 : 1;
}
