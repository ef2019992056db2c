// CPU backend sizing. The CPU executes each window pass in three steps (see src/cpu/msm_cpu.cpp):
// sort every window's nonzero digits bucket-major, accumulate buckets with batch-affine additions in
// fixed-size chunks per thread, then reduce each window's buckets to one point.
#include <algorithm>
#include <cmath>
#include <numeric>

#include "plan/cpu_sizing.hpp"
#include "plan/regions.hpp"

namespace zkmsm::plan {

std::vector<unsigned> cpu_candidate_c(uint64_t n) {
  // Cost in units of one point's work in one window (digit sort + batch-affine addition, ≈ 60–80 ns on
  // the 2-vCPU Xeon dev VM with the IFMA accumulation): each window also reduces its 2^(c−1) buckets
  // (batch-affine running sums over residue classes, src/cpu/msm_cpu.cpp), measured at ≈ 160 ns per
  // bucket there, i.e. ≈ 2–3 point-units (it was ≈ 6 with the XYZZ running sums).
  // Measured with it (2^20, 1 thread: c = 16 1658 ms, 15 +4 %, 17 +3 %; 2^16, 2 threads: c = 13 69 ms,
  // c = 12 +15 %).
  constexpr double kBucketCost = 3.0;
  std::vector<unsigned> cs;
  for (unsigned c = 2; c <= 20; ++c) cs.push_back(c);
  auto cost = [n](unsigned c) {
    return window_count(c) * (static_cast<double>(n) + kBucketCost * std::ldexp(1.0, static_cast<int>(c) - 1));
  };
  std::stable_sort(cs.begin(), cs.end(), [&](unsigned a, unsigned b) { return cost(a) < cost(b); });
  return cs;
}

std::vector<Region> cpu_regions(uint64_t n, unsigned c, unsigned windows_per_pass, unsigned threads) {
  const uint64_t buckets = uint64_t{1} << (c - 1);
  const uint64_t wpp = cpu_windows_in_flight(windows_per_pass, threads);  // windows whose buffers coexist
  const uint64_t chunk = cpu_chunk_len(wpp * n, threads);
  return {
      {"bases", n * kAffineBytes, 0, Lifetime::context},
      {"window_sums", window_count(c) * kXyzzBytes, 0, Lifetime::msm},
      {"bucket_offsets", (wpp * buckets + 1) * sizeof(uint32_t), 0, Lifetime::pass},
      {"sorted_digits", wpp * n * sizeof(uint32_t), 0, Lifetime::pass},
      {"window_digits", wpp * n * sizeof(uint32_t), 0, Lifetime::pass},
      {"buckets", wpp * buckets * kAffineBytes, 0, Lifetime::pass},
      {"chunk_scratch", threads * chunk * kCpuChunkEntryBytes, 0, Lifetime::pass},
      // Bucket pieces cut at chunk edges, combined after the chunks with the same batch-affine
      // reduction (so the piece list also needs the per-entry inversion scratch).
      {"edge_pieces", cpu_edge_piece_capacity(wpp * n, chunk) * kCpuChunkEntryBytes, 0, Lifetime::pass},
  };
}

}  // namespace zkmsm::plan
