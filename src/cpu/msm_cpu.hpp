// CPU backend: executes a Plan. Working memory comes only from the caller's arena of
// plan.working_bytes() bytes.
#pragma once
#include <cstddef>
#include <cstdint>

#include "math/g1.hpp"
#include "zkmsm/plan.hpp"

namespace zkmsm::cpu {

// Σ scalars[i]·bases[i]; scalars are canonical 4×64-bit little-endian values < r, bases Montgomery
// affine points ((0, 0) = infinity).
math::G1Affine msm(const Plan& plan, const math::G1Affine* bases, const uint64_t* scalars, std::byte* arena);

}  // namespace zkmsm::cpu
