// CPU backend sizing helpers shared by the planner's region list (regions_cpu.cpp) and the CPU
// backend (src/cpu/msm_cpu.cpp), so both compute the same sizes.
#pragma once
#include <cstdint>

#include "plan/regions.hpp"

namespace zkmsm::plan {

// Each accumulation entry holds a point, its bucket key and two inversion scratch elements.
constexpr uint64_t kCpuChunkEntryBytes = kAffineBytes + sizeof(uint32_t) + 2 * 32;

// Accumulation chunk: the sorted digits are cut into chunks of this many entries, one chunk per task.
// Longer chunks mean fewer batch-affine rounds per inversion (measured on the dev VM, 2^20, 1 thread:
// 16384 is 3 % faster than 8192 and 11 % faster than 4096; 16384 entries × 132 B = 2.1 MiB per thread);
// but at small n a sub-batch must still split into several chunks per thread, so the chunk shrinks to
// ≈ digits / (4·threads), down to 1024. `max_digits` = windows in flight × n.
constexpr uint64_t kCpuChunkMax = 16384, kCpuChunkMin = 1024;
inline uint64_t cpu_chunk_len(uint64_t max_digits, unsigned threads) {
  const uint64_t want = max_digits / (4 * uint64_t{threads ? threads : 1});
  uint64_t len = kCpuChunkMin;
  while (len < want && len < kCpuChunkMax) len *= 2;
  return len;
}
inline uint64_t cpu_chunk_count(uint64_t digits, uint64_t chunk_len) { return (digits + chunk_len - 1) / chunk_len; }

// Bucket pieces cut at chunk edges (two per chunk), combined after the chunks; at least 16 entries so
// the vector (IFMA) round's groups of 8 pairs fit the piece list's inversion scratch.
inline uint64_t cpu_edge_piece_capacity(uint64_t digits, uint64_t chunk_len) {
  const uint64_t pieces = 2 * cpu_chunk_count(digits, chunk_len);
  return pieces < 16 ? 16 : pieces;
}

// Within a window pass the CPU sorts, accumulates and reduces `threads` windows at a time (one window
// per thread in the sort and the reduction; the accumulation chunks span them all), so its per-pass
// buffers hold this many windows, not the whole pass.
inline unsigned cpu_windows_in_flight(unsigned windows_per_pass, unsigned threads) {
  return windows_per_pass < threads ? windows_per_pass : (threads ? threads : 1);
}

}  // namespace zkmsm::plan
