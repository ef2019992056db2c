// CUDA backend sizing: exactly the buffers src/cuda allocates inside its arena (closed forms in
// plan/cuda_sizing.hpp). Per window pass:
//   sort        bucket_ends (count → exclusive scan → scatter cursor → bucket ends), scan_partials,
//               sorted_digits (point index | sign, bucket-major);
//   accumulate  equal segments of the sorted digits per thread into XYZZ buckets; bucket pieces cut
//               at segment edges are joined per warp, the rest go to `scratch` (2 per warp) and are
//               combined level by level;
//   reduce      per window: groups of g = 4–16 buckets by running sums (U_q, V_q, written over the
//               group's first two buckets), then per bit b a block-wide sum of the V_q whose q has bit b
//               (Σ_k k·B_k = Σ_q U_q + g·Σ_b 2^b·T_b).
// The T·c bit sums (XYZZ) live across passes; the host folds them (one Horner step per bit) after
// the last pass.
#include <algorithm>
#include <cmath>

#include "plan/cuda_sizing.hpp"
#include "plan/regions.hpp"

namespace zkmsm::plan {

std::vector<unsigned> cuda_candidate_c(uint64_t n, const DeviceModel& device) {
  (void)device;
  // Cost in mixed-add units: every window adds each point once, and its 2^(c−1) buckets cost ≈ 12
  // mixed adds each (edge pieces, the running-sum update of every chunk, the reduction), plus a fixed
  // 20000 per window (launches, sort). The weight 12 fits the first c sweep on an H100 (2026-11-26,
  // docs/CUDA.md): best c = 11 at 2^16, 15 at 2^20 (flat 14..16). Refitted to this session's sweeps of
  // resident plans (weight 8) it picked 1–2 wider windows: 2^16 and resident 2^22 4 % / 2 % faster,
  // but the default streamed plans (2 chunks, each touching every bucket) at 2^19 / 2^21 / 2^22
  // 21 % / 11 % / 8 % slower (H100, same day), so the weight stays 12.
  std::vector<unsigned> cs;
  for (unsigned c = 4; c <= 20; ++c) cs.push_back(c);
  auto cost = [n](unsigned c) {
    const double buckets = std::ldexp(1.0, static_cast<int>(c) - 1);
    return window_count(c) * (static_cast<double>(n) + 12.0 * buckets + 20000.0);
  };
  std::stable_sort(cs.begin(), cs.end(), [&](unsigned a, unsigned b) { return cost(a) < cost(b); });
  return cs;
}

// Non-negative least-squares fit (relative error) to 59 timed plans, n = 2^18..2^24, c = 10..17, 1..9
// passes, 1..64 point chunks (H100, 2026-11-26 21:47–21:50 UTC at d6b7d23; bench/cuda/h100_d6b7d23_*.jsonl):
// rms error 7 %, worst 17 %. Terms, in ms: 0.28 per million (point, window) digits; 5.01 per million
// buckets (sort scan, reduction); 26 µs per (pass, window); with chunks, 194 µs per (pass, chunk) and
// 2.7 µs per (chunk, window); without, the copy in one piece (0.19 per million points: pinned staging,
// its DMA behind the host's copy). Scalars copied again in further passes fitted at zero: the copies
// overlap the work. (The fit before the pipelined copies, session 3: 2.41 per million points in one
// piece, 163 µs per (pass, chunk).)
double cuda_estimated_ms(uint64_t n, unsigned c, unsigned passes, unsigned chunks) {
  const double points = static_cast<double>(n) / 1e6, windows = window_count(c);
  const double buckets = windows * std::ldexp(1.0, static_cast<int>(c) - 1) / 1e6;
  double ms = 0.2820 * windows * points + 5.0134 * buckets + 0.0264 * passes * windows;
  if (chunks > 1) ms += 0.1942 * passes * chunks + 0.0027 * chunks * windows;
  else ms += 0.1861 * points;
  return ms;
}

std::vector<Region> cuda_regions(uint64_t n, uint64_t chunk_points, unsigned c, unsigned windows_per_pass,
                                 bool scalars_in_place, const DeviceModel& device) {
  const cuda::Layout l = cuda::layout(chunk_points, c, windows_per_pass, device.sm_count);
  // Streamed (chunk_points < n): two chunk buffers, one filling while the other is sorted; none when
  // the kernels read the caller's device memory.
  const uint64_t scalar_slots = scalars_in_place ? 0 : chunk_points < n ? 2 * chunk_points : n;
  return {
      {"bases", n * kAffineBytes, 0, Lifetime::context},
      {"scalars", scalar_slots * 32, 0, Lifetime::msm},
      {"bit_sums", window_count(c) * c * kXyzzBytes, 0, Lifetime::msm},
      {"scalar_check", sizeof(uint32_t), 0, Lifetime::msm},
      {"bucket_ends", l.buckets * sizeof(uint32_t), 0, Lifetime::pass},
      {"scan_partials", l.scan_tiles * sizeof(uint32_t), 0, Lifetime::pass},
      {"sorted_digits", l.digit_capacity * sizeof(uint32_t), 0, Lifetime::pass},
      {"buckets", l.buckets * kXyzzBytes, 0, Lifetime::pass},
      {"scratch", l.scratch_bytes(), 0, Lifetime::pass},
  };
}

}  // namespace zkmsm::plan
