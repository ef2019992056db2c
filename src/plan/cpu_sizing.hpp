// CPU backend sizing helpers shared by the planner's region list (regions_cpu.cpp) and the CPU
// backend (src/cpu/msm_cpu.cpp), so both compute the same sizes.
#pragma once
#include <cstdint>

#include "plan/regions.hpp"

namespace zkmsm::plan {

// Bucket pieces cut at chunk edges (two per chunk), combined after the chunks; at least 16 entries so
// the vector (IFMA) round's groups of 8 pairs fit the piece list's inversion scratch.
inline uint64_t cpu_edge_piece_capacity(uint64_t digits) {
  const uint64_t pieces = 2 * cpu_chunk_count(digits);
  return pieces < 16 ? 16 : pieces;
}

// Within a window pass the CPU sorts, accumulates and reduces `threads` windows at a time (one window
// per thread in the sort and the reduction; the accumulation chunks span them all), so its per-pass
// buffers hold this many windows, not the whole pass.
inline unsigned cpu_windows_in_flight(unsigned windows_per_pass, unsigned threads) {
  return windows_per_pass < threads ? windows_per_pass : (threads ? threads : 1);
}

}  // namespace zkmsm::plan
