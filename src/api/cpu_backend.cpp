// The CPU backend behind Context: bases held in Montgomery affine form, one working arena per call
// of exactly the planned bytes. Both are 256-byte aligned blocks of exactly the sizes the plan lays
// out (context regions, then the working arena), so the peak it reports is what it really took.
#include <cstring>
#include <memory>
#include <new>
#include <string>
#include <vector>

#include "api/backend.hpp"
#include "cpu/msm_cpu.hpp"
#include "plan/regions.hpp"

namespace zkmsm {
namespace {

struct AlignedDelete {
  void operator()(std::byte* p) const { ::operator delete[](p, std::align_val_t{plan::kRegionAlign}); }
};
using AlignedBlock = std::unique_ptr<std::byte[], AlignedDelete>;

AlignedBlock allocate_block(uint64_t bytes) {
  return AlignedBlock(
      static_cast<std::byte*>(::operator new[](bytes, std::align_val_t{plan::kRegionAlign}, std::nothrow)));
}

static_assert(sizeof(math::G1Affine) == plan::kAffineBytes);

class CpuBackend final : public BackendImpl {
 public:
  CpuBackend(AlignedBlock bases, uint64_t bases_bytes) : bases_(std::move(bases)), bases_bytes_(bases_bytes) {}

  DeviceModel device_model(const MsmConfig& config) const override { return DeviceModel::cpu(config.threads); }

  Status msm(const Plan& plan, const uint64_t* scalars, math::G1Affine& out, uint64_t& peak_bytes) override {
    const uint64_t arena_bytes = plan.working_bytes();
    AlignedBlock arena = allocate_block(arena_bytes);
    if (!arena)
      return Status::OutOfMemory("cannot allocate the " + std::to_string(arena_bytes) + "-byte working arena");
    out = cpu::msm(plan, reinterpret_cast<const math::G1Affine*>(bases_.get()), scalars, arena.get());
    peak_bytes = bases_bytes_ + arena_bytes;
    return Status::Ok();
  }

 private:
  AlignedBlock bases_;
  uint64_t bases_bytes_;  // what was allocated for the bases: the plan's context bytes for n = size()
};

}  // namespace

std::unique_ptr<BackendImpl> make_cpu_backend(std::vector<math::G1Affine> bases) {
  const uint64_t bytes = plan::aligned_bytes(bases.size() * sizeof(math::G1Affine));
  AlignedBlock block = allocate_block(bytes);
  if (!block) return nullptr;
  if (!bases.empty()) std::memcpy(block.get(), bases.data(), bases.size() * sizeof(math::G1Affine));
  return std::make_unique<CpuBackend>(std::move(block), bytes);
}

}  // namespace zkmsm
