// The CUDA backend behind zkmsm::Context: a thin wrapper over cuda::Engine.
#include "api/backend.hpp"
#include "cuda/engine.hpp"

namespace zkmsm {
namespace {

class CudaBackend final : public BackendImpl {
 public:
  explicit CudaBackend(std::unique_ptr<cuda::Engine> engine) : engine_(std::move(engine)) {}

  DeviceModel device_model(const MsmConfig&) const override { return engine_->model(); }
  // The digit count refuses scalars ≥ r on the device: a host check read them at ~7 GB/s, 4.8 ms of
  // the 11.9 of an MSM call at 2^20 (H100 host, 2026-11-26).
  bool checks_scalars() const override { return true; }

  Status msm(const Plan& plan, const uint64_t* scalars, math::G1Affine& out, uint64_t& peak_bytes) override {
    Status s = engine_->msm(plan, scalars, out);
    peak_bytes = engine_->arena_bytes();
    return s;
  }
  Status msm_device(const Plan& plan, const void* d_scalars, math::G1Affine& out, uint64_t& peak_bytes) override {
    Status s = engine_->msm_device(plan, d_scalars, out);
    peak_bytes = engine_->arena_bytes();
    return s;
  }

 private:
  std::unique_ptr<cuda::Engine> engine_;
};

}  // namespace

bool cuda_available() { return cuda::device_present(); }

Status make_cuda_backend(const std::vector<math::G1Affine>& bases, const MsmConfig& config,
                         std::unique_ptr<BackendImpl>& out) {
  if (!cuda::device_present()) return Status::Unavailable("no CUDA device is available");
  cuda::DeviceInfo info;
  if (Status s = cuda::query_device(info); !s.ok()) return s;
  Plan plan;
  if (Status s = make_plan(bases.size(), config, cuda::device_model(info), plan); !s.ok()) return s;
  std::unique_ptr<cuda::Engine> engine;
  if (Status s = cuda::Engine::create(bases, plan, engine); !s.ok()) return s;
  out = std::make_unique<CudaBackend>(std::move(engine));
  return Status::Ok();
}

}  // namespace zkmsm
