// Window reduction W = Σ_k k·B_k (k = 1..2^(c−1)) by the bits of k: W = Σ_b 2^b·S_b with S_b the
// plain sum of the buckets whose magnitude k has bit b. Every S_b is one block's tree sum, all
// T·c of them at once, so the serial depth is a few additions per thread plus log2(256) = 8 — not a
// chain through the window's buckets. The 2^b weights are left to the host's fold, which already
// doubles once per bit of the scalar. Empty buckets were not written this pass, so a bucket is read
// only when its digit range is nonempty (every bucket when they hold running sums over point chunks).
#include "cuda/pipeline.cuh"

namespace zkmsm::cuda {
namespace {

using math::G1Xyzz;

constexpr unsigned kReduceThreads = 256;

// The lane `mask` away (xor) of an XYZZ point.
__device__ __forceinline__ G1Xyzz shfl_xor(const G1Xyzz& v, unsigned mask) {
  G1Xyzz r;
  math::Fp* out[4] = {&r.X, &r.Y, &r.ZZ, &r.ZZZ};
  const math::Fp* in[4] = {&v.X, &v.Y, &v.ZZ, &v.ZZZ};
#pragma unroll
  for (int f = 0; f < 4; ++f)
#pragma unroll
    for (int i = 0; i < 4; ++i) out[f]->l[i] = __shfl_xor_sync(0xffffffffu, in[f]->l[i], mask);
  return r;
}

// Block (b, w): S_b of pass window w into bit_sums[(first_window + w)·c + b]. The magnitudes with
// bit b are k = (m with a one inserted at bit b) for m < 2^(c−2), and k = 2^(c−1) alone for b = c − 1.
__global__ void __launch_bounds__(kReduceThreads)
    bit_sums(const G1Xyzz* __restrict__ buckets, const uint32_t* __restrict__ ends, unsigned c,
             unsigned first_window, bool running_buckets, G1Xyzz* out) {
  const unsigned b = blockIdx.x, w = blockIdx.y;
  const uint64_t per_window = uint64_t{1} << (c - 1);
  const uint64_t terms = b + 1 < c ? per_window / 2 : 1;
  const uint64_t low = (uint64_t{1} << b) - 1;
  G1Xyzz sum = G1Xyzz::infinity();
  for (uint64_t m = threadIdx.x; m < terms; m += kReduceThreads) {
    const uint64_t k = ((m & ~low) << 1) | (uint64_t{1} << b) | (m & low);
    const uint64_t idx = w * per_window + k - 1;
    if (running_buckets || ends[idx] > (idx ? ends[idx - 1] : 0)) sum += buckets[idx];
  }
  for (unsigned mask = 16; mask; mask >>= 1) sum += shfl_xor(sum, mask);
  __shared__ G1Xyzz warp_sums[kReduceThreads / 32];
  const unsigned lane = threadIdx.x % 32, warp = threadIdx.x / 32;
  if (lane == 0) warp_sums[warp] = sum;
  __syncthreads();
  if (warp != 0) return;
  sum = lane < kReduceThreads / 32 ? warp_sums[lane] : G1Xyzz::infinity();
  for (unsigned mask = kReduceThreads / 64; mask; mask >>= 1) sum += shfl_xor(sum, mask);
  if (lane == 0) out[uint64_t{first_window + w} * c + b] = sum;
}

}  // namespace

cudaError_t reduce_windows(const PassArgs& a, cudaStream_t stream) {
  bit_sums<<<dim3(a.c, a.windows), kReduceThreads, 0, stream>>>(a.d_buckets, a.d_bucket_ends, a.c, a.first_window,
                                                                 a.running_buckets, a.d_bit_sums);
  return cudaGetLastError();
}

}  // namespace zkmsm::cuda
