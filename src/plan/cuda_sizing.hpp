// Closed-form sizes of the CUDA backend's buffers, shared by the planner (regions_cuda.cpp) and the
// backend (src/cuda), so that the plan and the kernels can never disagree. Pure C++; no CUDA headers.
#pragma once
#include <algorithm>
#include <cstdint>

#include "plan/regions.hpp"

namespace zkmsm::plan::cuda {

// Level-0 accumulation: the pass's sorted digits are cut into S equal segments, one per thread.
// S = SMs × kSegmentsPerSm (as many warps as fit at once), but no segment shorter than kMinSegment.
constexpr uint64_t kSegmentsPerSm = 640;  // 5 blocks of 128 at 96 registers: one full wave
constexpr uint64_t kMinSegment = 8;
// Combine levels ≥ 1: each warp sums kPieceChunk edge pieces, one per lane, by a segmented scan (depth
// log2(32) = 5 additions); every level leaves ≤ 2 per warp.
constexpr uint64_t kPieceChunk = 32;
// Reduction: buckets are first summed in groups of consecutive ones (running sums, written back over
// the group's first two buckets), so that the bit sums run over fewer entries: the largest of 4, 8, 16
// that leaves at least kReduceGroupsPerSm groups per SM (one thread each), else 4. Serial depth
// against work: reduce ms at 4 / 8 / 16 on the H100 (2026-11-26): 2^16 (c = 11) 0.215 / 0.252 / 0.36,
// 2^18 0.271 / 0.306 / 0.41, 2^20 0.558 / 0.521 / 0.476, 2^22 0.855 / 0.645 / 0.553, 2^24 1.51 / — / 0.93.
constexpr uint64_t kReduceGroupMin = 4;
constexpr uint64_t kReduceGroupMax = 16;
constexpr uint64_t kReduceGroupsPerSm = 128;
// Bucket-offset scan: tiles of kScanTile counters, one partial sum per tile.
constexpr uint64_t kScanTile = 2048;
constexpr uint32_t kNoKey = UINT32_MAX;

inline uint64_t ceil_div(uint64_t a, uint64_t b) { return (a + b - 1) / b; }
inline uint64_t align_up(uint64_t a) { return ceil_div(a, kRegionAlign) * kRegionAlign; }

struct Layout {
  uint64_t windows = 0;          // windows per pass
  uint64_t buckets = 0;          // windows per pass × 2^(c−1)
  uint64_t digit_capacity = 0;   // windows per pass × n (every digit nonzero)
  uint64_t segments = 0;         // level-0 accumulation threads
  uint64_t pieces_a = 0;         // edge-piece slots written by level 0, 2 per warp (and levels 2, 4, …)
  uint64_t pieces_b = 0;         // slots written by level 1 (and 3, 5, …); they only shrink
  uint64_t scan_tiles = 0;
  uint64_t group_size = 0;       // buckets per reduction group (a power of two ≤ 2^(c−1))
  uint64_t groups = 0;           // reduction groups per window
  // The scratch region holds the edge pieces of the accumulation (the reduction works in `buckets`).
  uint64_t piece_points_a_offset() const { return 0; }
  uint64_t piece_points_b_offset() const { return align_up(pieces_a * kXyzzBytes); }
  uint64_t piece_keys_a_offset() const { return piece_points_b_offset() + align_up(pieces_b * kXyzzBytes); }
  uint64_t piece_keys_b_offset() const { return piece_keys_a_offset() + align_up(pieces_a * 4); }
  uint64_t pieces_bytes() const { return piece_keys_b_offset() + align_up(pieces_b * 4); }
  uint64_t scratch_bytes() const { return pieces_bytes(); }
};

inline Layout layout(uint64_t n, unsigned c, unsigned windows_per_pass, unsigned sm_count) {
  Layout l;
  l.windows = windows_per_pass;
  const uint64_t per_window = uint64_t{1} << (c - 1);
  l.buckets = windows_per_pass * per_window;
  l.digit_capacity = windows_per_pass * n;
  const uint64_t sms = std::max(sm_count, 1u);
  const uint64_t max_segments = sms * kSegmentsPerSm;
  l.segments = std::max<uint64_t>(1, std::min(max_segments, ceil_div(l.digit_capacity, kMinSegment)));
  // Level 0 leaves 2 slots per warp (its lanes' pieces joined in registers and shared memory); level
  // k ≥ 1 runs ceil(slots / kPieceChunk) warps over the previous level's slots while the previous
  // level had more than one warp; slots alternate between buffers a and b.
  uint64_t warps = ceil_div(l.segments, 32);
  bool into_a = true;
  l.pieces_a = 2 * warps;
  while (warps > 1) {
    warps = ceil_div(2 * warps, kPieceChunk);
    into_a = !into_a;
    uint64_t& slots = into_a ? l.pieces_a : l.pieces_b;
    slots = std::max(slots, 2 * warps);
  }
  l.scan_tiles = ceil_div(l.buckets, kScanTile);
  l.group_size = kReduceGroupMin;
  while (l.group_size < kReduceGroupMax && l.buckets / (2 * l.group_size) >= sms * kReduceGroupsPerSm)
    l.group_size *= 2;
  l.group_size = std::min(l.group_size, per_window);
  l.groups = per_window / l.group_size;
  return l;
}

}  // namespace zkmsm::plan::cuda
