// CUDA backend sizing: exactly the buffers src/cuda allocates inside its arena (closed forms in
// plan/cuda_sizing.hpp). Per window pass:
//   sort        bucket_ends (count → exclusive scan → scatter cursor → bucket ends), scan_partials,
//               sorted_digits (point index | sign, bucket-major);
//   accumulate  equal segments of the sorted digits per thread into XYZZ buckets; bucket pieces cut
//               at segment edges go to `scratch` and are combined level by level;
//   reduce      per window and bit b of the bucket magnitude, the sum of the buckets with that bit
//               (Σ_k k·B_k = Σ_b 2^b·Σ_{k ∋ b} B_k), each a block-wide tree sum.
// The T·c bit sums (XYZZ) live across passes; the host folds them (one Horner step per bit) after
// the last pass.
#include <algorithm>
#include <cmath>

#include "plan/cuda_sizing.hpp"
#include "plan/regions.hpp"

namespace zkmsm::plan {

std::vector<unsigned> cuda_candidate_c(uint64_t n, const DeviceModel& device) {
  (void)device;
  // Cost in mixed-add units: every window adds each point once, and its 2^(c−1) buckets cost ≈ 8
  // mixed adds each (the edge pieces, the bucket groups and bit sums of the reduction), plus a fixed
  // 20000 per window (launches, sort). Fitted to c sweeps on an H100 (2026-11-26, uniform, GPU ms):
  // 2^16 c = 11 0.87, 12 0.83, 13 0.82, 14 0.92; 2^18 13 1.83, 14 1.77, 15 1.77; 2^20 14 5.38, 15 5.15,
  // 16 5.50; 2^22 15 17.6, 16 17.2, 17 17.1. It picks 12 / 13 / 15 / 17 / 17 at 2^16 / 18 / 20 / 22 / 24.
  std::vector<unsigned> cs;
  for (unsigned c = 4; c <= 20; ++c) cs.push_back(c);
  auto cost = [n](unsigned c) {
    const double buckets = std::ldexp(1.0, static_cast<int>(c) - 1);
    return window_count(c) * (static_cast<double>(n) + 8.0 * buckets + 20000.0);
  };
  std::stable_sort(cs.begin(), cs.end(), [&](unsigned a, unsigned b) { return cost(a) < cost(b); });
  return cs;
}

std::vector<Region> cuda_regions(uint64_t n, uint64_t chunk_points, unsigned c, unsigned windows_per_pass,
                                 const DeviceModel& device) {
  const cuda::Layout l = cuda::layout(chunk_points, c, windows_per_pass, device.sm_count);
  // Streamed (chunk_points < n): two chunk buffers, one filling while the other is sorted.
  const uint64_t scalar_slots = chunk_points < n ? 2 * chunk_points : n;
  return {
      {"bases", n * kAffineBytes, 0, Lifetime::context},
      {"scalars", scalar_slots * 32, 0, Lifetime::msm},
      {"bit_sums", window_count(c) * c * kXyzzBytes, 0, Lifetime::msm},
      {"bucket_ends", l.buckets * sizeof(uint32_t), 0, Lifetime::pass},
      {"scan_partials", l.scan_tiles * sizeof(uint32_t), 0, Lifetime::pass},
      {"sorted_digits", l.digit_capacity * sizeof(uint32_t), 0, Lifetime::pass},
      {"buckets", l.buckets * kXyzzBytes, 0, Lifetime::pass},
      {"scratch", l.scratch_bytes(), 0, Lifetime::pass},
  };
}

}  // namespace zkmsm::plan
