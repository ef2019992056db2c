// Per-backend sizing rules used by the planner: the window width cost model and the buffer list
// for one window-pass width. Pure C++; no backend headers.
#pragma once
#include <cstdint>
#include <vector>

#include "zkmsm/plan.hpp"

namespace zkmsm::plan {

constexpr uint64_t kAffineBytes = 64;   // x, y in Fp (4×64-bit limbs each)
constexpr uint64_t kXyzzBytes = 128;    // X, Y, ZZ, ZZZ
constexpr uint64_t kRegionAlign = 256;  // every region starts on a 256-byte boundary
constexpr unsigned kMinC = 1, kMaxC = 24;
// Both backends index sorted digits with 32-bit bucket offsets, so a pass holds < 2^32 digits.
constexpr uint64_t kMaxPassDigits = UINT32_MAX;

// Bytes a region of `bytes` occupies in the arena (its start to the next region's start).
inline uint64_t aligned_bytes(uint64_t bytes) { return (bytes + kRegionAlign - 1) / kRegionAlign * kRegionAlign; }

inline unsigned window_count(unsigned c) { return (255 + c - 1) / c; }

// Window widths to try, best first, for this n on this device.
std::vector<unsigned> candidate_c(uint64_t n, const DeviceModel& device);

// Every buffer an MSM needs when `windows_per_pass` windows are in flight at once over points taken
// `chunk_points` at a time (n when the scalars are resident at once; offsets unset).
std::vector<Region> backend_regions(uint64_t n, uint64_t chunk_points, unsigned c, unsigned windows_per_pass,
                                    bool scalars_in_place, const DeviceModel& device);
// The most point chunks the CUDA planner tries.
constexpr unsigned kMaxPointChunks = 64;

std::vector<unsigned> cpu_candidate_c(uint64_t n);
std::vector<Region> cpu_regions(uint64_t n, unsigned c, unsigned windows_per_pass, unsigned threads);
std::vector<unsigned> cuda_candidate_c(uint64_t n, const DeviceModel& device);
std::vector<Region> cuda_regions(uint64_t n, uint64_t chunk_points, unsigned c, unsigned windows_per_pass,
                                 bool scalars_in_place, const DeviceModel& device);
// Estimated milliseconds of a CUDA MSM call (scalars from pageable host memory) for a plan's shape:
// ranks the shapes that fit a memory budget when the preferred one does not.
double cuda_estimated_ms(uint64_t n, unsigned c, unsigned passes, unsigned chunks);

}  // namespace zkmsm::plan
