// Bucket-major counting sort of one pass's signed digits: count → exclusive scan → scatter.
// Same-bucket digits of a warp are aggregated (__match_any_sync) into one atomic, so skewed scalars
// (all equal, half ones) cost no more atomics than uniform ones. Scratch is closed-form: one counter
// per bucket and one partial sum per scan tile (plan/cuda_sizing.hpp).
#include "cuda/pipeline.cuh"
#include "math/digits.hpp"

namespace zkmsm::cuda {
namespace {

using plan::cuda::kNoKey;
using plan::cuda::kScanTile;

constexpr unsigned kDigitThreads = 256;
constexpr unsigned kScanThreads = kScanTile / 2;  // two counters per thread

// For each of the pass's windows: the digit's bucket key (kNoKey for a zero digit) and sign.
// kScatter = false adds each warp's per-bucket counts to d_bucket_ends; kScatter = true claims slots
// with the same atomics (the counters now hold bucket starts) and writes point index | sign.
template <bool kScatter>
__global__ void __launch_bounds__(kDigitThreads) digits_kernel(PassArgs a) {
  const uint32_t i = blockIdx.x * blockDim.x + threadIdx.x;
  const bool live = i < a.n;  // dead lanes stay for the warp-wide intrinsics
  uint64_t s[4] = {0, 0, 0, 0};
  if (live) {
    const ulonglong2* p = reinterpret_cast<const ulonglong2*>(a.d_scalars + 4 * uint64_t{i});
    const ulonglong2 lo = p[0], hi = p[1];
    s[0] = lo.x, s[1] = lo.y, s[2] = hi.x, s[3] = hi.y;
  }
  const uint32_t per_window = 1u << (a.c - 1);
  const unsigned lane = threadIdx.x & 31;
  for (unsigned w = 0; w < a.windows; ++w) {
    const uint32_t d = live ? math::signed_digit(s, a.first_window + w, a.c) : 0;
    const uint32_t magnitude = d & ~math::kDigitSignBit;
    const uint32_t key = magnitude ? w * per_window + magnitude - 1 : kNoKey;
    const unsigned peers = __match_any_sync(0xffffffffu, key);
    const int leader = __ffs(peers) - 1;
    if constexpr (!kScatter) {
      if (key != kNoKey && static_cast<int>(lane) == leader) atomicAdd(&a.d_bucket_ends[key], __popc(peers));
    } else {
      uint32_t base = 0;
      if (key != kNoKey && static_cast<int>(lane) == leader) base = atomicAdd(&a.d_bucket_ends[key], __popc(peers));
      base = __shfl_sync(0xffffffffu, base, leader);
      if (key != kNoKey) a.d_sorted[base + __popc(peers & ((1u << lane) - 1))] = i | (d & math::kDigitSignBit);
    }
  }
}

// Exclusive scan of one value per thread across the block; `total` gets the block's sum.
__device__ uint32_t block_exclusive_scan(uint32_t v, uint32_t& total) {
  __shared__ uint32_t warp_sums[32];
  const unsigned lane = threadIdx.x & 31, warp = threadIdx.x >> 5;
  uint32_t inclusive = v;
  for (int d = 1; d < 32; d <<= 1) {
    const uint32_t up = __shfl_up_sync(0xffffffffu, inclusive, d);
    if (lane >= static_cast<unsigned>(d)) inclusive += up;
  }
  if (lane == 31) warp_sums[warp] = inclusive;
  __syncthreads();
  if (warp == 0) {
    const unsigned warps = blockDim.x >> 5;
    uint32_t x = lane < warps ? warp_sums[lane] : 0;
    for (int d = 1; d < 32; d <<= 1) {
      const uint32_t up = __shfl_up_sync(0xffffffffu, x, d);
      if (lane >= static_cast<unsigned>(d)) x += up;
    }
    warp_sums[lane] = x;  // inclusive over warps
  }
  __syncthreads();
  total = warp_sums[(blockDim.x >> 5) - 1];
  const uint32_t before = warp ? warp_sums[warp - 1] : 0;
  __syncthreads();  // warp_sums is reused by the next call
  return before + inclusive - v;
}

__global__ void __launch_bounds__(kScanThreads) scan_tiles(uint32_t* data, uint64_t count, uint32_t* partials) {
  const uint64_t i = blockIdx.x * kScanTile + 2 * threadIdx.x;
  const uint32_t a = i < count ? data[i] : 0, b = i + 1 < count ? data[i + 1] : 0;
  uint32_t total;
  const uint32_t before = block_exclusive_scan(a + b, total);
  if (i < count) data[i] = before;
  if (i + 1 < count) data[i + 1] = before + a;
  if (threadIdx.x == 0) partials[blockIdx.x] = total;
}

// One block scans all tile partials, kScanThreads at a time, carrying the running total.
__global__ void __launch_bounds__(kScanThreads) scan_partials(uint32_t* partials, uint64_t tiles) {
  uint32_t carry = 0;
  for (uint64_t base = 0; base < tiles; base += kScanThreads) {
    const uint64_t i = base + threadIdx.x;
    const uint32_t v = i < tiles ? partials[i] : 0;
    uint32_t total;
    const uint32_t before = block_exclusive_scan(v, total);
    if (i < tiles) partials[i] = carry + before;
    carry += total;
  }
}

__global__ void add_partials(uint32_t* data, uint64_t count, const uint32_t* partials) {
  const uint64_t i = blockIdx.x * uint64_t{blockDim.x} + threadIdx.x;
  if (i < count) data[i] += partials[i / kScanTile];
}

}  // namespace

cudaError_t sort_digits(const PassArgs& a, cudaStream_t stream) {
  const uint64_t buckets = a.layout.buckets;
  if (cudaError_t e = cudaMemsetAsync(a.d_bucket_ends, 0, buckets * sizeof(uint32_t), stream); e != cudaSuccess)
    return e;
  const unsigned digit_blocks = (a.n + kDigitThreads - 1) / kDigitThreads;
  digits_kernel<false><<<digit_blocks, kDigitThreads, 0, stream>>>(a);
  scan_tiles<<<a.layout.scan_tiles, kScanThreads, 0, stream>>>(a.d_bucket_ends, buckets, a.d_scan_partials);
  scan_partials<<<1, kScanThreads, 0, stream>>>(a.d_scan_partials, a.layout.scan_tiles);
  add_partials<<<(buckets + 255) / 256, 256, 0, stream>>>(a.d_bucket_ends, buckets, a.d_scan_partials);
  digits_kernel<true><<<digit_blocks, kDigitThreads, 0, stream>>>(a);
  return cudaGetLastError();
}

}  // namespace zkmsm::cuda
