// Test-only: runs src/math operations on the GPU (device_ops.cu) so tests can compare with the host.
#pragma once
#include <vector>

#include "math/batch_affine.hpp"
#include "zkmsm/status.hpp"

namespace zkmsm::gpu_test {

struct FieldResults {
  std::vector<math::Fp> mul, add, sub, sqr, neg, inv;
  std::vector<math::Fr> fr_mul;
};
// Element-wise over a[i], b[i] (Fp) and fa[i], fb[i] (Fr).
Status device_field_ops(const std::vector<math::Fp>& a, const std::vector<math::Fp>& b,
                        const std::vector<math::Fr>& fa, const std::vector<math::Fr>& fb, FieldResults& out);

struct PointResults {
  std::vector<math::G1Affine> mixed;   // (XYZZ p) + affine q, then to_affine
  std::vector<math::G1Affine> full;    // (XYZZ p) + (XYZZ q)
  std::vector<math::G1Affine> dbl;     // 2·p through XYZZ dbl
  std::vector<math::G1Affine> affine;  // affine_add_denominator / inverse / affine_add_finish
};
Status device_point_ops(const std::vector<math::G1Affine>& p, const std::vector<math::G1Affine>& q,
                        PointResults& out);

}  // namespace zkmsm::gpu_test
