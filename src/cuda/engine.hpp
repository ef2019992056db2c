// The CUDA MSM engine: bases resident on one device, one arena per engine, window passes on the GPU,
// Horner fold on the host. Plain C++ header (no CUDA types) so host-only code (the backend wrapper,
// tests, benchmarks) can drive it.
//
// Arena policy: the engine allocates one device buffer at creation, of exactly the planned peak for
// its full base count (bases first, then the working regions). It is re-sized to exactly bases + a
// later plan's working bytes when that plan needs more (grow), or when the arena is larger than that
// call's memory budget (shrink, so a budget always bounds the device memory held during the call).
// Otherwise it is reused as is. Re-sizing reads the bases back, frees the old arena, then allocates
// the new one (two arenas never coexist) and re-uploads the bases. Nothing else is allocated on the
// device during an MSM.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "math/g1.hpp"
#include "zkmsm/plan.hpp"
#include "zkmsm/status.hpp"

namespace zkmsm::cuda {

struct DeviceInfo {
  std::string name;
  unsigned sm_count = 0;
  unsigned compute_capability = 0;
  uint64_t memory_bytes = 0;
};

// False on machines without a usable CUDA device (any runtime error counts as "none").
bool device_present();
Status query_device(DeviceInfo& out);
DeviceModel device_model(const DeviceInfo& info);

struct RunTimings {
  float gpu_ms = 0;       // CUDA events: first kernel of the first pass → window sums ready (streamed:
                          // includes waiting for the chunk copies)
  float upload_ms = 0;    // CUDA events around the scalar copy (0 when scalars were resident)
  // The first pass's phases (the whole MSM when it has one pass), CUDA events; 0 when streamed.
  float sort_ms = 0, accumulate_ms = 0, reduce_ms = 0;
};

class Engine {
 public:
  // Uploads `bases` (Montgomery affine) into a fresh arena sized by `initial_plan` (made for all of
  // them with this engine's device model).
  static Status create(const std::vector<math::G1Affine>& bases, const Plan& initial_plan,
                       std::unique_ptr<Engine>& out);
  ~Engine();

  const DeviceInfo& device() const;
  DeviceModel model() const;
  uint64_t arena_bytes() const;  // the one device allocation this engine holds
  uint64_t base_count() const;

  // Grows the arena if `plan` needs more working memory than it has.
  Status reserve(const Plan& plan);
  // Copies plan.n host scalars (4 limbs each) into the plan's "scalars" region (plans with one point
  // chunk only).
  Status upload_scalars(const Plan& plan, const uint64_t* h_scalars);
  // Runs every window pass on the scalars already in the "scalars" region; folds on the host (plans
  // with one point chunk only). Like msm, refuses the MSM (naming the least index) if a scalar is
  // ≥ r: the digit count checks them on the device.
  Status run(const Plan& plan, math::G1Affine& out, RunTimings* timings = nullptr);
  // reserve, then upload + run, or with point chunks every pass streaming the scalars chunk by chunk.
  Status msm(const Plan& plan, const uint64_t* h_scalars, math::G1Affine& out, RunTimings* timings = nullptr);
  // reserve, then every pass reading plan.n scalars in place from d_scalars (a plan made with
  // scalars_in_place; refuses a pointer that is not 16-byte aligned CUDA device or managed memory).
  Status msm_device(const Plan& plan, const void* d_scalars, math::G1Affine& out, RunTimings* timings = nullptr);

  struct State;
  explicit Engine(std::unique_ptr<State> state);

 private:
  // Loads every kernel and pins the initial plan's staging (part of create).
  Status warm_up(const Plan& initial_plan);
  // Every pass; the scalars come from h_scalars (streamed plans), d_in_place, or the "scalars" region.
  Status execute(const Plan& plan, const uint64_t* h_scalars, const uint64_t* d_in_place, math::G1Affine& out,
                 RunTimings* timings);
  std::unique_ptr<State> state_;
};

}  // namespace zkmsm::cuda
