// Warp shuffles of XYZZ points (16 64-bit limbs each), for the warp-level sums of the combine and the
// reduction.
#pragma once
#include "math/g1.hpp"

namespace zkmsm::cuda {

// Every limb of v through `shuffle` (a 64-bit __shfl_*_sync over the full warp).
template <class Shuffle>
__device__ __forceinline__ math::G1Xyzz shuffle_point(const math::G1Xyzz& v, Shuffle shuffle) {
  math::G1Xyzz r;
  math::Fp* out[4] = {&r.X, &r.Y, &r.ZZ, &r.ZZZ};
  const math::Fp* in[4] = {&v.X, &v.Y, &v.ZZ, &v.ZZZ};
#pragma unroll
  for (int f = 0; f < 4; ++f)
#pragma unroll
    for (int i = 0; i < 4; ++i) out[f]->l[i] = shuffle(in[f]->l[i]);
  return r;
}

// The lane d below (itself on lanes < d).
__device__ __forceinline__ math::G1Xyzz shfl_up(const math::G1Xyzz& v, unsigned d) {
  return shuffle_point(v, [d](uint64_t x) { return __shfl_up_sync(0xffffffffu, x, d); });
}

// The lane `mask` away (xor).
__device__ __forceinline__ math::G1Xyzz shfl_xor(const math::G1Xyzz& v, unsigned mask) {
  return shuffle_point(v, [mask](uint64_t x) { return __shfl_xor_sync(0xffffffffu, x, mask); });
}

}  // namespace zkmsm::cuda
