// Window reduction W = Σ_k k·B_k (k = 1..2^(c−1)) in two steps, each with a short serial depth.
//   Groups: g consecutive buckets per thread (4, 8 or 16: plan/cuda_sizing.hpp), k = g·q + r + 1
//     (r < g): running sums give U_q = Σ_r (r + 1)·B_k and V_q = Σ_r B_k, so W = Σ_q U_q + g·Σ_q q·V_q.
//   Bits: Σ_q q·V_q = Σ_b 2^b·T_b with T_b the plain sum of the V_q whose q has bit b. Slot j of the
//     window's c bit sums carries weight 2^j: slot 0 gets Σ_q U_q, slot b + log2(g) gets T_b, the rest
//     infinity. Every slot is one block's tree sum, all T·c at once; the host's fold applies the 2^j
//     (it already doubles once per bit of the scalar).
// Reading each bucket once per bit of its magnitude (no groups) cost 2.5 ms at 2^24 (c = 17) against
// 1.6 ms for the former tree of running sums; groups cut those reads g× (~(c − 1 − log2 g)/2 per V_q).
// Empty buckets were not written this pass, so a bucket is read only when its digit range is nonempty
// (every bucket when they hold running sums over point chunks).
#include "cuda/pipeline.cuh"
#include "cuda/warp_points.cuh"

namespace zkmsm::cuda {
namespace {

using math::G1Xyzz;

constexpr unsigned kReduceThreads = 256;

// In place: group t = w·G + q (G groups per window) leaves U_q in its first bucket and V_q in its second
// (in its only one when g = 1, where U_q = V_q), so the reduction needs no memory of its own.
struct GroupSums {
  G1Xyzz* buckets;
  uint64_t group_size;
  __device__ G1Xyzz& u(uint64_t t) const { return buckets[t * group_size]; }
  __device__ G1Xyzz& v(uint64_t t) const { return buckets[t * group_size + (group_size > 1)]; }
};

// Thread t = (w, q): U_q and V_q from the group's buckets, read before either is written. With running
// buckets `ends` is not read: the next pass's first chunk may already be sorting into it (engine.cu).
__global__ void __launch_bounds__(kReduceThreads)
    group_sums(GroupSums out, const uint32_t* __restrict__ ends, uint64_t groups, unsigned windows,
               bool running_buckets) {
  const uint64_t t = blockIdx.x * uint64_t{blockDim.x} + threadIdx.x;
  if (t >= windows * groups) return;
  G1Xyzz running = G1Xyzz::infinity(), sum = G1Xyzz::infinity();
  for (uint64_t r = out.group_size; r-- > 0;) {  // from the top: bucket r is added r + 1 times
    const uint64_t idx = t * out.group_size + r;  // windows are consecutive: w·B + q·g + r
    if (running_buckets || ends[idx] > (idx ? ends[idx - 1] : 0)) running += out.buckets[idx];
    sum += running;
  }
  out.u(t) = sum;
  out.v(t) = running;
}

// Block (j, w): slot j of pass window w into bit_sums[(first_window + w)·c + j].
__global__ void __launch_bounds__(kReduceThreads)
    bit_sums(GroupSums in, uint64_t groups, unsigned log_group,
             unsigned c, unsigned first_window, G1Xyzz* out) {
  const unsigned j = blockIdx.x, w = blockIdx.y;
  const unsigned b = j - log_group;  // the bit of q this slot sums (when j ≥ log_group > 0 or j > 0)
  const bool is_u = j == 0, is_bit = j >= log_group && j > 0 && (uint64_t{1} << b) < groups;
  const uint64_t terms = is_u ? groups : is_bit ? groups / 2 : 0;
  const uint64_t low = is_bit ? (uint64_t{1} << b) - 1 : 0;
  G1Xyzz sum = G1Xyzz::infinity();
  for (uint64_t m = threadIdx.x; m < terms; m += kReduceThreads) {
    if (is_u) {
      sum += in.u(w * groups + m);
    } else {
      const uint64_t q = ((m & ~low) << 1) | (uint64_t{1} << b) | (m & low);  // a one inserted at bit b
      sum += in.v(w * groups + q);
    }
  }
  for (unsigned mask = 16; mask; mask >>= 1) sum += shfl_xor(sum, mask);
  __shared__ G1Xyzz warp_sums[kReduceThreads / 32];
  const unsigned lane = threadIdx.x % 32, warp = threadIdx.x / 32;
  if (lane == 0) warp_sums[warp] = sum;
  __syncthreads();
  if (warp != 0) return;
  sum = lane < kReduceThreads / 32 ? warp_sums[lane] : G1Xyzz::infinity();
  for (unsigned mask = kReduceThreads / 64; mask; mask >>= 1) sum += shfl_xor(sum, mask);
  if (lane == 0) out[uint64_t{first_window + w} * c + j] = sum;
}

}  // namespace

cudaError_t reduce_windows(const PassArgs& a, cudaStream_t stream) {
  const plan::cuda::Layout& l = a.layout;
  const GroupSums sums = {a.d_buckets, l.group_size};
  const uint64_t threads = a.windows * l.groups;
  group_sums<<<static_cast<unsigned>((threads + kReduceThreads - 1) / kReduceThreads), kReduceThreads, 0, stream>>>(
      sums, a.d_bucket_ends, l.groups, a.windows, a.running_buckets);
  unsigned log_group = 0;
  while ((uint64_t{1} << log_group) < l.group_size) ++log_group;
  bit_sums<<<dim3(a.c, a.windows), kReduceThreads, 0, stream>>>(sums, l.groups, log_group, a.c, a.first_window,
                                                                 a.d_bit_sums);
  return cudaGetLastError();
}

}  // namespace zkmsm::cuda
