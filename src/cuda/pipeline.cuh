// The kernels of one window pass, as launch functions over the pass's slices of the arena.
// Order on one stream: sort_digits → accumulate_buckets → reduce_windows. Each returns the first
// launch error (launch errors stay pending until cudaGetLastError reads them).
#pragma once
#include <cuda_runtime.h>

#include <cstddef>
#include <cstdint>

#include "math/g1.hpp"
#include "plan/cuda_sizing.hpp"

namespace zkmsm::cuda {

struct PassArgs {
  const uint64_t* d_scalars;        // n scalars, 4 limbs each
  const math::G1Affine* d_bases;    // n Montgomery affine bases
  uint32_t n;
  uint32_t first_point;             // index of d_scalars[0] in the MSM (point chunks)
  uint32_t* d_scalar_check;         // atomicMin of the index of every scalar ≥ r (0xffffffff: none)
  unsigned c;
  unsigned first_window, windows;   // this pass's windows [first_window, first_window + windows)
  uint32_t* d_bucket_ends;          // buckets: local key g = w·2^(c−1) + magnitude − 1
  uint32_t* d_scan_partials;
  uint32_t* d_sorted;               // point index | sign bit, bucket-major
  math::G1Xyzz* d_buckets;          // written only for nonempty buckets; the reduction skips the rest
  std::byte* d_scratch;             // edge pieces of the accumulation (plan::cuda::Layout)
  math::G1Xyzz* d_bit_sums;         // T·c sums: window j, bit b at j·c + b; each pass writes its windows'
  plan::cuda::Layout layout;
  // Points streamed in chunks: the buckets hold running sums (cleared once per pass), accumulation
  // adds each chunk's sums into them and the reduction reads every bucket. Otherwise accumulation
  // writes only the nonempty buckets and the reduction reads those (d_bucket_ends tells which).
  bool running_buckets;
};

// Zeroes the counters (the per-pass reset), counts digits per bucket, scans, scatters. Afterwards
// d_bucket_ends[g] is the end of bucket g in d_sorted (its start is the end of g − 1, or 0). The
// count also validates the scalars (into d_scalar_check), so the host need not read them.
cudaError_t sort_digits(const PassArgs& a, cudaStream_t stream);
// Sums every nonempty bucket into d_buckets, in equal work per thread whatever the bucket sizes.
// Records `digits_read` (if given) once d_sorted and d_bucket_ends are no longer read, so that the
// next chunk may be sorted into them while the combine levels run. Only with running buckets: without,
// the reduction reads d_bucket_ends to skip empty buckets.
cudaError_t accumulate_buckets(const PassArgs& a, cudaStream_t stream, cudaEvent_t digits_read = nullptr);
// Sets every bucket of the pass to infinity (the start of running sums).
cudaError_t clear_buckets(const PassArgs& a, cudaStream_t stream);
// d_bit_sums[(first_window + w)·c + b], b < c: sums of weight 2^b for the pass's windows w, such that
// window j's Σ_k k·B_{j,k} = Σ_b 2^b·d_bit_sums[j·c + b] (reduce.cu says which sums).
cudaError_t reduce_windows(const PassArgs& a, cudaStream_t stream);

}  // namespace zkmsm::cuda
