// CUDA backend sizing (first cut; the CUDA backend owns this file and keeps it exact).
// Per pass: a counting sort of the pass's nonzero digits (count → scan → scatter, no digit storage),
// equal-size segments of the sorted digits summed per thread with edge pieces combined afterwards,
// then a per-window reduction and a fold on the device.
#include <algorithm>

#include "plan/regions.hpp"

namespace zkmsm::plan {

std::vector<unsigned> cuda_candidate_c(uint64_t n, const DeviceModel& device) {
  (void)device;
  std::vector<unsigned> cs = cpu_candidate_c(n);
  return cs;
}

std::vector<Region> cuda_regions(uint64_t n, unsigned c, unsigned windows_per_pass, const DeviceModel& device) {
  (void)device;
  const uint64_t buckets = uint64_t{1} << (c - 1);
  const uint64_t wpp = windows_per_pass;
  return {
      {"bases", n * kAffineBytes, 0, Lifetime::context},
      {"scalars", n * 32, 0, Lifetime::msm},
      {"window_sums", window_count(c) * kXyzzBytes, 0, Lifetime::msm},
      {"bucket_offsets", (wpp * buckets + 1) * sizeof(uint32_t), 0, Lifetime::pass},
      {"sorted_digits", wpp * n * sizeof(uint32_t), 0, Lifetime::pass},
      {"buckets", wpp * buckets * kXyzzBytes, 0, Lifetime::pass},
  };
}

}  // namespace zkmsm::plan
