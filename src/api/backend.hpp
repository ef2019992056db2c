// What a backend implements behind zkmsm::Context.
#pragma once
#include <cstdint>
#include <vector>

#include "math/g1.hpp"
#include "zkmsm/msm.hpp"

namespace zkmsm {

class BackendImpl {
 public:
  virtual ~BackendImpl() = default;
  virtual DeviceModel device_model(const MsmConfig& config) const = 0;
  // Executes `plan` on scalars (4 limbs each) that are canonical, or checked by the backend itself
  // (checks_scalars); reports the memory it actually took.
  virtual Status msm(const Plan& plan, const uint64_t* scalars, math::G1Affine& out, uint64_t& peak_bytes) = 0;
  // True when msm() refuses scalars ≥ r itself, naming the first, so Context need not read them first
  // (the CUDA backend checks them on the device, which reads them anyway).
  virtual bool checks_scalars() const { return false; }
  // msm() on n = plan.n scalars in CUDA device memory (plans with one point chunk).
  virtual Status msm_device(const Plan& plan, const void* d_scalars, math::G1Affine& out, uint64_t& peak_bytes) {
    (void)plan, (void)d_scalars, (void)out, (void)peak_bytes;
    return Status::InvalidArgument("scalars in device memory need the CUDA backend");
  }
};

// Null when the bases' block cannot be allocated.
std::unique_ptr<BackendImpl> make_cpu_backend(std::vector<math::G1Affine> bases);
#if defined(ZKMSM_HAVE_CUDA)
Status make_cuda_backend(const std::vector<math::G1Affine>& bases, const MsmConfig& config,
                         std::unique_ptr<BackendImpl>& out);
#endif

// Decodes and validates n points in the raw layout; names the index of the first bad point.
Status decode_points(const uint8_t* bytes, uint64_t n, std::vector<math::G1Affine>& out);
// Checks n scalars are canonical (< r); names the index of the first bad one.
Status check_scalars(const uint64_t* scalars, uint64_t n);
AffinePoint encode_point(const math::G1Affine& p);

}  // namespace zkmsm
