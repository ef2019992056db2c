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
constexpr unsigned kScatterWindows = 2;            // windows per grid row of the scatter

// Thread i's scalar (zero past n: dead lanes stay for the warp-wide intrinsics).
__device__ __forceinline__ void load_scalar(const PassArgs& a, uint32_t i, uint64_t* s) {
  s[0] = s[1] = s[2] = s[3] = 0;
  if (i >= a.n) return;
  const ulonglong2* p = reinterpret_cast<const ulonglong2*>(a.d_scalars + 4 * uint64_t{i});
  const ulonglong2 lo = p[0], hi = p[1];
  s[0] = lo.x, s[1] = lo.y, s[2] = hi.x, s[3] = hi.y;
}

// The bucket key of pass window w's digit d (kNoKey for a zero digit).
__device__ __forceinline__ uint32_t bucket_key(uint32_t d, unsigned w, unsigned c) {
  const uint32_t magnitude = d & ~math::kDigitSignBit;
  return magnitude ? w * (1u << (c - 1)) + magnitude - 1 : kNoKey;
}

// Adds each warp's per-bucket counts to d_bucket_ends, every window of the pass per thread, and
// records the least index of a scalar ≥ r (the engine refuses the MSM then).
__global__ void __launch_bounds__(kDigitThreads) count_digits(PassArgs a) {
  const uint32_t i = blockIdx.x * blockDim.x + threadIdx.x;
  uint64_t s[4];
  load_scalar(a, i, s);
  const unsigned lane = threadIdx.x & 31;
  // One atomic per warp with a bad scalar (lanes past n hold zero, which is canonical).
  const uint32_t bad = __reduce_min_sync(0xffffffffu, math::Fr::is_canonical(s) ? UINT32_MAX : a.first_point + i);
  if (lane == 0 && bad != UINT32_MAX) atomicMin(a.d_scalar_check, bad);
  for (unsigned w = 0; w < a.windows; ++w) {
    const uint32_t key = bucket_key(math::signed_digit(s, a.first_window + w, a.c), w, a.c);
    const unsigned peers = __match_any_sync(0xffffffffu, key);
    if (key != kNoKey && static_cast<int>(lane) == __ffs(peers) - 1) atomicAdd(&a.d_bucket_ends[key], __popc(peers));
  }
}

// Claims slots with the same atomics (the counters now hold bucket starts) and writes point index |
// sign for kScatterWindows windows per grid row (blockIdx.y): the blocks in flight then write into
// those windows' slices of d_sorted, which L2 can hold, rather than scattering 4-byte writes over all
// of it; each row re-reads the scalars. H100, 2^24 sort: all windows per thread 19.4 ms, 1 per row
// 12.4, 2 per row 11.7, 4 per row 12.6 (2^22: 3.28 / 3.15 / 3.03). Blocks in flight share a window's
// counters, so digits equal to thread 0's (all-equal scalars, the ones of half-ones) claim their
// slots with one atomic per block; the rest with one per warp and bucket.
__global__ void __launch_bounds__(kDigitThreads) scatter_digits(PassArgs a) {
  const uint32_t i = blockIdx.x * blockDim.x + threadIdx.x;
  uint64_t s[4];
  load_scalar(a, i, s);
  const unsigned lane = threadIdx.x & 31, warp = threadIdx.x >> 5, below = (1u << lane) - 1;
  __shared__ uint32_t block_key, block_base, warp_before[kDigitThreads / 32];
  const unsigned first = blockIdx.y * kScatterWindows, last = min(first + kScatterWindows, a.windows);
  for (unsigned w = first; w < last; ++w) {
    const uint32_t d = math::signed_digit(s, a.first_window + w, a.c);
    const uint32_t key = i < a.n ? bucket_key(d, w, a.c) : kNoKey;
    if (threadIdx.x == 0) block_key = key;
    __syncthreads();
    const bool common = key != kNoKey && key == block_key;
    const unsigned common_lanes = __ballot_sync(0xffffffffu, common);
    if (lane == 0) warp_before[warp] = __popc(common_lanes);
    __syncthreads();
    if (threadIdx.x == 0) {
      uint32_t total = 0;
      for (unsigned k = 0; k < kDigitThreads / 32; ++k) {
        const uint32_t count = warp_before[k];
        warp_before[k] = total;
        total += count;
      }
      block_base = total ? atomicAdd(&a.d_bucket_ends[block_key], total) : 0;
    }
    __syncthreads();
    const uint32_t rest_key = common ? kNoKey : key;
    const unsigned peers = __match_any_sync(0xffffffffu, rest_key);
    const int leader = __ffs(peers) - 1;
    uint32_t base = 0;
    if (rest_key != kNoKey && static_cast<int>(lane) == leader)
      base = atomicAdd(&a.d_bucket_ends[rest_key], __popc(peers));
    base = __shfl_sync(0xffffffffu, base, leader);
    const uint32_t slot = common ? block_base + warp_before[warp] + __popc(common_lanes & below)
                                 : base + __popc(peers & below);
    if (key != kNoKey) a.d_sorted[slot] = i | (d & math::kDigitSignBit);
    __syncthreads();  // block_key and warp_before are reused for the next window
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
  count_digits<<<digit_blocks, kDigitThreads, 0, stream>>>(a);
  scan_tiles<<<a.layout.scan_tiles, kScanThreads, 0, stream>>>(a.d_bucket_ends, buckets, a.d_scan_partials);
  scan_partials<<<1, kScanThreads, 0, stream>>>(a.d_scan_partials, a.layout.scan_tiles);
  add_partials<<<(buckets + 255) / 256, 256, 0, stream>>>(a.d_bucket_ends, buckets, a.d_scan_partials);
  scatter_digits<<<dim3(digit_blocks, (a.windows + kScatterWindows - 1) / kScatterWindows), kDigitThreads, 0,
                   stream>>>(a);
  return cudaGetLastError();
}

}  // namespace zkmsm::cuda
