// Bucket accumulation with load balancing. Level 0 cuts the pass's sorted digits into S equal
// segments, one per thread, whatever the bucket sizes: a bucket holding every point (all scalars
// equal) is spread over as many threads as a uniform input uses. Buckets wholly inside a segment are
// written (added, with point chunks: see WarpQueue). A bucket cut at a segment edge leaves a piece:
// the one cut at the thread's start (its head) waits in shared memory, the one cut at its end (its
// tail) in registers, and at the end each warp joins its lanes' pieces (warp_join): runs that end
// inside the warp are whole buckets, and at most the one cut at the warp's start and the one cut at its
// end leave a piece (key, XYZZ), in slots 2w and 2w + 1 (a run through the whole warp: its sum in 2w,
// an empty piece of the same key in 2w + 1). Later levels sum kPieceChunk consecutive slots per warp
// the same way until one warp holds everything.
#include "cuda/pipeline.cuh"
#include "cuda/warp_points.cuh"
#include "math/digits.hpp"

namespace zkmsm::cuda {
namespace {

using math::G1Affine;
using math::G1Xyzz;
using plan::cuda::kNoKey;
using plan::cuda::kPieceChunk;

// 5 blocks of 128 per SM (at most 96 registers), matching plan::cuda::kSegmentsPerSm = 640: one full
// wave. Left free, the pair-chain multiply takes 102 registers, and 4 blocks per SM would leave the
// 640 segments per SM in two waves. With the older multiply, capping at 80 registers for 6 blocks
// (768 segments per SM) spilled and measured 1-3 % slower (H100, 2026-11-26).
constexpr unsigned kAccumulateThreads = 128;
constexpr unsigned kAccumulateBlocksPerSm = plan::cuda::kSegmentsPerSm / kAccumulateThreads;

struct Pieces {
  G1Xyzz* points;
  uint32_t* keys;
};

// bucket += sum, out of line: inlined into the accumulation's emits, the full addition's registers
// made ptxas spill around the hot loop (24 → 236 bytes).
__device__ __noinline__ void add_into(G1Xyzz* bucket, G1Xyzz sum) { *bucket = *bucket + sum; }

__device__ __forceinline__ void emit(uint32_t key, const G1Xyzz& sum, bool cut_start, bool cut_end, uint64_t t,
                                     G1Xyzz* buckets, bool running, Pieces out) {
  if (!cut_start && !cut_end) {
    if (running) add_into(buckets + key, sum);
    else buckets[key] = sum;
    return;
  }
  const uint64_t slot = 2 * t + (cut_start ? 0 : 1);
  out.points[slot] = sum;
  out.keys[slot] = key;
  if (cut_start && cut_end) {
    out.points[2 * t + 1] = G1Xyzz::infinity();
    out.keys[2 * t + 1] = key;
  }
}

// First bucket whose end lies after digit i.
__device__ __forceinline__ uint32_t bucket_of(const uint32_t* ends, uint32_t buckets, uint32_t i) {
  uint32_t lo = 0, hi = buckets;
  while (lo < hi) {
    const uint32_t mid = (lo + hi) / 2;
    if (ends[mid] > i) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

// With running buckets (point chunks), a bucket finished inside a segment is added into its running
// sum, a full addition. Done by the lane that finishes it, it would stall the other 31 lanes, and
// lanes finish buckets at different steps: measured at 2^24 with 4 chunks (H100), the chunks after the
// first (whose buckets still hold infinity) accumulated in 23.2 ms instead of 12.5. So a warp queues
// its finished sums in shared memory and, outside the hot loop, adds them 32 at a time into their
// buckets, all lanes together. Keys in a queue are distinct (a bucket wholly inside a segment
// belongs to that segment). Drained from kDrainAt queued; one step adds at most 32, so it holds
// kDrainAt + 31. At 16 rather than 32 the queues and the heads fit 5 blocks per SM (211 of 228 KB).
constexpr unsigned kDrainAt = 16;
struct WarpQueue {
  G1Xyzz sums[kDrainAt + 31];
  uint32_t keys[kDrainAt + 31];
};

// Called by all 32 lanes; the lanes with `want` append (key, sum). Returns the new length.
__device__ __forceinline__ unsigned push(WarpQueue& q, unsigned queued, bool want, uint32_t key, const G1Xyzz& sum) {
  const unsigned wants = __ballot_sync(0xffffffffu, want);
  if (want) {
    const unsigned slot = queued + __popc(wants & ((1u << (threadIdx.x % 32)) - 1));
    q.sums[slot] = sum;
    q.keys[slot] = key;
  }
  __syncwarp();
  return queued + __popc(wants);
}

// Called by all 32 lanes: adds the first min(queued, 32) sums into their buckets, moves the rest to
// the front. Returns the new length.
__device__ __forceinline__ unsigned drain(WarpQueue& q, unsigned queued, G1Xyzz* buckets) {
  const unsigned lane = threadIdx.x % 32, taken = min(queued, 32u);
  if (lane < taken) add_into(buckets + q.keys[lane], q.sums[lane]);
  __syncwarp();
  if (lane + 32 < queued) q.sums[lane] = q.sums[lane + 32], q.keys[lane] = q.keys[lane + 32];
  __syncwarp();
  return queued - taken;
}

// A lane's piece: a bucket key (kNoKey: none) and its partial sum.
struct Piece {
  uint32_t key;
  G1Xyzz sum;
};

// Level 0's last step, by all 32 lanes of a warp (`warp`: its index in the grid). Lane l holds its head,
// the bucket cut at its start and finished inside it (key head_key, kNoKey if none; the sum waits in
// shared memory at `head`), and `tail`, the
// bucket cut at its end; `tail_from_start` marks a tail that is also cut at the start (the lane lies
// inside one bucket). In digit order the pieces run head_0, tail_0, head_1, …: a segmented scan of the
// tails by key (5 shuffle-and-add steps) gives each lane its run's tails up to it, and a head closes
// the run of the tail before it. Runs closed inside the warp are whole buckets, except the one cut at
// the warp's start, which becomes slot 2·warp; lane 31's tail is cut at the warp's end: slot 2·warp + 1.
// Out of line: inlined, its additions would crowd the hot loop's registers.
template <bool kRunning>
__device__ __noinline__ void warp_join(uint32_t head_key, const G1Xyzz* head, Piece tail, bool tail_from_start,
                                       uint64_t warp, G1Xyzz* bucket_sums, Pieces out, WarpQueue& queue) {
  const unsigned lane = threadIdx.x % 32;
  const bool has_head = head_key != kNoKey;
  // The bucket cut at the warp's start, if any: lane 0's head, or its tail when that began before it.
  const uint32_t first_key = __shfl_sync(0xffffffffu, has_head ? head_key : tail_from_start ? tail.key : kNoKey, 0);
  for (unsigned d = 1; d < 32; d *= 2) {
    const uint32_t below_key = __shfl_up_sync(0xffffffffu, tail.key, d);
    const G1Xyzz below = shfl_up(tail.sum, d);
    if (lane >= d && below_key == tail.key && tail.key != kNoKey) tail.sum += below;
  }
  const uint32_t before_key = __shfl_up_sync(0xffffffffu, tail.key, 1);
  const G1Xyzz before = shfl_up(tail.sum, 1);
  if (lane == 0) out.keys[2 * warp] = out.keys[2 * warp + 1] = kNoKey;
  __syncwarp();
  G1Xyzz run = G1Xyzz::infinity();
  bool whole = false;
  if (has_head) {
    run = *head;
    if (lane > 0 && before_key == head_key) run += before;
    if (head_key == first_key) emit(head_key, run, true, false, warp, bucket_sums, false, out);
    else whole = true;
  }
  if (lane == 31 && tail.key != kNoKey)
    emit(tail.key, tail.sum, tail.key == first_key, true, warp, bucket_sums, false, out);
  if constexpr (kRunning) {
    unsigned queued = push(queue, 0, whole, head_key, run);
    while (queued) queued = drain(queue, queued, bucket_sums);
  } else if (whole) {
    bucket_sums[head_key] = run;
  }
}

template <bool kRunning>
__global__ void __launch_bounds__(kAccumulateThreads, kAccumulateBlocksPerSm)
    accumulate_digits(const uint32_t* __restrict__ ends, uint32_t buckets, const uint32_t* __restrict__ sorted,
                      const G1Affine* __restrict__ bases, uint64_t segments, G1Xyzz* bucket_sums, Pieces out) {
  __shared__ WarpQueue queues[kRunning ? kAccumulateThreads / 32 : 1];
  __shared__ G1Xyzz heads[kAccumulateThreads];
  const uint64_t t = blockIdx.x * uint64_t{blockDim.x} + threadIdx.x;
  if (t / 32 * 32 >= segments) return;  // whole warps past the last segment
  const uint64_t digits = ends[buckets - 1];
  const uint64_t length = (digits + segments - 1) / segments;
  const uint32_t begin = static_cast<uint32_t>(min(t * length, digits));
  const uint32_t end = t < segments ? static_cast<uint32_t>(min(uint64_t{begin} + length, digits)) : begin;
  WarpQueue& queue = queues[kRunning ? threadIdx.x / 32 : 0];
  unsigned queued = 0;
  uint32_t g = 0, g_end = 0, head_key = kNoKey;
  bool cut_start = false;
  if (begin < end) {
    g = bucket_of(ends, buckets, begin);
    cut_start = (g ? ends[g - 1] : 0) < begin;
    g_end = ends[g];
  }
  G1Xyzz sum = G1Xyzz::infinity();
  const uint32_t steps = kRunning ? static_cast<uint32_t>(length) : end - begin;  // warp-uniform when queued
  for (uint32_t j = 0; j < steps;) {
    for (; j < steps && queued < kDrainAt; ++j) {
      const uint32_t i = begin + j;
      const bool finished = i < end && g_end <= i;
      if (finished && cut_start) heads[threadIdx.x] = sum, head_key = g;
      if constexpr (kRunning) queued = push(queue, queued, finished && !cut_start, g, sum);
      else if (finished && !cut_start) bucket_sums[g] = sum;
      if (finished) {
        // The next nonempty bucket: usually the next one. Skewed digits leave long runs of empty buckets
        // (all equal: ~2^c between one window's bucket and the next's), which a walk crossed at one
        // dependent load per bucket; the search takes log steps.
        g = ends[g + 1] > i ? g + 1 : bucket_of(ends, buckets, i);
        g_end = ends[g];
        cut_start = false;
        sum = G1Xyzz::infinity();
      }
      if (i < end) {
        const uint32_t e = sorted[i];
        G1Affine p = bases[e & ~math::kDigitSignBit];
        if (e & math::kDigitSignBit) p.y = -p.y;
        sum = sum.add_mixed(p);
      }
    }
    if constexpr (kRunning) queued = drain(queue, queued, bucket_sums);
  }
  // The last bucket: cut at the end (the tail), closing a head, or whole.
  const bool cut_end = begin < end && g_end > end;
  const bool closes_head = begin < end && !cut_end && cut_start;
  if (closes_head) heads[threadIdx.x] = sum, head_key = g;
  const bool whole = begin < end && !cut_end && !cut_start;
  if constexpr (kRunning) {
    queued = push(queue, queued, whole, g, sum);
    while (queued) queued = drain(queue, queued, bucket_sums);
  } else if (whole) {
    bucket_sums[g] = sum;
  }
  const Piece tail = {cut_end ? g : kNoKey, cut_end ? sum : G1Xyzz::infinity()};
  warp_join<kRunning>(head_key, &heads[threadIdx.x], tail, cut_end && cut_start, t / 32, bucket_sums, out, queue);
}

// Levels ≥ 1: one warp per kPieceChunk = 32 consecutive slots, one slot per lane. A segmented
// inclusive scan by key (5 shuffle-and-add steps; a bucket's slots are contiguous, so equal keys are
// one run) leaves each run's sum in its last lane, which emits it as warp_join does (a whole bucket, or
// a piece in slot 2·warp or 2·warp + 1). Serial depth 5 additions per level instead of up to 32 for a
// lone thread.
__global__ void __launch_bounds__(kAccumulateThreads)
    combine_pieces(const uint32_t* __restrict__ keys_in, const G1Xyzz* __restrict__ points_in, uint64_t count,
                   uint64_t warps, G1Xyzz* bucket_sums, bool running, Pieces out) {
  static_assert(kPieceChunk == 32 && kAccumulateThreads % 32 == 0, "one warp per chunk of slots");
  const uint64_t warp = (blockIdx.x * uint64_t{blockDim.x} + threadIdx.x) / 32;
  if (warp >= warps) return;  // whole warps
  const unsigned lane = threadIdx.x % 32;
  const uint64_t i = warp * 32 + lane;
  const uint32_t key = i < count ? keys_in[i] : kNoKey;
  G1Xyzz sum = key != kNoKey ? points_in[i] : G1Xyzz::infinity();
  for (unsigned d = 1; d < 32; d *= 2) {
    const uint32_t below_key = __shfl_up_sync(0xffffffffu, key, d);
    const G1Xyzz below = shfl_up(sum, d);
    if (lane >= d && below_key == key && key != kNoKey) sum += below;
  }
  const uint32_t above_key = __shfl_down_sync(0xffffffffu, key, 1);
  const bool starts_at_lane_0 = __shfl_sync(0xffffffffu, key, 0) == key;
  if (lane == 0) out.keys[2 * warp] = out.keys[2 * warp + 1] = kNoKey;
  __syncwarp();
  if (key == kNoKey || (lane < 31 && above_key == key)) return;  // not the last lane of a run
  const bool cut_start = starts_at_lane_0 && warp > 0 && keys_in[warp * 32 - 1] == key;
  const bool cut_end = lane == 31 && i + 1 < count && keys_in[i + 1] == key;
  emit(key, sum, cut_start, cut_end, warp, bucket_sums, running, out);
}

__global__ void fill_infinity(G1Xyzz* buckets, uint64_t count) {
  const uint64_t i = blockIdx.x * uint64_t{blockDim.x} + threadIdx.x;
  if (i < count) buckets[i] = G1Xyzz::infinity();
}

unsigned blocks_for(uint64_t threads) {
  return static_cast<unsigned>((threads + kAccumulateThreads - 1) / kAccumulateThreads);
}

}  // namespace

cudaError_t clear_buckets(const PassArgs& a, cudaStream_t stream) {
  fill_infinity<<<blocks_for(a.layout.buckets), kAccumulateThreads, 0, stream>>>(a.d_buckets, a.layout.buckets);
  return cudaGetLastError();
}

cudaError_t accumulate_buckets(const PassArgs& a, cudaStream_t stream, cudaEvent_t digits_read) {
  const plan::cuda::Layout& l = a.layout;
  Pieces buffers[2] = {
      {reinterpret_cast<G1Xyzz*>(a.d_scratch + l.piece_points_a_offset()),
       reinterpret_cast<uint32_t*>(a.d_scratch + l.piece_keys_a_offset())},
      {reinterpret_cast<G1Xyzz*>(a.d_scratch + l.piece_points_b_offset()),
       reinterpret_cast<uint32_t*>(a.d_scratch + l.piece_keys_b_offset())},
  };
  auto* level_0 = a.running_buckets ? accumulate_digits<true> : accumulate_digits<false>;
  level_0<<<blocks_for(l.segments), kAccumulateThreads, 0, stream>>>(
      a.d_bucket_ends, static_cast<uint32_t>(l.buckets), a.d_sorted, a.d_bases, l.segments, a.d_buckets, buffers[0]);
  if (digits_read)
    if (cudaError_t e = cudaEventRecord(digits_read, stream); e != cudaSuccess) return e;
  // Same level sequence as plan::cuda::layout sizes: level 0 leaves 2 slots per warp in buffer a, level
  // k ≥ 1 reads buffer (k − 1) % 2.
  uint64_t warps = plan::cuda::ceil_div(l.segments, 32);
  for (int level = 1; warps > 1; ++level) {
    const uint64_t count = 2 * warps;
    warps = (count + kPieceChunk - 1) / kPieceChunk;
    const Pieces& in = buffers[(level - 1) % 2];
    combine_pieces<<<blocks_for(warps * 32), kAccumulateThreads, 0, stream>>>(
        in.keys, in.points, count, warps, a.d_buckets, a.running_buckets, buffers[level % 2]);
  }
  return cudaGetLastError();
}

}  // namespace zkmsm::cuda
