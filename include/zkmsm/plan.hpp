// The planner: a pure function from (n, config, device model) to a Plan that names c, the window
// passes and every memory region with its size. Backends execute a Plan and never re-decide a size.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "zkmsm/status.hpp"

namespace zkmsm {

enum class Backend { cpu, cuda, automatic };
const char* backend_name(Backend b);

// What the plan targets. GPU models need no GPU present (plans are data).
struct DeviceModel {
  Backend backend = Backend::cpu;
  std::string name = "cpu";
  unsigned threads = 1;              // CPU worker threads
  unsigned sm_count = 0;             // GPU streaming multiprocessors
  unsigned compute_capability = 0;   // e.g. 90 for sm_90
  uint64_t memory_bytes = 0;         // device (or host) memory available to the MSM

  static DeviceModel cpu(unsigned threads);
  static DeviceModel h100();  // H100 80GB HBM3 (SXM): 132 SMs, sm_90
};

struct MsmConfig {
  Backend backend = Backend::cpu;
  unsigned c = 0;                    // window width in bits; 0 = let the planner choose
  unsigned window_passes = 0;        // 0 = fewest passes that fit the budget; k = force k passes
  unsigned point_chunks = 0;         // CUDA: 0 = planner's choice; k = stream the scalars in k chunks
  uint64_t memory_budget_bytes = 0;  // 0 = no limit
  unsigned threads = 0;              // CPU threads; 0 = hardware concurrency
  // CUDA: the scalars are read in place from device memory (Context::msm_device): no scalars region,
  // one point chunk. The CPU backend always reads the caller's scalars in place; it ignores this.
  bool scalars_in_place = false;
};

enum class Lifetime { context, msm, pass };
const char* lifetime_name(Lifetime l);

// One buffer of the arena: [offset, offset + bytes).
struct Region {
  std::string name;
  uint64_t bytes = 0;
  uint64_t offset = 0;
  Lifetime lifetime = Lifetime::msm;
};

struct Plan {
  uint64_t n = 0;
  unsigned c = 0;
  unsigned windows = 0;          // T = ceil(255 / c)
  unsigned window_passes = 1;
  unsigned windows_per_pass = 0; // ceil(T / window_passes); the last pass may have fewer
  // CUDA: the points are taken in point_chunks chunks of chunk_points() (the last may be shorter):
  // each chunk's scalars are copied in (double-buffered, so a copy overlaps the previous chunk's
  // work), sorted and added into the pass's buckets. 1 = all scalars resident at once.
  unsigned point_chunks = 1;
  bool scalars_in_place = false;  // CUDA: read from the caller's device memory (MsmConfig)
  unsigned threads = 1;
  Backend backend = Backend::cpu;
  std::string device;
  uint64_t budget_bytes = 0;
  uint64_t peak_bytes = 0;       // arena size: every region, aligned, end to end
  std::vector<Region> regions;

  unsigned buckets_per_window() const { return 1u << (c - 1); }  // magnitudes 1..2^(c−1)
  uint64_t chunk_points() const { return (n + point_chunks - 1) / point_chunks; }
  // Windows are spread over passes as evenly as possible: exactly window_passes passes, none empty.
  unsigned pass_first_window(unsigned pass) const;
  unsigned pass_window_count(unsigned pass) const;
  const Region* find(const std::string& name) const;
  // Context regions (resident bases) come first; an MSM call's working arena is the rest.
  uint64_t context_bytes() const;
  uint64_t working_bytes() const { return peak_bytes - context_bytes(); }
};

// Chooses c (if 0) and the fewest window passes whose peak fits the budget (or the forced count);
// c is tried best first, and a worse c only when no pass count of the better one fits. For CUDA, each
// pass count is tried with 1 (2 from 2^19 points on), 2, 4, … 64 point chunks before the next pass
// count (a chunk costs a sort and a bucket update, a pass a sort and a reduction). A device with
// memory_bytes set caps the budget. Fails with a message naming the smallest budget that would fit
// (out_of_memory), or naming the valid range for an impossible c or forced pass count (invalid_argument).
Status make_plan(uint64_t n, const MsmConfig& config, const DeviceModel& device, Plan& out);

// The smallest peak of any plan make_plan may choose for (n, config) on `device`, budget aside:
// the least budget that make_plan accepts (c and a forced pass count are honoured).
Status smallest_peak(uint64_t n, const MsmConfig& config, const DeviceModel& device, uint64_t& out_bytes);

// Human-readable region table and the JSON form (one object).
std::string plan_table(const Plan& plan);
std::string plan_json(const Plan& plan);

}  // namespace zkmsm
