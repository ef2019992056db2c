// The CPU backend behind Context: bases held in Montgomery affine form, one working arena per call
// of exactly the planned bytes.
#include <memory>
#include <new>
#include <vector>

#include "api/backend.hpp"
#include "cpu/msm_cpu.hpp"

namespace zkmsm {
namespace {

class CpuBackend final : public BackendImpl {
 public:
  explicit CpuBackend(std::vector<math::G1Affine> bases) : bases_(std::move(bases)) {}

  DeviceModel device_model(const MsmConfig& config) const override { return DeviceModel::cpu(config.threads); }

  Status msm(const Plan& plan, const uint64_t* scalars, math::G1Affine& out, uint64_t& peak_bytes) override {
    std::unique_ptr<std::byte[]> arena(new (std::nothrow) std::byte[plan.working_bytes()]);
    if (!arena && plan.working_bytes())
      return Status::OutOfMemory("cannot allocate the " + std::to_string(plan.working_bytes()) + "-byte working arena");
    out = cpu::msm(plan, bases_.data(), scalars, arena.get());
    peak_bytes = plan.n * sizeof(math::G1Affine) + plan.working_bytes();
    return Status::Ok();
  }

 private:
  std::vector<math::G1Affine> bases_;
};

}  // namespace

std::unique_ptr<BackendImpl> make_cpu_backend(std::vector<math::G1Affine> bases) {
  return std::make_unique<CpuBackend>(std::move(bases));
}

}  // namespace zkmsm
