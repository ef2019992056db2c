// Uses only the installed headers: Σ sᵢ·G over bases all equal to G must be (Σ sᵢ)·G; a batch agrees.
#include <zkmsm/msm.hpp>

#include <cstdio>
#include <cstring>
#include <vector>

int main() {
  using namespace zkmsm;
  const uint64_t n = 100;
  std::vector<uint8_t> bases(n * kPointBytes, 0), scalars(n * kScalarBytes, 0), total(kScalarBytes, 0);
  uint64_t sum = 0;
  for (uint64_t i = 0; i < n; ++i) {
    bases[i * 64] = 1;       // G = (1, 2)
    bases[i * 64 + 32] = 2;
    scalars[i * 32] = static_cast<uint8_t>(i + 1);
    sum += i + 1;
  }
  std::memcpy(total.data(), &sum, sizeof sum);
  std::unique_ptr<Context> ctx;
  MsmConfig config;
  config.threads = 2;
  if (Status s = Context::create(bases.data(), n, config, ctx); !s.ok()) {
    std::fprintf(stderr, "create: %s\n", s.message().c_str());
    return 1;
  }
  AffinePoint q, expected;
  if (!ctx->msm(scalars.data(), n, q).ok() || !ctx->msm(total.data(), 1, expected).ok()) return 1;
  std::vector<uint8_t> two(2 * n * kScalarBytes);
  std::memcpy(two.data(), scalars.data(), scalars.size());
  std::memcpy(two.data() + scalars.size(), scalars.data(), scalars.size());
  std::vector<AffinePoint> batch;
  if (!ctx->msm_batch(two.data(), n, 2, batch).ok()) return 1;
  const bool ok = q == expected && batch.size() == 2 && batch[0] == q && batch[1] == q && !q.infinity;
  std::printf("consumer_cpp: zkmsm %s, %s·G = %s: %s\n", version().c_str(), std::to_string(sum).c_str(),
              q.x_hex().c_str(), ok ? "ok" : "MISMATCH");
  return ok ? 0 : 1;
}
